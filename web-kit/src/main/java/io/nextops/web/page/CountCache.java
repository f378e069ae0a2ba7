package io.nextops.web.page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Exact list counts without counting every time. A count is cached per (count SQL, bound values) together with the
 * write version of the tables it reads, which PostgreSQL maintains itself in {@code table_versions} (a
 * statement-level trigger per table, see {@code V1_3__table_versions.sql}). Every call is <b>one</b> statement that
 * reads the version and, only when it differs from the cached one, counts, both in the statement's snapshot:
 *
 * <pre>{@code
 * SELECT v.version, txid_current_if_assigned() IS NULL,
 *        CASE WHEN v.version = :cached THEN NULL ELSE (SELECT count(*) FROM ...) END   -- an InitPlan, run lazily
 * FROM (SELECT sum(version), count(*) FROM table_versions WHERE table_name = ANY(:tables)) v
 * }</pre>
 *
 * The version only grows, by at least one per committed write statement, and snapshots are ordered by inclusion, so
 * an equal version means the same committed writes: the cached count is exact whichever server instance or outside
 * client wrote. A transaction that has written (it has an xid) sees its own uncommitted bumps, so it never reads or
 * fills the cache. Bounded: at most {@code maxEntries} entries, least recently used evicted. Thread-safe.
 *
 * <pre>{@code
 * CountCache counts = new CountCache(1024);
 * long n = counts.count(handle, List.of("invoices_invoice"), "SELECT count(*) FROM invoices_invoice i WHERE ...",
 *         q -> q.bindMap(binds), List.copyOf(binds.values()));
 * }</pre>
 */
public final class CountCache {
    /** Counter rows per tracked table ({@code table_versions_bump} uses {@code pg_backend_pid() % 32}). */
    static final int SLOTS = 32;

    private final Map<Key, Entry> entries;
    private long hits;
    private long misses;

    /** A cache of at most {@code maxEntries} counts. */
    public CountCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
        }
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024) * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /**
     * The exact number of rows {@code countSql} counts on {@code handle}, in one statement.
     *
     * @param tables every table {@code countSql} reads (joined tables too), each tracked in {@code table_versions}
     * @param countSql a {@code SELECT count(*) ...} written by us (its bind names must not start with {@code cc_})
     * @param bind binds the values of {@code countSql}
     * @param values the bound values, in a stable order, with value equality (lists, not arrays): the cache key
     * @throws IllegalStateException when a table is not tracked (no migration calls {@code table_versions_track})
     */
    public long count(Handle handle, List<String> tables, String countSql, UnaryOperator<Query> bind,
                      List<?> values) {
        Key key = new Key(countSql, Collections.unmodifiableList(new ArrayList<>(values)));
        Entry cached;
        synchronized (this) {
            cached = entries.get(key);
        }
        Query q = handle.createQuery("SELECT v.version, v.slots, txid_current_if_assigned() IS NULL AS clean,"
                        + " CASE WHEN v.version = :cc_version AND txid_current_if_assigned() IS NULL THEN NULL"
                        + " ELSE (" + countSql + ") END AS n"
                        + " FROM (SELECT coalesce(sum(version), 0) AS version, count(*) AS slots FROM table_versions"
                        + " WHERE table_name = ANY(:cc_tables)) v")
                .bind("cc_version", cached == null ? -1L : cached.version())
                .bindArray("cc_tables", String.class, tables);
        Result r = bind.apply(q).map((rs, ctx) -> new Result(rs.getLong(1), rs.getLong(2), rs.getBoolean(3),
                (Long) rs.getObject(4, Long.class))).one();
        if (r.slots() != (long) SLOTS * tables.size()) {
            throw new IllegalStateException("count cache: table_versions has " + r.slots() + " slot rows for "
                    + tables + ", expected " + SLOTS * tables.size() + "; is every table tracked?");
        }
        if (r.count() == null) {
            synchronized (this) {
                hits++;
            }
            return cached.count();
        }
        synchronized (this) {
            misses++;
            if (r.clean()) {
                entries.put(key, new Entry(r.version(), r.count()));
            }
        }
        return r.count();
    }

    /** Counts answered from the cache and counts run, since creation (for tests and metrics). */
    public synchronized Stats stats() {
        return new Stats(hits, misses, entries.size());
    }

    /** Cache statistics. */
    public record Stats(long hits, long misses, int size) {}

    private record Key(String sql, List<?> values) {
        Key {
            Objects.requireNonNull(sql, "sql");
        }
    }

    private record Entry(long version, long count) {}

    private record Result(long version, long slots, boolean clean, Long count) {}
}
