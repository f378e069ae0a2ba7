package io.nextops.invoices.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.invoices.demo.DemoData;
import io.nextops.web.page.CountCache;
import io.nextops.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cached list count is exact: every count is compared with a plain {@code count(*)} run in the same snapshot,
 * while writers insert, soft-delete and change filtered columns, through Jdbi and through a plain JDBC connection
 * that the repository knows nothing of.
 */
class CachedCountIT {
    private static TestDatabase db;
    private static Jdbi jdbi;

    private static final InvoiceQuery ALL = InvoiceQuery.all();
    private static final InvoiceQuery PENDING = query(List.of("pendiente"), null);
    private static final InvoiceQuery PENDING_PROVISIONED = query(List.of("provisionada", "pendiente"), null);
    private static final InvoiceQuery SEARCH = query(List.of(), "fac-00");

    @BeforeAll
    static void seed() throws Exception {
        db = InvoicesDb.create();
        jdbi = InvoicesDb.jdbi(db);
        try (Connection c = db.dataSource().getConnection()) {
            io.nextops.ots.seed.OtsSeeder.seed(jdbi, 11, 10, 10, 50);
            DemoData.seedInvoices(c, 600, 11);
        }
    }

    private static InvoiceQuery query(List<String> provisionStatuses, String search) {
        return new InvoiceQuery(provisionStatuses, null, null, false, null, null, null, null, null, null, null, null,
                search, List.of());
    }

    /** The plain count of {@code q} on {@code h}: the truth the cached count must equal. */
    private static long truth(org.jdbi.v3.core.Handle h, InvoiceQuery q) {
        InvoiceSql.Where w = InvoiceSql.where(q);
        return h.createQuery("SELECT count(*) FROM invoices_invoice i" + w.sql()).bindMap(w.binds())
                .mapTo(Long.class).one();
    }

    private static long count(InvoiceRepository repo, InvoiceQuery q) {
        return jdbi.<Long, RuntimeException>withHandle(h -> repo.count(h, q));
    }

    /**
     * A writer's pause between writes: without it, writers that commit back to back on a loaded machine can bump the
     * version between every two reads of a query, and no count would ever be served from the cache (seen in CI).
     */
    private static void breathe() throws InterruptedException {
        Thread.sleep(20);
    }

    private static Connection outside() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    @Test
    void countsStayExactUnderConcurrentWritesFromJdbiAndAnOutsideConnection() throws Exception {
        InvoiceRepository repo = new InvoiceRepository();
        List<InvoiceQuery> queries = List.of(ALL, PENDING, PENDING_PROVISIONED, SEARCH);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        AtomicLong checks = new AtomicLong();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> tasks = new ArrayList<>();
        // a writer through Jdbi: inserts, soft deletes, status changes (a filtered column)
        tasks.add(pool.submit(() -> {
            int k = 0;
            while (!stop.get()) {
                int n = k++;
                jdbi.useTransaction(h -> write(h.getConnection(), n));
                writes.incrementAndGet();
                breathe();
            }
            return null;
        }));
        // a writer outside the server: its own JDBC connection, autocommit and multi-statement transactions
        tasks.add(pool.submit(() -> {
            try (Connection c = outside()) {
                int k = 1_000_000;
                while (!stop.get()) {
                    c.setAutoCommit(k % 2 == 0);
                    write(c, k++);
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                    writes.incrementAndGet();
                    breathe();
                }
            }
            return null;
        }));
        // a writer that rolls back: its writes must never show up in a count
        tasks.add(pool.submit(() -> {
            try (Connection c = outside()) {
                c.setAutoCommit(false);
                int k = 2_000_000;
                while (!stop.get()) {
                    write(c, k++);
                    c.rollback();
                    breathe();
                }
            }
            return null;
        }));
        for (int r = 0; r < 3; r++) {
            tasks.add(pool.submit(() -> {
                while (!stop.get()) {
                    InvoiceQuery q = queries.get(ThreadLocalRandom.current().nextInt(queries.size()));
                    jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
                        long cached = repo.count(h, q);
                        long plain = truth(h, q);
                        if (cached != plain) {
                            wrong.add(q + ": cached " + cached + ", plain " + plain);
                        }
                    });
                    checks.incrementAndGet();
                }
                return null;
            }));
        }
        // until enough of both happened (a loaded machine is slower), at most a minute
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until && wrong.isEmpty() && (checks.get() < 300 || writes.get() < 100)) {
            Thread.sleep(50);
        }
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : tasks) {
            f.get();
        }
        assertThat(wrong).isEmpty();
        assertThat(writes.get()).as("writes").isGreaterThanOrEqualTo(100);
        assertThat(checks.get()).as("checks").isGreaterThanOrEqualTo(300);
        CountCache.Stats stats = repo.countStats();
        assertThat(stats.hits()).as("counts served from the cache under writes: " + stats).isPositive();
        assertThat(stats.misses()).as("recounts after writes: " + stats).isPositive();

        // quiet again: the next count is a hit and still exact
        for (InvoiceQuery q : queries) {
            jdbi.useHandle(h -> repo.count(h, q));
            long hits = repo.countStats().hits();
            jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h ->
                    assertThat(repo.count(h, q)).isEqualTo(truth(h, q)));
            assertThat(repo.countStats().hits()).isEqualTo(hits + 1);
        }
    }

    /** One write: an insert, a soft delete, a status change or a revived row, by {@code n}. */
    private static void write(Connection c, int n) throws SQLException {
        switch (n % 4) {
            case 0 -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO invoices_invoice (proveedor_nombre,"
                        + " numero_factura, fecha_emision, monto, estado_provision) VALUES (?, ?, ?, 1, ?)")) {
                    s.setString(1, "Writer " + n);
                    s.setString(2, "FAC-00W" + n);
                    s.setObject(3, LocalDate.of(2025, 1, 1 + n % 28));
                    s.setString(4, n % 8 == 0 ? "pendiente" : "provisionada");
                    s.executeUpdate();
                }
            }
            case 1 -> exec(c, "UPDATE invoices_invoice SET is_deleted = true, deleted_at = now() WHERE id = "
                    + "(SELECT id FROM invoices_invoice WHERE NOT is_deleted ORDER BY random() LIMIT 1)");
            case 2 -> exec(c, "UPDATE invoices_invoice SET estado_provision = CASE estado_provision WHEN 'pendiente'"
                    + " THEN 'revision' ELSE 'pendiente' END WHERE id = (SELECT id FROM invoices_invoice"
                    + " WHERE NOT is_deleted ORDER BY random() LIMIT 1)");
            default -> exec(c, "UPDATE invoices_invoice SET is_deleted = false, deleted_at = NULL WHERE id = "
                    + "(SELECT id FROM invoices_invoice WHERE is_deleted AND numero_factura LIKE 'FAC-00W%'"
                    + " ORDER BY random() LIMIT 1)");
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    @Test
    void aWriteByAnOutsideConnectionChangesTheNextCount() throws Exception {
        InvoiceRepository repo = new InvoiceRepository();
        long before = count(repo, PENDING);
        assertThat(count(repo, PENDING)).isEqualTo(before);
        try (Connection c = outside()) {
            exec(c, "UPDATE invoices_invoice SET estado_provision = 'provisionada' WHERE id = (SELECT id FROM"
                    + " invoices_invoice WHERE NOT is_deleted AND estado_provision = 'pendiente' LIMIT 1)");
        }
        assertThat(count(repo, PENDING)).isEqualTo(before - 1);
        try (Connection c = outside()) {
            exec(c, "TRUNCATE invoices_invoice");
        }
        assertThat(count(repo, PENDING)).isZero();
        try (Connection c = db.dataSource().getConnection()) {
            DemoData.seedInvoices(c, 600, 12);
        }
        assertThat(count(repo, ALL)).isEqualTo(jdbi.<Long, RuntimeException>withHandle(h -> truth(h, ALL)).longValue());
    }

    @Test
    void aTransactionsOwnUncommittedWritesNeverReachTheCache() throws SQLException {
        InvoiceRepository repo = new InvoiceRepository();
        long committed = count(repo, ALL);
        // T: inserts, counts its own row, rolls back
        jdbi.useHandle(h -> {
            h.begin();
            try {
                write(h.getConnection(), 0);
                assertThat(repo.count(h, ALL)).isEqualTo(committed + 1);
            } finally {
                h.rollback();
            }
        });
        // U commits a different write: the version may now equal the one T saw, the count must still be U's
        jdbi.useTransaction(h -> exec(h.getConnection(), "UPDATE invoices_invoice SET is_deleted = true,"
                + " deleted_at = now() WHERE id = (SELECT min(id) FROM invoices_invoice WHERE NOT is_deleted)"));
        assertThat(count(repo, ALL)).isEqualTo(committed - 1);
    }

    @Test
    void theCacheIsBoundedAndNamesAnUntrackedTable() {
        CountCache cache = new CountCache(2);
        for (int k = 0; k < 5; k++) {
            int v = k;
            jdbi.useHandle(h -> cache.count(h, List.of("invoices_invoice"),
                    "SELECT count(*) FROM invoices_invoice WHERE id > :v", q -> q.bind("v", v), List.of(v)));
        }
        assertThat(cache.stats().size()).isEqualTo(2);
        assertThatThrownBy(() -> jdbi.useHandle(h -> cache.count(h, List.of("invoices_uploaded_file"),
                "SELECT count(*) FROM invoices_uploaded_file", q -> q, List.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("invoices_uploaded_file");
        assertThatThrownBy(() -> new CountCache(0)).hasMessage("maxEntries must be >= 1, was 0");
    }
}
