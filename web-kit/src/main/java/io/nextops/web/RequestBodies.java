package io.nextops.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * What is left of a request body once its answer is written. A handler that answers before reading the body (a 401,
 * a 415, a 413 for a body over the limit) leaves bytes the client is still sending; the container then closes the
 * connection, and a client that reused it, or is still writing, sees a reset instead of the answer. Reading and
 * dropping what is left, up to {@link #DRAIN_BYTES}, lets the answer arrive. Thread-safe (stateless).
 */
public final class RequestBodies {
    /** The most that is read and dropped; a larger declared body is left to the container, which closes. */
    public static final long DRAIN_BYTES = 8L * Json.MAX_BODY_BYTES;

    private RequestBodies() {}

    /** Reads and drops the rest of {@code request}'s body, up to {@link #DRAIN_BYTES}; one small buffer. */
    public static void drain(HttpServletRequest request) {
        if (request.getContentLengthLong() > DRAIN_BYTES) {
            return;
        }
        try {
            InputStream in = request.getInputStream();
            byte[] buf = new byte[8192];
            long total = 0;
            for (int n; total <= DRAIN_BYTES && (n = in.read(buf)) > 0; ) {
                total += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was read as characters: nothing more to drop
        }
    }
}
