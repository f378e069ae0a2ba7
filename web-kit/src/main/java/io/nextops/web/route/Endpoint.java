package io.nextops.web.route;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a route does with one request. It throws {@link io.nextops.web.ApiException} for a client mistake; the server
 * answers it with the error envelope.
 */
@FunctionalInterface
public interface Endpoint {
    void handle(Call call) throws IOException;

    /**
     * An endpoint that runs {@code servlet}'s {@code service} (for handlers written as servlets, such as the
     * streaming multipart uploads). The route table has already checked the path and the method.
     */
    static Endpoint ofServlet(HttpServlet servlet) {
        return call -> {
            try {
                servlet.service(call.request(), call.response());
            } catch (ServletException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new UncheckedIOException(new IOException(e));
            }
        };
    }
}
