package io.nextops.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
 * @param workers request worker settings
 * @param logging logging settings
 * @param dataDir where the embedded database, uploaded files and secrets live
 */
public record ServerConfig(Http http, Database database, Workers workers, Logging logging, Path dataDir) {

    /** Listener settings. {@code port} 0 picks a free port (tests). */
    public record Http(String host, int port, Duration keepAlive, Duration gracefulTimeout) {}

    /**
     * Database settings. {@code url} null means: start the embedded PostgreSQL under the data dir.
     * {@code poolSize} is the HikariCP maximum; {@code connMaxAge} the longest a pooled connection lives.
     */
    public record Database(DatabaseUrl url, int poolSize, Duration connMaxAge, Duration connectTimeout,
                           Duration leakDetection) {
        public boolean embedded() {
            return url == null;
        }

        /** Host and database name only: never the password. */
        public String describe() {
            return url == null ? "embedded PostgreSQL (data dir)" : url.describe();
        }
    }

    /** How requests are run: how many at once, how many may wait, when workers are recycled, the request deadline. */
    public record Workers(int count, WorkerClass workerClass, int maxConnections, int queue, int maxRequests,
                          int maxRequestsJitter, Duration timeout) {}

    /** Logging settings. {@code level} is a logback level name. */
    public record Logging(String level, LogFormat format, boolean accessLog) {}

    /** Log line format. */
    public enum LogFormat { JSON, TEXT }

    /** Worker thread kind: platform threads (default) or, on Java 21+, virtual threads. */
    public enum WorkerClass { THREADS, VIRTUAL }

    public static final int DEFAULT_WORKERS = 8;

    /** Reads and validates every variable; throws {@link ConfigException} listing all problems at once. */
    public static ServerConfig fromEnv(Map<String, String> env) {
        EnvReader r = new EnvReader(env);

        String host = r.string("HOST", "0.0.0.0");
        int port = r.integer("PORT", 8000, 0, 65535);
        Duration keepAlive = r.seconds("KEEPALIVE", Duration.ofSeconds(5), 1, 3600, "GUNICORN_KEEPALIVE");
        Duration graceful = r.seconds("GRACEFUL_TIMEOUT", Duration.ofSeconds(30), 0, 3600, "GUNICORN_GRACEFUL_TIMEOUT");

        int workers = r.integer("WORKERS", DEFAULT_WORKERS, 1, 1024, "GUNICORN_WORKERS", "WEB_CONCURRENCY");
        WorkerClass workerClass = r.parse("WORKER_CLASS", WorkerClass.THREADS,
                new String[] {"GUNICORN_WORKER_CLASS"}, ServerConfig::workerClass,
                "one of threads, virtual (gunicorn's sync, gthread, gevent, eventlet, tornado mean threads)");
        int maxConnections = r.integer("WORKER_CONNECTIONS", 500, 1, 100_000, "GUNICORN_WORKER_CONNECTIONS");
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
                r.problem("DATABASE_URL: " + e.getMessage());
            }
        }
        int poolSize = r.integer("DB_POOL_SIZE", workers + 2, 1, 1000);
        Duration maxAge = r.seconds("DB_CONN_MAX_AGE", Duration.ofSeconds(60), 30, 86_400);
        Duration connectTimeout = r.seconds("DB_CONNECT_TIMEOUT", Duration.ofSeconds(5), 1, 300);
        Duration leak = r.seconds("DB_LEAK_DETECTION", timeout.plusSeconds(5), 0, 86_400);

        String level = r.parse("LOG_LEVEL", "WARN", new String[0], ServerConfig::logLevel,
                "one of TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL, OFF");
        LogFormat format = r.parse("LOG_FORMAT", LogFormat.JSON, new String[0],
                v -> LogFormat.valueOf(v.toUpperCase(Locale.ROOT)), "json or text");
        boolean accessLog = r.bool("ACCESS_LOG", true);

        Path dataDir = Path.of(r.string("NEXTOPS_DATA_DIR", "./data")).toAbsolutePath().normalize();

        if (!r.problems().isEmpty()) {
            throw new ConfigException(r.problems());
        }
        return new ServerConfig(
                new Http(host, port, keepAlive, graceful),
                new Database(url, poolSize, maxAge, connectTimeout, leak),
                new Workers(workers, workerClass, maxConnections, queue, maxRequests, jitter, timeout),
                new Logging(level, format, accessLog),
                dataDir);
    }

    static WorkerClass workerClass(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "threads", "thread", "sync", "gthread", "gevent", "eventlet", "tornado" -> WorkerClass.THREADS;
            case "virtual" -> WorkerClass.VIRTUAL;
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
        m.put("workers", workers.count());
        m.put("worker_class", workers.workerClass().name().toLowerCase(Locale.ROOT));
        m.put("worker_queue", workers.queue());
        m.put("worker_connections", workers.maxConnections());
        m.put("max_requests", workers.maxRequests() + " (+0.." + workers.maxRequestsJitter() + ")");
        m.put("timeout", workers.timeout().toSeconds() + "s");
        m.put("graceful_timeout", http.gracefulTimeout().toSeconds() + "s");
        m.put("keepalive", http.keepAlive().toSeconds() + "s");
        m.put("db_pool_size", database.poolSize());
        m.put("db_conn_max_age", database.connMaxAge().toSeconds() + "s");
        m.put("database", database.describe());
        m.put("data_dir", dataDir.toString());
        m.put("log_level", logging.level());
        m.put("log_format", logging.format().name().toLowerCase(Locale.ROOT));
        return m;
    }
}
