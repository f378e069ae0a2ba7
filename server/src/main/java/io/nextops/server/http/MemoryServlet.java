package io.nextops.server.http;

import io.nextops.memory.MemoryMonitor;
import io.nextops.server.budget.HeapCheck;
import io.nextops.ots.api.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health/memory}: the memory report (status, budget, snapshot, recommendations, leak trend, recent history)
 * plus the effective worker and pool settings and, once {@code serve} has checked it, whether the JVM's heap cap fits
 * the budget ({@code heapCheck}), as JSON. {@code ?history=false} leaves the history out.
 * Thread-safe.
 */
public final class MemoryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient MemoryMonitor monitor;
    private final transient Map<String, Object> settings;

    public MemoryServlet(MemoryMonitor monitor, Map<String, Object> settings) {
        this.monitor = monitor;
        this.settings = Map.copyOf(settings);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean history = !"false".equalsIgnoreCase(req.getParameter("history"));
        Map<String, Object> body = new LinkedHashMap<>(
                history ? monitor.report().toMap() : monitor.report().withoutHistory().toMap());
        body.put("settings", settings);
        // whether this JVM's heap cap fits the budget (set by serve at start); its warning also becomes a recommendation
        HeapCheck.latest().ifPresent(check -> {
            body.put("heapCheck", check.toMap());
            check.warning().ifPresent(w -> {
                List<Object> advice = new ArrayList<>();
                advice.add(w);
                if (body.get("recommendations") instanceof List<?> l) {
                    advice.addAll(l);
                }
                body.put("recommendations", advice);
            });
        });
        resp.setHeader("Cache-Control", "no-store");
        Json.write(resp, 200, body);
    }
}
