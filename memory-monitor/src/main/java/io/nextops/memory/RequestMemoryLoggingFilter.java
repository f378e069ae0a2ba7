package io.nextops.memory;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * After the chain, on a sampled fraction of requests, logs RSS and heap with the method and path; when the status is
 * CRITICAL also logs an ERROR line naming the user. Unsampled requests cost one random draw. Failures of the monitor
 * itself are logged once and otherwise swallowed: they never fail a request. Thread-safe.
 */
final class RequestMemoryLoggingFilter implements Filter {
    private final RequestSampler sampler;
    private final SnapshotTaker taker;
    private final LongFunction<MemoryStatus> classifier;
    private final Supplier<Budget> budget;
    private final String userAttribute;
    private final MemoryLog log;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    RequestMemoryLoggingFilter(RequestSampler sampler, SnapshotTaker taker, LongFunction<MemoryStatus> classifier,
                               Supplier<Budget> budget, String userAttribute, MemoryLog log) {
        this.sampler = sampler;
        this.taker = taker;
        this.classifier = classifier;
        this.budget = budget;
        this.userAttribute = userAttribute;
        this.log = log;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (sampler.sample()) {
                logSample(request, response);
            }
        }
    }

    private void logSample(ServletRequest request, ServletResponse response) {
        try {
            RssProbe.Reading process = taker.process();
            MemoryUsage heap = taker.heap();
            MemoryStatus status = classifier.apply(process.rssBytes());
            String what = describe(request, response);
            MemoryLog.Level level = status.isAtLeastWarning() ? MemoryLog.Level.WARN : MemoryLog.Level.INFO;
            if (log.isEnabled(level)) {
                log.log(level, "memory sample " + what
                            + " rss=" + Units.formatMb(process.rssBytes())
                            + " vms=" + Units.formatMb(process.virtualBytes())
                            + " heapUsed=" + Units.formatMb(heap.getUsed())
                            + " heapCommitted=" + Units.formatMb(heap.getCommitted())
                            + " memoryStatus=" + status);
            }
            if (status == MemoryStatus.CRITICAL) {
                Budget b = budget.get();
                log.log(MemoryLog.Level.ERROR, "memory CRITICAL rss=" + Units.formatMb(process.rssBytes())
                        + " budget=" + (b.bytes() > 0 ? Units.formatMb(b.bytes()) + " (" + b.source() + ")" : "none")
                        + " after " + what + " user=" + user(request));
            }
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                log.log(MemoryLog.Level.WARN, "memory sample failed (logged once, later failures are ignored): " + e);
            }
        }
    }

    private static String describe(ServletRequest request, ServletResponse response) {
        if (!(request instanceof HttpServletRequest)) {
            return request.getProtocol();
        }
        HttpServletRequest http = (HttpServletRequest) request;
        String text = http.getMethod() + " " + http.getRequestURI();
        if (response instanceof HttpServletResponse) {
            text += " status=" + ((HttpServletResponse) response).getStatus();
        }
        return text;
    }

    private String user(ServletRequest request) {
        Object attribute = request.getAttribute(userAttribute);
        if (attribute != null) {
            return attribute.toString();
        }
        if (request instanceof HttpServletRequest) {
            String remote = ((HttpServletRequest) request).getRemoteUser();
            if (remote != null) {
                return remote;
            }
        }
        return "anonymous";
    }
}
