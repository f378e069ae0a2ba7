package io.nextops.server.config;

import io.nextops.memory.MemoryConfig;
import io.nextops.memory.Thresholds;
import io.nextops.workers.WorkerPoolConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {

    @Test
    void defaultsMatchTheOriginalDeployment() {
        ServerConfig c = ServerConfig.fromEnv(Map.of());
        assertThat(c.http().port()).isEqualTo(8000);
        assertThat(c.http().host()).isEqualTo("0.0.0.0");
        assertThat(c.http().keepAlive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.http().gracefulTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.workers().taskTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.workers().workers()).isEqualTo(ServerConfig.DEFAULT_WORKERS);
        assertThat(c.workers().mode()).isEqualTo(WorkerPoolConfig.Mode.PLATFORM);
        assertThat(c.http().maxConnections()).isEqualTo(500);
        assertThat(c.workers().queueCapacity()).isEqualTo(64);
        assertThat(c.workers().maxTasksPerWorker()).isEqualTo(500);
        assertThat(c.workers().maxTasksJitter()).isEqualTo(50);
        assertThat(c.database().embedded()).isTrue();
        assertThat(c.database().poolSize()).isEqualTo(ServerConfig.DEFAULT_WORKERS + ServerConfig.DEFAULT_HEAVY_WORKERS + 2);
        assertThat(c.database().connMaxAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.logging().level()).isEqualTo("WARN");
        assertThat(c.logging().format()).isEqualTo(ServerConfig.LogFormat.JSON);
        assertThat(c.logging().accessLog()).isTrue();
        assertThat(c.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "9000");
        env.put("DATABASE_URL", "postgres://u:p@db.example:6543/ops");
        env.put("JWT_SECRET", "a-jwt-secret-of-at-least-32-bytes-long");
        env.put("DB_POOL_SIZE", "7");
        env.put("DB_CONN_MAX_AGE", "300");
        env.put("DB_CONNECT_TIMEOUT", "3");
        env.put("DB_LEAK_DETECTION", "45");
        env.put("LOG_LEVEL", "info");
        env.put("LOG_FORMAT", "text");
        env.put("ACCESS_LOG", "false");
        env.put("GRACEFUL_TIMEOUT", "10");
        env.put("KEEPALIVE", "15");
        env.put("TIMEOUT", "60");
        env.put("WORKERS", "3");
        env.put("WORKER_CLASS", "threads");
        env.put("WORKER_CONNECTIONS", "200");
        env.put("WORKER_QUEUE", "16");
        env.put("MAX_REQUESTS", "1000");
        env.put("MAX_REQUESTS_JITTER", "100");
        env.put("NEXTOPS_DATA_DIR", "/var/lib/nextops");
        ServerConfig c = ServerConfig.fromEnv(env);
        assertThat(c.http()).isEqualTo(new ServerConfig.Http("127.0.0.1", 9000, Duration.ofSeconds(15), Duration.ofSeconds(10), 200));
        assertThat(c.database().url().host()).isEqualTo("db.example");
        assertThat(c.database().poolSize()).isEqualTo(7);
        assertThat(c.database().connMaxAge()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.database().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.database().leakDetection()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.logging()).isEqualTo(new ServerConfig.Logging("INFO", ServerConfig.LogFormat.TEXT, false));
        assertThat(c.workers()).isEqualTo(WorkerPoolConfig.defaults().withName("light").withWorkers(3)
                .withQueueCapacity(16).withMaxTasksPerWorker(1000).withMaxTasksJitter(100)
                .withTaskTimeout(Duration.ofSeconds(60)));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/nextops"));
    }

    @Test
    void acceptsGunicornNamesForEveryWorkerVariable() {
        Map<String, String> env = Map.of(
                "GUNICORN_WORKERS", "2",
                "GUNICORN_WORKER_CLASS", "gevent",
                "GUNICORN_WORKER_CONNECTIONS", "500",
                "GUNICORN_WORKER_QUEUE", "10",
                "GUNICORN_MAX_REQUESTS", "500",
                "GUNICORN_MAX_REQUESTS_JITTER", "50",
                "GUNICORN_TIMEOUT", "120",
                "GUNICORN_GRACEFUL_TIMEOUT", "20",
                "GUNICORN_KEEPALIVE", "7");
        ServerConfig c = ServerConfig.fromEnv(env);
        assertThat(c.workers()).isEqualTo(WorkerPoolConfig.defaults().withName("light").withWorkers(2)
                .withQueueCapacity(10).withMaxTasksPerWorker(500).withMaxTasksJitter(50)
                .withTaskTimeout(Duration.ofSeconds(120)));
        assertThat(c.http().maxConnections()).isEqualTo(500);
        assertThat(c.http().gracefulTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.http().keepAlive()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.database().poolSize()).as("pool follows the worker count of both lanes").isEqualTo(2 + ServerConfig.DEFAULT_HEAVY_WORKERS + 2);
    }

    @Test
    void virtualWorkersNeedJava21() {
        if (Runtime.version().feature() >= 21) {
            assertThat(ServerConfig.fromEnv(Map.of("WORKER_CLASS", "virtual")).workers().mode())
                    .isEqualTo(WorkerPoolConfig.Mode.VIRTUAL);
        } else {
            assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("WORKER_CLASS", "virtual")))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                            .containsExactly("WORKER_CLASS: virtual threads need Java 21+, running "
                                    + Runtime.version().feature() + "; use threads"));
        }
    }

    @Test
    void authDefaultsMatchTheOriginal() {
        AuthConfig a = ServerConfig.fromEnv(Map.of()).auth();
        assertThat(a.jwtSecret()).as("embedded default: generated into the data dir").isNull();
        assertThat(a.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(60));
        assertThat(a.refreshTokenLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(a.metricsToken()).isNull();
        assertThat(a.passwordIterations()).isEqualTo(600_000);
        assertThat(a.maxFailuresPerUsername()).isEqualTo(5);
        assertThat(a.maxFailuresPerAddress()).isEqualTo(20);
        assertThat(a.failureWindow()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void readsEveryAuthVariable() {
        AuthConfig a = ServerConfig.fromEnv(Map.of(
                "JWT_SECRET", "x".repeat(32),
                "JWT_ACCESS_TOKEN_LIFETIME_MINUTES", "15",
                "JWT_REFRESH_TOKEN_LIFETIME_DAYS", "1",
                "METRICS_TOKEN", "m".repeat(16),
                "PASSWORD_HASH_ITERATIONS", "1000",
                "LOGIN_MAX_FAILURES_PER_USERNAME", "3",
                "LOGIN_MAX_FAILURES_PER_ADDRESS", "0",
                "LOGIN_FAILURE_WINDOW_SECONDS", "60")).auth();
        assertThat(a).isEqualTo(new AuthConfig("x".repeat(32), Duration.ofMinutes(15), Duration.ofDays(1),
                "m".repeat(16), 1000, 3, 0, Duration.ofSeconds(60)));
    }

    @Test
    void readsTheOtImportLimits() {
        assertThat(ServerConfig.fromEnv(Map.of()).otImport()).isEqualTo(io.nextops.ots.imports.OtImportLimits.defaults());
        io.nextops.ots.imports.OtImportLimits l = ServerConfig.fromEnv(Map.of("OT_IMPORT_MAX_FILE_MB", "20",
                "OT_IMPORT_MAX_UNCOMPRESSED_MB", "300", "OT_IMPORT_MAX_SHARED_STRINGS_MB", "8",
                "OT_IMPORT_MAX_ROWS", "1000")).otImport();
        assertThat(l.maxFileBytes()).isEqualTo(20L << 20);
        assertThat(l.maxUncompressedBytes()).isEqualTo(300L << 20);
        assertThat(l.maxSharedStringsBytes()).isEqualTo(8L << 20);
        assertThat(l.maxRows()).isEqualTo(1000);
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("OT_IMPORT_MAX_ROWS", "0", "OT_IMPORT_MAX_FILE_MB", "x")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(String.join("\n", e.problems()))
                        .contains("OT_IMPORT_MAX_ROWS", "OT_IMPORT_MAX_FILE_MB"));
    }

    @Test
    void jwtSecretIsRequiredWithAnExternalDatabaseAndMustBeLongEnough() {
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("DATABASE_URL", "postgres://u:p@db:5432/ops")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> assertThat(p).startsWith("JWT_SECRET: required")));
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("JWT_SECRET", "too-short-secret",
                "METRICS_TOKEN", "short", "PASSWORD_HASH_ITERATIONS", "10", "JWT_ACCESS_TOKEN_LIFETIME_MINUTES", "0")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).isEqualTo("JWT_SECRET: must be at least 32 bytes, was 16"))
                        .anySatisfy(p -> assertThat(p).startsWith("METRICS_TOKEN: must be at least 16"))
                        .anySatisfy(p -> assertThat(p).startsWith("PASSWORD_HASH_ITERATIONS:"))
                        .anySatisfy(p -> assertThat(p).startsWith("JWT_ACCESS_TOKEN_LIFETIME_MINUTES:"))
                        .allSatisfy(p -> assertThat(p).doesNotContain("too-short-secret")));
    }

    @Test
    void plainNameWinsOverGunicornName() {
        ServerConfig c = ServerConfig.fromEnv(Map.of("WORKERS", "5", "GUNICORN_WORKERS", "2"));
        assertThat(c.workers().workers()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource({"WARNING,WARN", "warning,WARN", "CRITICAL,ERROR", "ERROR,ERROR", "DEBUG,DEBUG", "info,INFO", "off,OFF"})
    void acceptsPythonLogLevelNames(String given, String expected) {
        assertThat(ServerConfig.fromEnv(Map.of("LOG_LEVEL", given)).logging().level()).isEqualTo(expected);
    }

    @Test
    void reportsEveryInvalidVariableTogether() {
        Map<String, String> env = Map.of(
                "PORT", "eighty",
                "WORKERS", "0",
                "GUNICORN_TIMEOUT", "-1",
                "LOG_LEVEL", "LOUD",
                "LOG_FORMAT", "xml",
                "DATABASE_URL", "mysql://x/y",
                "DB_CONN_MAX_AGE", "5",
                "WORKER_CLASS", "fibers",
                "ACCESS_LOG", "maybe");
        assertThatThrownBy(() -> ServerConfig.fromEnv(env))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(10)
                        .anySatisfy(p -> assertThat(p).startsWith("JWT_SECRET: required when DATABASE_URL is set"))
                        .anySatisfy(p -> assertThat(p).startsWith("PORT:").contains("\"eighty\""))
                        .anySatisfy(p -> assertThat(p).startsWith("WORKERS:").contains("between 1 and"))
                        .anySatisfy(p -> assertThat(p).startsWith("GUNICORN_TIMEOUT:"))
                        .anySatisfy(p -> assertThat(p).startsWith("LOG_LEVEL:"))
                        .anySatisfy(p -> assertThat(p).startsWith("LOG_FORMAT:"))
                        .anySatisfy(p -> assertThat(p).startsWith("DATABASE_URL:"))
                        .anySatisfy(p -> assertThat(p).startsWith("DB_CONN_MAX_AGE:"))
                        .anySatisfy(p -> assertThat(p).startsWith("WORKER_CLASS:"))
                        .anySatisfy(p -> assertThat(p).startsWith("ACCESS_LOG:")));
    }

    @Test
    void describeNeverShowsThePassword() {
        ServerConfig c = ServerConfig.fromEnv(Map.of("DATABASE_URL", "postgres://admin:s3cret-pw@db:5432/ops",
                "JWT_SECRET", "jwt-secret-that-must-never-be-shown-0123", "METRICS_TOKEN", "metrics-token-never-shown"));
        assertThat(c.describe().toString() + c.auth()).doesNotContain("jwt-secret-that").doesNotContain("metrics-token-never");
        assertThat(c.describe().toString()).contains("db:5432/ops").doesNotContain("s3cret-pw");
        assertThat(c.database().url().toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void otImportModeIsRowsByDefaultStrictOnRequestAndAnythingElseIsAProblem() {
        assertThat(ServerConfig.fromEnv(Map.of()).otImport().mode())
                .isEqualTo(io.nextops.ots.imports.OtImportLimits.Mode.ROWS);
        assertThat(ServerConfig.fromEnv(Map.of("OT_IMPORT_MODE", "strict")).otImport().mode())
                .isEqualTo(io.nextops.ots.imports.OtImportLimits.Mode.STRICT);
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("OT_IMPORT_MODE", "lenient")))
                .hasMessageContaining("OT_IMPORT_MODE");
    }

    @Test
    void uploadsDefaultUnderTheDataDirAndReadTheirVariables() {
        ServerConfig d = ServerConfig.fromEnv(Map.of("NEXTOPS_DATA_DIR", "/srv/nextops"));
        assertThat(d.uploads().dir()).isEqualTo(Path.of("/srv/nextops/files"));
        assertThat(d.uploads().maxFileBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(d.uploads().maxFiles()).isEqualTo(20);
        assertThat(d.uploads().maxRequestBytes()).isEqualTo(201L * 1024 * 1024);

        ServerConfig c = ServerConfig.fromEnv(Map.of("UPLOAD_DIR", "/mnt/blobs", "UPLOAD_MAX_FILE_MB", "2",
                "UPLOAD_MAX_FILES", "3"));
        assertThat(c.uploads().dir()).isEqualTo(Path.of("/mnt/blobs"));
        assertThat(c.uploads().maxFileBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(c.uploads().maxRequestBytes()).isEqualTo(7L * 1024 * 1024);
        assertThat(ServerConfig.fromEnv(Map.of("UPLOAD_MAX_REQUEST_MB", "50")).uploads().maxRequestBytes())
                .isEqualTo(50L * 1024 * 1024);
    }

    @Test
    void reportsInvalidUploadVariablesTogether() {
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("UPLOAD_MAX_FILE_MB", "0", "UPLOAD_MAX_FILES", "many",
                "UPLOAD_MAX_REQUEST_MB", "5", "PORT", "-1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(p -> assertThat(p).startsWith("UPLOAD_MAX_FILE_MB:"))
                        .anySatisfy(p -> assertThat(p).startsWith("UPLOAD_MAX_FILES:"))
                        .anySatisfy(p -> assertThat(p).startsWith("PORT:")));
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("UPLOAD_MAX_FILE_MB", "20", "UPLOAD_MAX_REQUEST_MB", "5")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("UPLOAD_MAX_REQUEST_MB: must be >= UPLOAD_MAX_FILE_MB (20), was \"5\""));
    }

    @Test
    void blobStoreIsTheFilesystemByDefaultAndS3ReadsItsVariables() {
        assertThat(ServerConfig.fromEnv(Map.of()).blobs()).isEqualTo(BlobStoreConfig.filesystem());
        assertThat(ServerConfig.fromEnv(Map.of("BLOB_STORE", "FileSystem", "S3_BUCKET", "ignored-here")).blobs().kind())
                .isEqualTo(BlobStoreConfig.Kind.FILESYSTEM);
        ServerConfig c = ServerConfig.fromEnv(Map.of("BLOB_STORE", "s3", "S3_ENDPOINT", "http://minio:9000",
                "S3_BUCKET", "nextops-files", "S3_REGION", "eu-west-1", "S3_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "S3_SECRET_ACCESS_KEY", "very-secret-key", "S3_PATH_STYLE", "true", "S3_PREFIX", "/prod/invoices/"));
        io.nextops.server.blobs.S3Config s3 = c.blobs().s3();
        assertThat(c.blobs().kind()).isEqualTo(BlobStoreConfig.Kind.S3);
        assertThat(s3.endpoint()).hasToString("http://minio:9000");
        assertThat(s3.bucket()).isEqualTo("nextops-files");
        assertThat(s3.region()).isEqualTo("eu-west-1");
        assertThat(s3.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(s3.secretAccessKey()).isEqualTo("very-secret-key");
        assertThat(s3.pathStyle()).isTrue();
        assertThat(s3.prefix()).isEqualTo("prod/invoices");
        assertThat(s3.toString()).doesNotContain("very-secret-key");
        assertThat(c.describe().toString()).contains("s3://nextops-files/prod/invoices/ at http://minio:9000")
                .doesNotContain("very-secret-key");
        ServerConfig aws = ServerConfig.fromEnv(Map.of("BLOB_STORE", "s3", "S3_BUCKET", "b-1",
                "S3_ACCESS_KEY_ID", "id", "S3_SECRET_ACCESS_KEY", "k"));
        assertThat(aws.blobs().s3().endpoint()).isNull();
        assertThat(aws.blobs().s3().region()).isEqualTo("us-east-1");
        assertThat(aws.blobs().s3().pathStyle()).isFalse();
        assertThat(aws.blobs().s3().prefix()).isEmpty();
        assertThat(aws.blobs().s3SweepInterval()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(aws.describe().toString()).contains("multipart sweep every 60s");
    }

    @Test
    void s3SweepIntervalIsWholeSecondsAndZeroMeansOnlyAtStart() {
        Map<String, String> s3 = Map.of("BLOB_STORE", "s3", "S3_BUCKET", "b-1", "S3_ACCESS_KEY_ID", "id",
                "S3_SECRET_ACCESS_KEY", "k");
        java.util.function.Function<String, Map<String, String>> with = v -> {
            Map<String, String> env = new java.util.HashMap<>(s3);
            env.put("S3_SWEEP_INTERVAL", v);
            return env;
        };
        assertThat(ServerConfig.fromEnv(with.apply("5")).blobs().s3SweepInterval())
                .isEqualTo(java.time.Duration.ofSeconds(5));
        ServerConfig once = ServerConfig.fromEnv(with.apply("0"));
        assertThat(once.blobs().s3SweepInterval()).isZero();
        assertThat(once.describe().toString()).contains("multipart sweep at start only");
        assertThatThrownBy(() -> ServerConfig.fromEnv(with.apply("-1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "S3_SWEEP_INTERVAL: must be a whole number of seconds between 0 and 86400, was \"-1\""));
    }

    @Test
    void s3VariablesAreCheckedTogetherAndTheSecretIsNeverShown() {
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("BLOB_STORE", "s3")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "S3_BUCKET: required when BLOB_STORE=s3",
                        "S3_ACCESS_KEY_ID: required when BLOB_STORE=s3",
                        "S3_SECRET_ACCESS_KEY: required when BLOB_STORE=s3"));
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("BLOB_STORE", "gcs", "S3_ENDPOINT", "ftp://x",
                "S3_PATH_STYLE", "maybe", "S3_PREFIX", "a/../b", "S3_SECRET_ACCESS_KEY", "hidden-value")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "BLOB_STORE: must be filesystem or s3, was \"gcs\"",
                        "S3_ENDPOINT: must be an http:// or https:// URL with a host, e.g. "
                                + "https://s3.eu-west-1.amazonaws.com, was \"ftp://x\"",
                        "S3_PATH_STYLE: must be true or false, was \"maybe\"",
                        "S3_PREFIX: must be segments of letters, digits, '.', '_' and '-' separated by '/', was "
                                + "\"a/../b\""));
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("BLOB_STORE", "s3", "S3_BUCKET", "Bad_Bucket",
                "S3_ACCESS_KEY_ID", "id", "S3_SECRET_ACCESS_KEY", "hidden-value")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("S3_BUCKET: must be a bucket name: 3-63 characters of a-z, 0-9, '.' and '-', "
                                + "was \"Bad_Bucket\"")
                        .allSatisfy(p -> assertThat(p).doesNotContain("hidden-value")));
    }

    @Test
    void readsTheMemoryVariablesWithTheSameReader() {
        assertThat(ServerConfig.fromEnv(Map.of("MEMORY_BUDGET_MB", "512", "MEMORY_THRESHOLDS", "absolute:100,200,300",
                "MEMORY_HISTORY_SIZE", " 50 ")).memory())
                .isEqualTo(MemoryConfig.defaults().withBudgetMb(512).withThresholds(Thresholds.absoluteMb(100, 200, 300))
                        .withHistorySize(50).withUserAttribute("nextops.caller"));
        assertThat(ServerConfig.fromEnv(Map.of("MEMORY_USER_ATTRIBUTE", "who")).memory().userAttribute())
                .isEqualTo("who");
    }

    @Test
    void reportsMemoryAndServerVariablesTogetherInOneFormat() {
        Map<String, String> env = Map.of(
                "PORT", "eighty",
                "WORKERS", "0",
                "ACCESS_LOG", "maybe",
                "DB_CONN_MAX_AGE", "5",
                "UPLOAD_MAX_FILES", "many",
                "OT_IMPORT_MAX_ROWS", "0",
                "MEMORY_BUDGET_MB", "lots",
                "MEMORY_LOG_SAMPLE_RATE", "2",
                "MEMORY_THRESHOLDS", "relative:0.9,0.5",
                "MEMORY_LEAK_MIN_RISE_MB", "0");
        assertThatThrownBy(() -> ServerConfig.fromEnv(env))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(10)
                        .allSatisfy(p -> assertThat(p).matches("[A-Z_]+: must be .+, was \".*\""))
                        .contains("PORT: must be an integer between 0 and 65535, was \"eighty\"",
                                "WORKERS: must be an integer between 1 and 1024, was \"0\"",
                                "ACCESS_LOG: must be true or false, was \"maybe\"",
                                "DB_CONN_MAX_AGE: must be a whole number of seconds between 30 and 86400, was \"5\"",
                                "MEMORY_BUDGET_MB: must be a whole number of MB, 0 (none) or more, was \"lots\"",
                                "MEMORY_LOG_SAMPLE_RATE: must be a number between 0.0 and 1.0, was \"2\"",
                                "MEMORY_LEAK_MIN_RISE_MB: must be a whole number of MB, 1 or more, was \"0\""));
    }

    @Test
    void partsAreValidatedWhenBuilt() {
        assertThatThrownBy(() -> new ServerConfig.Http("h", 70_000, Duration.ZERO, Duration.ZERO, 1))
                .hasMessage("port must be in [0, 65535], was 70000");
        assertThatThrownBy(() -> new ServerConfig.Database(null, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessage("poolSize must be >= 1, was 0");
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(ServerConfig.fromEnv(Map.of("PORT", "  ", "DATABASE_URL", "")).http().port()).isEqualTo(8000);
    }
}
