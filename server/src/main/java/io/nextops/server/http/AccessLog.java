package io.nextops.server.http;

import io.nextops.server.metrics.Metrics;
import java.time.Duration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Records every request in the metrics, and logs one INFO line per request on logger {@code io.nextops.access}:
 * method, path, status, bytes, duration and client address (the forwarded one behind a trusted proxy, see
 * {@link ForwardedClient}). The same values go into the MDC so that JSON lines carry them as fields. The query string
 * is left out: it may carry search terms. Thread-safe.
 */
public final class AccessLog implements RequestLog {
    private static final Logger log = LoggerFactory.getLogger("io.nextops.access");

    private final Metrics metrics;

    /** Logs each request and records it in {@code metrics}. */
    public AccessLog(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void log(Request request, Response response) {
        long durationNanos = System.nanoTime() - request.getBeginNanoTime();
        metrics.recordRequest(request.getMethod(), response.getStatus(), Duration.ofNanos(durationNanos));
        if (!log.isInfoEnabled()) {
            return;
        }
        long durationMs = durationNanos / 1_000_000;
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        int status = response.getStatus();
        long bytes = Response.getContentBytesWritten(response);
        String client = Request.getRemoteAddr(request);
        try (MDC.MDCCloseable a = MDC.putCloseable("method", method);
             MDC.MDCCloseable b = MDC.putCloseable("path", path);
             MDC.MDCCloseable c = MDC.putCloseable("status", Integer.toString(status));
             MDC.MDCCloseable d = MDC.putCloseable("bytes", Long.toString(bytes));
             MDC.MDCCloseable e = MDC.putCloseable("duration_ms", Long.toString(durationMs));
             MDC.MDCCloseable f = MDC.putCloseable("client", client)) {
            log.info("{} {} {} {}B {}ms {}", method, path, status, bytes, durationMs, client);
        }
    }
}
