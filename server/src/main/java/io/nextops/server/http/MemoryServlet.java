package io.nextops.server.http;

import io.nextops.workers.LaneMetrics;
import io.nextops.workers.RejectedTaskException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import io.nextops.memory.MemoryMonitor;
import io.nextops.server.budget.HeapCheck;
import io.nextops.web.Json;
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
    private final transient Supplier<List<LaneMetrics>> lanes;

    /** The report of {@code monitor}, the server's {@code settings}, and each request lane's figures. */
    public MemoryServlet(MemoryMonitor monitor, Map<String, Object> settings, Supplier<List<LaneMetrics>> lanes) {
        this.monitor = monitor;
        this.settings = Map.copyOf(settings);
        this.lanes = lanes;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean history = !"false".equalsIgnoreCase(req.getParameter("history"));
        Map<String, Object> body = new LinkedHashMap<>(
                history ? monitor.report().toMap() : monitor.report().withoutHistory().toMap());
        body.put("settings", settings);
        body.put("lanes", lanes.get().stream().map(MemoryServlet::lane).toList());
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

    /** One lane as JSON: workers, busy, queued, reservations, completed, rejected by reason. */
    public static Map<String, Object> lane(LaneMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("workers", m.workers());
        out.put("busy", m.busy());
        out.put("queued", m.queued());
        out.put("waiting_for_memory", m.waitingForMemory());
        out.put("queue_capacity", m.queueCapacity());
        out.put("reserved_bytes", m.reservedBytes());
        out.put("capacity_bytes", m.capacityBytes());
        out.put("reservations", m.reservations());
        out.put("completed", m.completed());
        Map<String, Object> rejected = new LinkedHashMap<>();
        for (RejectedTaskException.Reason reason : RejectedTaskException.Reason.values()) {
            rejected.put(reason.name().toLowerCase(Locale.ROOT), m.rejected(reason));
        }
        out.put("rejected", rejected);
        return out;
    }
}
