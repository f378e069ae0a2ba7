package io.nextops.memory;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Counts the request and response body bytes that actually pass through the servlet streams (or reader/writer) and
 * logs a warning when either exceeds the threshold, or when the declared {@code Content-Length} of the request does.
 * Streamed responses are counted like any other; nothing is buffered. For async requests the check runs when the
 * async cycle completes. Thread-safe.
 */
final class RequestSizeFilter implements Filter {
    private final long warnBytes;
    private final MemoryLog log;

    RequestSizeFilter(long warnBytes, MemoryLog log) {
        this.warnBytes = warnBytes;
        this.log = log;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        CountingRequest countingRequest = new CountingRequest(httpRequest);
        CountingResponse countingResponse = new CountingResponse((HttpServletResponse) response);
        boolean async = false;
        try {
            chain.doFilter(countingRequest, countingResponse);
            if (httpRequest.isAsyncStarted()) {
                httpRequest.getAsyncContext().addListener(new CheckOnComplete(httpRequest, countingRequest,
                        countingResponse));
                async = true;
            }
        } finally {
            if (!async) {
                check(httpRequest, countingRequest, countingResponse);
            }
        }
    }

    private void check(HttpServletRequest request, CountingRequest countingRequest, CountingResponse countingResponse) {
        try {
            warnIfLarge(request, countingRequest, countingResponse);
        } catch (RuntimeException e) {
            // a monitor must never fail the request it watches
        }
    }

    private void warnIfLarge(HttpServletRequest request, CountingRequest countingRequest,
                             CountingResponse countingResponse) {
        long read = countingRequest.bytesRead();
        long declared = request.getContentLengthLong();
        if (read > warnBytes || declared > warnBytes) {
            log.log(MemoryLog.Level.WARN, "large request body " + request.getMethod() + " " + request.getRequestURI()
                    + " read=" + Units.formatMb(read) + " (" + read + " bytes)"
                    + " declared=" + (declared < 0 ? "none" : declared + " bytes")
                    + " threshold=" + Units.formatMb(warnBytes));
        }
        long written = countingResponse.bytesWritten();
        if (written > warnBytes) {
            log.log(MemoryLog.Level.WARN, "large response body " + request.getMethod() + " "
                    + request.getRequestURI() + " status=" + countingResponse.getStatus()
                    + " written=" + Units.formatMb(written) + " (" + written + " bytes)"
                    + " threshold=" + Units.formatMb(warnBytes));
        }
    }

    private final class CheckOnComplete implements AsyncListener {
        private final HttpServletRequest request;
        private final CountingRequest countingRequest;
        private final CountingResponse countingResponse;

        CheckOnComplete(HttpServletRequest request, CountingRequest countingRequest,
                        CountingResponse countingResponse) {
            this.request = request;
            this.countingRequest = countingRequest;
            this.countingResponse = countingResponse;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            check(request, countingRequest, countingResponse);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // re-register for the new cycle, as the listener list is cleared when async restarts
            event.getAsyncContext().addListener(this);
        }
    }
}
