package io.nextops.server.db;

import io.nextops.invoices.InvoicesModule;
import io.nextops.ots.OtsModule;
import org.jdbi.v3.core.Jdbi;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.nextops.server.config.ServerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's PostgreSQL: opens the pool (starting the embedded server first when no URL is configured) and
 * migrates the schema. {@link #close()} closes the pool, then stops the embedded server. Thread-safe.
 *
 * <pre>{@code
 * try (Database db = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS)) {
 *     Jdbi jdbi = db.jdbi();
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Migration folders of every module, in dependency order. */
    public static final List<String> MIGRATIONS = List.of(
            OtsModule.MIGRATIONS, InvoicesModule.MIGRATIONS, "classpath:db/migration/server");

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final StatementCanceller canceller;
    private final Jdbi jdbi;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        this.canceller = new StatementCanceller(pool);
        this.jdbi = Jdbi.create(pool);
    }

    /** Opens the pool and runs migrations; on failure everything started so far is stopped again. */
    public static Database open(ServerConfig.Database settings, Path dataDir, List<String> migrations) {
        EmbeddedPostgres embedded = null;
        HikariDataSource pool = null;
        try {
            HikariConfig hc = new HikariConfig();
            if (settings.embedded()) {
                embedded = startEmbedded(dataDir.resolve("postgres"));
                hc.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
                hc.setUsername("postgres");
            } else {
                hc.setJdbcUrl(settings.url().jdbcUrl());
                hc.setUsername(settings.url().user());
                hc.setPassword(settings.url().password());
            }
            hc.setPoolName("nextops-db");
            hc.setMaximumPoolSize(settings.poolSize());
            hc.setMinimumIdle(Math.min(2, settings.poolSize()));
            hc.setMaxLifetime(settings.connMaxAge().toMillis());
            hc.setIdleTimeout(Math.max(10_000, Math.min(settings.connMaxAge().toMillis() / 2, 600_000)));
            hc.setConnectionTimeout(settings.connectTimeout().toMillis());
            hc.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 5_000));
            long maxLifetime = settings.connMaxAge().toMillis();
            // Hikari wants both below the max lifetime; a connection held longer than that is reported as a leak
            hc.setKeepaliveTime(maxLifetime / 2 >= 30_000 ? maxLifetime / 2 : 0);
            long leak = Math.min(settings.leakDetection().toMillis(), maxLifetime - 1_000);
            hc.setLeakDetectionThreshold(leak >= 2_000 ? leak : 0);
            // do not block start-up forever on an unreachable database; fail fast with a clear message instead
            hc.setInitializationFailTimeout(settings.connectTimeout().toMillis());
            // Session state is set once per connection, never per borrow. The pool's isolation and autocommit are the
            // server's defaults, so Hikari never resets them on return; lists set REPEATABLE READ inside their own
            // transaction (ots Listing.inSnapshot) instead of SET SESSION + SHOW per request (ListRoundTripsIT).
            hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            hc.setAutoCommit(true);
            hc.setIsolateInternalQueries(false);
            // pgjdbc: a statement text run 5 times on a connection becomes server-prepared (no Parse, no re-plan);
            // the list, count and detail texts of every filter combination in use fit the per-connection cache
            hc.addDataSourceProperty("prepareThreshold", "5");
            hc.addDataSourceProperty("preparedStatementCacheQueries", "512");
            hc.addDataSourceProperty("preparedStatementCacheSizeMiB", "8");
            hc.addDataSourceProperty("ApplicationName", "nextops-lean");
            hc.addDataSourceProperty("tcpKeepAlive", "true");
            pool = new HikariDataSource(hc);
            migrate(pool, migrations);
            return new Database(embedded, pool);
        } catch (RuntimeException e) {
            closeQuietly(pool, embedded);
            throw e;
        }
    }

    /** Starts (or restarts) the embedded PostgreSQL whose data lives in {@code dir}; existing data is kept. */
    public static EmbeddedPostgres startEmbedded(Path dir) {
        return startEmbedded(dir, 0);
    }

    /** As {@link #startEmbedded(Path)} on a fixed {@code port} (0 picks a free one). */
    public static EmbeddedPostgres startEmbedded(Path dir, int port) {
        try {
            Files.createDirectories(dir.getParent());
            Path binaries = dir.resolveSibling("postgres-binaries");
            EmbeddedBinaries.ensureUnpacked(binaries);
            log.info("starting embedded PostgreSQL with data in {}", dir);
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("shared_buffers", "32MB")
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dir, e);
        }
    }

    /** Runs the migrations at {@code migrations} (Flyway locations) on {@code dataSource}: {@link Migrations}. */
    static void migrate(DataSource dataSource, List<String> migrations) {
        Migrations.run(dataSource, migrations);
    }

    /** The one Jdbi over the pool (created once; every module and command shares it). */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pooled data source; statements run through it can be cancelled with {@link #cancelStatementsOf}. */
    public DataSource dataSource() {
        return canceller;
    }

    /**
     * Asks PostgreSQL to cancel the statements that connections held by {@code thread} are running (a request past
     * its deadline); returns how many connections were asked.
     */
    public int cancelStatementsOf(Thread thread) {
        return canceller.cancelStatementsOf(thread);
    }

    /** The pool itself, for metrics (active, idle, waiting). */
    public HikariDataSource pool() {
        return pool;
    }

    /** True when this database is the embedded server. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        closeQuietly(pool, embedded);
    }

    private static void closeQuietly(HikariDataSource pool, EmbeddedPostgres embedded) {
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException | RuntimeException e) {
                log.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
            }
        }
    }
}
