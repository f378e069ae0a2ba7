package io.nextops.web.page;

import io.nextops.web.PageRequest;
import io.nextops.web.PageWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * Serves one page of a list: one COUNT (answered from the {@link CountCache} while the tables are unchanged), then
 * the page rows streamed from a cursor into the envelope, both in one REPEATABLE READ transaction
 * ({@link #inSnapshot}; PgJDBC only honours the fetch size with autocommit off). Four round trips whatever the
 * page size: SET TRANSACTION, count, page, COMMIT.
 * Thread-safe (stateless).
 */
public final class Listing {
    /** The first statement of a list transaction; the driver sends its BEGIN in the same round trip. */
    static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    private Listing() {}

    /**
     * Runs {@code work} in one read-only REPEATABLE READ transaction, so that a count and the page it heads read one
     * snapshot. The isolation is set inside the transaction ({@code SET TRANSACTION}, one round trip together with
     * the driver's BEGIN) rather than with Jdbi's {@code useTransaction(level, ..)}, which reads the connection's
     * level twice ({@code SHOW TRANSACTION ISOLATION LEVEL}) and sets and resets it for the session
     * ({@code SET SESSION CHARACTERISTICS}): three round trips more per request. The connection keeps the pool's
     * READ COMMITTED for everything else.
     */
    public static <X extends Exception> void inSnapshot(Jdbi jdbi, HandleConsumer<X> work) throws X {
        jdbi.useTransaction(h -> {
            h.execute(SNAPSHOT);
            work.useHandle(h);
        });
    }

    public static void write(Jdbi jdbi, HttpServletRequest req, HttpServletResponse resp, PageRequest page,
                             ToLongFunction<Handle> count, BiFunction<Handle, PageRequest, ResultIterable<?>> rows)
            throws IOException {
        inSnapshot(jdbi, h -> {
            long n = count.applyAsLong(h);
            page.requireExists(n);
            try (ResultIterator<?> it = rows.apply(h, page).iterator()) {
                PageWriter.write(req, resp, page, n, it);
            }
        });
    }
}
