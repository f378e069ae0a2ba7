package io.nextops.ots.internal;

import io.nextops.web.PageRequest;
import io.nextops.web.PageWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * Serves one page of a list: one COUNT, then the page rows streamed from a cursor into the envelope, both in one
 * transaction (PgJDBC only honours the fetch size with autocommit off). Two statements whatever the page size.
 * Thread-safe (stateless).
 */
public final class Listing {
    private Listing() {}

    public static void write(Jdbi jdbi, HttpServletRequest req, HttpServletResponse resp, PageRequest page,
                             ToLongFunction<Handle> count, BiFunction<Handle, PageRequest, ResultIterable<?>> rows)
            throws IOException {
        jdbi.useTransaction(h -> {
            long n = count.applyAsLong(h);
            page.requireExists(n);
            try (ResultIterator<?> it = rows.apply(h, page).iterator()) {
                PageWriter.write(req, resp, page, n, it);
            }
        });
    }
}
