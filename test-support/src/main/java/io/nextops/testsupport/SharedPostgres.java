package io.nextops.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL server per test JVM, started on first use and stopped when the JVM exits.
 * Tests isolate themselves by asking for a fresh database with {@link #newDatabase(String)}.
 *
 * <pre>{@code
 * TestDatabase db = SharedPostgres.newDatabase("invoices");
 * try (Connection c = db.dataSource().getConnection()) { ... }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SharedPostgres {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres server;

    private SharedPostgres() {}

    /** The shared server, started on the first call. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp directory is removed by the OS eventually
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** Creates an empty database with a unique name that starts with {@code prefix}. */
    public static TestDatabase newDatabase(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + SEQUENCE.incrementAndGet();
        DataSource admin = server().getPostgresDatabase();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new TestDatabase(name, server().getJdbcUrl("postgres", name), "postgres", "postgres",
                server().getDatabase("postgres", name));
    }
}
