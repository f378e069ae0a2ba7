package io.nextops.server.config;

import io.nextops.memory.MemoryConfig;
import io.nextops.invoices.upload.UploadConfig;
import io.nextops.workers.LaneConfig;
import io.nextops.workers.LanesConfig;
import io.nextops.workers.WorkerPoolConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The whole validated configuration of the server, read from environment variables by {@link #fromEnv(Map)}.
 * Every worker variable also accepts its {@code GUNICORN_}-prefixed name so an existing deployment keeps working;
 * see {@code docs/configuration.md}. Immutable and thread-safe.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.fromEnv(System.getenv());   // throws ConfigException listing every problem
 * Server server = NextOpsServer.create(config, database);
 * }</pre>
 *
 * @param http listener settings
 * @param database database settings
 * @param lanes the request workers: the light lane ({@code WORKERS}, {@code WORKER_QUEUE}, {@code MAX_REQUESTS}, ...)
 *              and the heavy lane ({@code HEAVY_WORKERS}, {@code HEAVY_QUEUE}, {@code HEAVY_MEMORY_MB})
 * @param heavyNice the Linux nice value of the heavy lane's threads ({@code HEAVY_NICE}, 0 to 19; 0 leaves them at
 *                  normal priority)
 * @param logging logging settings
 * @param dataDir where the embedded database, uploaded files and secrets live
 * @param auth authentication settings
 * @param memory memory monitoring settings ({@code MEMORY_*} variables, see the memory-monitor module)
 * @param uploads invoice upload storage and limits ({@code UPLOAD_*} variables)
 * @param otImport limits of the OT import ({@code OT_IMPORT_*} variables)
 * @param blobs where uploaded files are stored ({@code BLOB_STORE} and the {@code S3_*} variables)
 */
public record ServerConfig(Http http, Database database, LanesConfig lanes, int heavyNice, Logging logging, Path dataDir, AuthConfig auth,
                           MemoryConfig memory, UploadConfig uploads,
                           io.nextops.ots.imports.OtImportLimits otImport, BlobStoreConfig blobs) {

    /** Every part is present; each one validated itself when it was built. */
    public ServerConfig {
        Objects.requireNonNull(http, "http must not be null");
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(lanes, "lanes must not be null");
        if (heavyNice < 0 || heavyNice > 19) {
            throw new IllegalArgumentException("heavyNice must be between 0 and 19, was " + heavyNice);
        }
        Objects.requireNonNull(logging, "logging must not be null");
        Objects.requireNonNull(dataDir, "dataDir must not be null");
        Objects.requireNonNull(auth, "auth must not be null");
        Objects.requireNonNull(memory, "memory must not be null");
        Objects.requireNonNull(uploads, "uploads must not be null");
        Objects.requireNonNull(otImport, "otImport must not be null");
        Objects.requireNonNull(blobs, "blobs must not be null");
    }

    /**
     * Listener settings. {@code port} 0 picks a free port (tests); {@code maxConnections} caps open connections
     * ({@code WORKER_CONNECTIONS}); {@code trustedProxies} are the peers whose forwarded-for headers give the client
     * address ({@code TRUSTED_PROXIES}, nobody by default).
     */
    public record Http(String host, int port, Duration keepAlive, Duration gracefulTimeout, int maxConnections,
                       TrustedProxies trustedProxies) {
        public Http {
            Objects.requireNonNull(host, "host must not be null");
            Objects.requireNonNull(trustedProxies, "trustedProxies must not be null");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
            }
            if (keepAlive.isNegative() || gracefulTimeout.isNegative()) {
                throw new IllegalArgumentException("keepAlive and gracefulTimeout must be >= 0, were " + keepAlive
                        + " and " + gracefulTimeout);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
            }
        }

        /** Trusting no proxy. */
        public Http(String host, int port, Duration keepAlive, Duration gracefulTimeout, int maxConnections) {
            this(host, port, keepAlive, gracefulTimeout, maxConnections, TrustedProxies.none());
        }
    }

    /**
     * Database settings. {@code url} null means: start the embedded PostgreSQL under the data dir.
     * {@code poolSize} is the HikariCP maximum; {@code connMaxAge} the longest a pooled connection lives.
     */
    public record Database(DatabaseUrl url, int poolSize, Duration connMaxAge, Duration connectTimeout,
                           Duration leakDetection) {
        public Database {
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be >= 1, was " + poolSize);
            }
            if (connMaxAge.isNegative() || connectTimeout.isNegative() || leakDetection.isNegative()) {
                throw new IllegalArgumentException("connMaxAge, connectTimeout and leakDetection must be >= 0, were "
                        + connMaxAge + ", " + connectTimeout + " and " + leakDetection);
            }
        }

        public boolean embedded() {
            return url == null;
        }

        /** Host and database name only: never the password. */
        public String describe() {
            return url == null ? "embedded PostgreSQL (data dir)" : url.describe();
        }
    }

    /** Logging settings. {@code level} is a logback level name. */
    public record Logging(String level, LogFormat format, boolean accessLog) {
        public Logging {
            Objects.requireNonNull(level, "level must not be null");
            Objects.requireNonNull(format, "format must not be null");
        }
    }

    /** Log line format. */
    public enum LogFormat { JSON, TEXT }

    public static final int DEFAULT_WORKERS = 8;
    /** Heavy jobs at once without a budget applied: what the default 256 MB budget derives (MemoryBudget.heavyJobs). */
    public static final int DEFAULT_HEAVY_WORKERS = 4;
    /** Memory the heavy lane's reservations may add up to: the default 256 MB budget's share. */
    public static final int DEFAULT_HEAVY_MEMORY_MB = 96;
    /** Nice value of the heavy lane's threads: light requests' threads weigh about 9x theirs on a busy core. */
    public static final int DEFAULT_HEAVY_NICE = 10;

    /** Reads and validates every variable; throws {@link ConfigException} listing all problems at once. */
    public static ServerConfig fromEnv(Map<String, String> env) {
        EnvReader r = new EnvReader(env);

        String host = r.string("HOST", "0.0.0.0");
        int port = r.integer("PORT", 8000, 0, 65535);
        Duration keepAlive = r.seconds("KEEPALIVE", Duration.ofSeconds(5), 1, 3600, "GUNICORN_KEEPALIVE");
        Duration graceful = r.seconds("GRACEFUL_TIMEOUT", Duration.ofSeconds(30), 0, 3600, "GUNICORN_GRACEFUL_TIMEOUT");

        int workers = r.integer("WORKERS", DEFAULT_WORKERS, 1, 1024, "GUNICORN_WORKERS", "WEB_CONCURRENCY");
        WorkerPoolConfig.Mode workerClass = r.parse("WORKER_CLASS", WorkerPoolConfig.Mode.PLATFORM,
                new String[] {"GUNICORN_WORKER_CLASS"}, ServerConfig::workerClass,
                "one of threads, virtual (gunicorn's sync, gthread, gevent, eventlet, tornado mean threads)");
        if (workerClass == WorkerPoolConfig.Mode.VIRTUAL && Runtime.version().feature() < 21) {
            r.problem(r.setName("WORKER_CLASS", "GUNICORN_WORKER_CLASS") + ": virtual threads need Java 21+, running "
                    + Runtime.version().feature() + "; use threads");
        }
        int maxConnections = r.integer("WORKER_CONNECTIONS", 500, 1, 100_000, "GUNICORN_WORKER_CONNECTIONS");
        TrustedProxies trustedProxies = r.parse("TRUSTED_PROXIES", TrustedProxies.none(), new String[0],
                TrustedProxies::parse, "a comma-separated list of IPv4 or IPv6 CIDRs with no bits set after the prefix"
                        + " (e.g. 10.0.0.0/8,fd00::/8)");
        int queue = r.integer("WORKER_QUEUE", 64, 0, 100_000, "GUNICORN_WORKER_QUEUE");
        int maxRequests = r.integer("MAX_REQUESTS", 500, 0, Integer.MAX_VALUE, "GUNICORN_MAX_REQUESTS");
        int jitter = r.integer("MAX_REQUESTS_JITTER", 50, 0, Integer.MAX_VALUE, "GUNICORN_MAX_REQUESTS_JITTER");
        Duration timeout = r.seconds("TIMEOUT", Duration.ofSeconds(120), 1, 86_400, "GUNICORN_TIMEOUT");

        DatabaseUrl url = null;
        String rawUrl = r.string("DATABASE_URL", null);
        if (rawUrl != null) {
            try {
                url = DatabaseUrl.parse(rawUrl);
            } catch (IllegalArgumentException e) {
                r.problem("DATABASE_URL: " + e.getMessage()); // the value is not shown: it may hold a password
            }
        }
        int heavyWorkers = r.integer("HEAVY_WORKERS", DEFAULT_HEAVY_WORKERS, 1, 256);
        int heavyQueue = r.integer("HEAVY_QUEUE", 8, 0, 10_000);
        int heavyMemoryMb = r.integer("HEAVY_MEMORY_MB", DEFAULT_HEAVY_MEMORY_MB, 1, 1024 * 1024);
        int heavyNice = r.integer("HEAVY_NICE", DEFAULT_HEAVY_NICE, 0, 19);
        BlobStoreConfig blobs = BlobStoreConfig.fromEnv(r);
        // with S3, an upload also holds the connection of its digest lock while the file goes to the store
        int heavyConnections = blobs.kind() == BlobStoreConfig.Kind.S3 ? 2 * heavyWorkers : heavyWorkers;
        int poolSize = r.integer("DB_POOL_SIZE", workers + heavyConnections + 2, 1, 1000);
        Duration maxAge = r.seconds("DB_CONN_MAX_AGE", Duration.ofSeconds(60), 30, 86_400);
        Duration connectTimeout = r.seconds("DB_CONNECT_TIMEOUT", Duration.ofSeconds(5), 1, 300);
        Duration leak = r.seconds("DB_LEAK_DETECTION", timeout.plusSeconds(5), 0, 86_400);

        String level = r.parse("LOG_LEVEL", "WARN", new String[0], ServerConfig::logLevel,
                "one of TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL, OFF");
        LogFormat format = r.parse("LOG_FORMAT", LogFormat.JSON, new String[0],
                v -> LogFormat.valueOf(v.toUpperCase(Locale.ROOT)), "json or text");
        boolean accessLog = r.bool("ACCESS_LOG", true);

        Path dataDir = Path.of(r.string("NEXTOPS_DATA_DIR", "./data")).toAbsolutePath().normalize();

        AuthConfig auth = AuthConfig.fromEnv(r, rawUrl != null);

        UploadConfig uploads = uploads(r, dataDir);
        io.nextops.ots.imports.OtImportLimits otImport = otImport(r);

        MemoryConfig memory = MemoryConfig.fromEnv(r); // MEMORY_*, parsed by memory-monitor, read and reported by r
        if (r.setName(MemoryConfig.ENV_USER_ATTRIBUTE) == null) {
            memory = memory.withUserAttribute("nextops.caller"); // the authenticated caller (io.nextops.web.Caller)
        }

        if (!r.problems().isEmpty()) {
            throw new ConfigException(r.problems());
        }
        return new ServerConfig(
                new Http(host, port, keepAlive, graceful, maxConnections, trustedProxies),
                new Database(url, poolSize, maxAge, connectTimeout, leak),
                lanes(WorkerPoolConfig.defaults().withName(LanesConfig.LIGHT).withWorkers(workers)
                        .withQueueCapacity(queue).withTaskTimeout(timeout).withMaxTasksPerWorker(maxRequests)
                        .withMaxTasksJitter(jitter).withMode(workerClass), heavyWorkers, heavyQueue,
                        heavyMemoryMb * (1L << 20)),
                heavyNice,
                new Logging(level, format, accessLog),
                dataDir,
                auth,
                memory,
                uploads,
                otImport,
                blobs);
    }

    private static UploadConfig uploads(EnvReader r, Path dataDir) {
        Path dir = Path.of(r.string("UPLOAD_DIR", dataDir.resolve("files").toString())).toAbsolutePath().normalize();
        int maxFileMb = r.integer("UPLOAD_MAX_FILE_MB", 10, 1, 1024 * 1024);
        int maxFiles = r.integer("UPLOAD_MAX_FILES", UploadConfig.DEFAULT_MAX_FILES, 1, 1000);
        long maxFileBytes = maxFileMb * UploadConfig.MIB;
        long defaultRequestMb = UploadConfig.defaultMaxRequestBytes(maxFiles, maxFileBytes) / UploadConfig.MIB;
        int maxRequestMb = r.integer("UPLOAD_MAX_REQUEST_MB", (int) Math.min(Integer.MAX_VALUE, defaultRequestMb),
                1, Integer.MAX_VALUE);
        if (maxRequestMb < maxFileMb) {
            r.invalid("UPLOAD_MAX_REQUEST_MB", ">= UPLOAD_MAX_FILE_MB (" + maxFileMb + ")");
            maxRequestMb = maxFileMb;
        }
        return new UploadConfig(dir, maxFileBytes, maxFiles, maxRequestMb * UploadConfig.MIB);
    }

    /** OT import limits: per file size, uncompressed size (zip bombs), shared strings (heap) and rows. */
    private static io.nextops.ots.imports.OtImportLimits otImport(EnvReader r) {
        long mb = io.nextops.ots.imports.OtImportLimits.MB;
        return io.nextops.ots.imports.OtImportLimits.defaults()
                .withMaxFileBytes(r.integer("OT_IMPORT_MAX_FILE_MB", 10, 1, 1024) * mb)
                .withMaxUncompressedBytes(r.integer("OT_IMPORT_MAX_UNCOMPRESSED_MB", 200, 1, 16_384) * mb)
                .withMaxSharedStringsBytes(r.integer("OT_IMPORT_MAX_SHARED_STRINGS_MB", 16, 1, 1024) * mb)
                .withMaxRows(r.integer("OT_IMPORT_MAX_ROWS", 500_000, 1, 10_000_000))
                .withMode(r.parse("OT_IMPORT_MODE", io.nextops.ots.imports.OtImportLimits.Mode.ROWS, new String[0],
                        io.nextops.ots.imports.OtImportLimits.Mode::parse, "rows or strict"));
    }

    /**
     * Two lanes: {@code light} (lists, details, catalogs, auth, CRUD) with the {@code WORKERS} settings, never
     * memory-gated; {@code heavy} (exports, uploads, imports, large pages) with the same timeout and recycling, its own
     * workers and queue, {@code heavyBytes} of memory reservations (a reservation that does not fit waits in the
     * queue), and refused while memory is critical.
     */
    static LanesConfig lanes(WorkerPoolConfig light, int heavyWorkers, int heavyQueue, long heavyBytes) {
        return LanesConfig.of(LaneConfig.defaults(LanesConfig.LIGHT).withPool(light),
                LaneConfig.defaults(LanesConfig.HEAVY)
                        .withPool(light.withName(LanesConfig.HEAVY).withWorkers(heavyWorkers)
                                .withQueueCapacity(heavyQueue))
                        .withCapacityBytes(heavyBytes).withOverflow(LaneConfig.Overflow.WAIT).withMemoryGated(true));
    }

    /** The light lane's pool: {@code WORKERS}, {@code WORKER_QUEUE}, {@code TIMEOUT}, {@code MAX_REQUESTS}, ... */
    public WorkerPoolConfig workers() {
        return lanes.lane(LanesConfig.LIGHT).pool();
    }

    /** The heavy lane: {@code HEAVY_WORKERS}, {@code HEAVY_QUEUE}, {@code HEAVY_MEMORY_MB}. */
    public LaneConfig heavy() {
        return lanes.lane(LanesConfig.HEAVY);
    }

    static WorkerPoolConfig.Mode workerClass(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "threads", "thread", "sync", "gthread", "gevent", "eventlet", "tornado" -> WorkerPoolConfig.Mode.PLATFORM;
            case "virtual" -> WorkerPoolConfig.Mode.VIRTUAL;
            default -> throw new IllegalArgumentException("unknown worker class");
        };
    }

    /** Maps Python/gunicorn level names (WARNING, CRITICAL) to logback's. */
    static String logLevel(String raw) {
        return switch (raw.toUpperCase(Locale.ROOT)) {
            case "TRACE" -> "TRACE";
            case "DEBUG" -> "DEBUG";
            case "INFO" -> "INFO";
            case "WARN", "WARNING" -> "WARN";
            case "ERROR", "CRITICAL", "FATAL" -> "ERROR";
            case "OFF" -> "OFF";
            default -> throw new IllegalArgumentException("unknown log level");
        };
    }

    /** The effective settings as ordered key/value pairs for the start-up log block; never holds a password. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bind", http.host() + ":" + http.port());
        WorkerPoolConfig workers = workers();
        m.put("workers", workers.workers());
        m.put("worker_class", workers.mode() == WorkerPoolConfig.Mode.VIRTUAL ? "virtual" : "threads");
        m.put("worker_queue", workers.queueCapacity());
        m.put("heavy_lane", heavy().pool().workers() + " workers, queue " + heavy().pool().queueCapacity() + ", "
                + (heavy().capacityBytes() >> 20) + " MB of reservations");
        m.put("worker_connections", http.maxConnections());
        m.put("trusted_proxies", http.trustedProxies().toString());
        m.put("max_requests", workers.maxTasksPerWorker() + " (+0.." + workers.maxTasksJitter() + ")");
        m.put("timeout", workers.taskTimeout().toSeconds() + "s");
        m.put("graceful_timeout", http.gracefulTimeout().toSeconds() + "s");
        m.put("keepalive", http.keepAlive().toSeconds() + "s");
        m.put("db_pool_size", database.poolSize());
        m.put("db_conn_max_age", database.connMaxAge().toSeconds() + "s");
        m.put("database", database.describe());
        m.put("data_dir", dataDir.toString());
        m.put("blob_store", blobs.kind() == BlobStoreConfig.Kind.S3 ? "s3, " + blobs.s3().describe()
                + ", multipart sweep " + (blobs.s3SweepInterval().isZero() ? "at start only"
                : "every " + blobs.s3SweepInterval().toSeconds() + "s") : "filesystem");
        m.put("uploads", uploads.dir() + ", " + uploads.maxFileBytes() / UploadConfig.MIB + " MB x "
                + uploads.maxFiles() + " files, " + uploads.maxRequestBytes() / UploadConfig.MIB + " MB per request");
        long mb = io.nextops.ots.imports.OtImportLimits.MB;
        m.put("ot_import", otImport.maxFileBytes() / mb + " MB per file, " + otImport.maxUncompressedBytes() / mb
                + " MB uncompressed, " + otImport.maxSharedStringsBytes() / mb + " MB shared strings, "
                + otImport.maxRows() + " rows");
        m.put("jwt_secret", auth.jwtSecret() == null ? "generated, in data dir" : "from JWT_SECRET");
        m.put("token_lifetimes", "access " + auth.accessTokenLifetime().toMinutes() + "m, refresh "
                + auth.refreshTokenLifetime().toDays() + "d");
        m.put("metrics_token", auth.metricsToken() == null ? "unset (loopback only)" : "set");
        m.put("login_limits", auth.maxFailuresPerUsername() + " per username, " + auth.maxFailuresPerAddress()
                + " per address in " + auth.failureWindow().toSeconds() + "s");
        m.put("log_level", logging.level());
        m.put("log_format", logging.format().name().toLowerCase(Locale.ROOT));
        return m;
    }
}
