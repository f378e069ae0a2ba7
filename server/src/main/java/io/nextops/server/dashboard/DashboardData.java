package io.nextops.server.dashboard;

import io.nextops.memory.LeakTrend;
import io.nextops.memory.MemoryMonitor;
import io.nextops.memory.MemoryReport;
import io.nextops.memory.MemorySample;
import io.nextops.memory.MemorySnapshot;
import io.nextops.memory.Thresholds;
import io.nextops.server.budget.MemoryBudget;
import io.nextops.server.http.HeavyJobs;
import io.nextops.server.http.MemoryServlet;
import io.nextops.web.Json;
import io.nextops.web.download.RunningExports;
import io.nextops.web.route.Call;
import io.nextops.web.route.Endpoint;
import io.nextops.workers.LaneMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * {@code GET /admin/memory/data}: what the dashboard draws, as JSON. Its size is bounded whatever the load: the
 * history is the memory sampler's ring buffer ({@code MEMORY_HISTORY_SIZE} samples, as columns of numbers), the lanes
 * are two, the heavy jobs and exports at most {@code HEAVY_WORKERS}. One fresh snapshot per call (tens of
 * microseconds); nothing touches the database. Thread-safe.
 */
final class DashboardData implements Endpoint {
    private final MemoryMonitor monitor;
    private final MemoryBudget budget;
    private final Supplier<List<LaneMetrics>> lanes;
    private final HeavyJobs heavyJobs;
    private final RunningExports exports;
    private final Clock clock;

    /** {@code budget} null: none derived (a plain {@code java -jar} without {@code MEMORY_BUDGET_MB}). */
    DashboardData(MemoryMonitor monitor, MemoryBudget budget, Supplier<List<LaneMetrics>> lanes, HeavyJobs heavyJobs,
                  RunningExports exports, Clock clock) {
        this.monitor = monitor;
        this.budget = budget;
        this.lanes = lanes;
        this.heavyJobs = heavyJobs;
        this.exports = exports;
        this.clock = clock;
    }

    @Override
    public void handle(Call call) throws IOException {
        call.response().setHeader("Cache-Control", "no-store");
        Json.write(call.response(), 200, body());
    }

    Map<String, Object> body() {
        MemoryReport report = monitor.report();
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generatedAt", now.toString());
        body.put("status", report.status().name());
        body.put("budget", budget(report));
        body.put("thresholds", thresholds(report.budgetBytes()));
        body.put("current", current(report.snapshot()));
        body.put("history", history(report.history()));
        body.put("lanes", lanes.get().stream().map(MemoryServlet::lane).toList());
        body.put("heavyJobs", heavyJobs(now));
        body.put("exports", exports());
        body.put("leakTrend", leak(report));
        body.put("recommendations", report.recommendations());
        return body;
    }

    private Map<String, Object> budget(MemoryReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mb", report.budgetBytes() > 0 ? report.budgetBytes() >> 20 : null);
        m.put("source", report.budgetSource());
        m.put("derived", budget == null ? null : budget.describe());
        return m;
    }

    /** Where each status starts, in MB: the same rule as {@link Thresholds#classify}. */
    private Map<String, Object> thresholds(long budgetBytes) {
        Thresholds t = monitor.config().thresholds();
        OptionalLong b = budgetBytes > 0 ? OptionalLong.of(budgetBytes) : OptionalLong.empty();
        boolean relative = t.usesBudget(b);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("basis", relative ? "budget" : "absolute");
        m.put("goodFromMb", relative ? mb(Math.round(t.excellentBelowFraction() * budgetBytes)) : t.excellentBelowMb());
        m.put("warningFromMb", relative ? mb(Math.round(t.goodBelowFraction() * budgetBytes)) : t.goodBelowMb());
        m.put("criticalFromMb", relative ? mb(Math.round(t.warningBelowFraction() * budgetBytes)) : t.warningBelowMb());
        if (relative) {
            m.put("fractions", List.of(t.excellentBelowFraction(), t.goodBelowFraction(), t.warningBelowFraction()));
        }
        return m;
    }

    private static Map<String, Object> current(MemorySnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rssMb", mb(s.rssBytes()));
        m.put("heapUsedMb", mb(s.heapUsedBytes()));
        m.put("heapCommittedMb", mb(s.heapCommittedBytes()));
        m.put("heapMaxMb", mb(s.heapMaxBytes()));
        m.put("metaspaceMb", mb(s.metaspaceUsedBytes()));
        m.put("nonHeapMb", mb(s.nonHeapUsedBytes()));
        m.put("directMb", mb(s.directBufferBytes()));
        m.put("threads", s.threadCount());
        m.put("gcCount", s.gcCount());
        return m;
    }

    /** The samples as columns (what the charts take): times in epoch seconds, sizes in MB with one decimal. */
    private Map<String, Object> history(List<MemorySample> samples) {
        int n = samples.size();
        long[] t = new long[n];
        Double[] rss = new Double[n]; // null (a gap in the chart) where a size was unknown
        Double[] heap = new Double[n];
        Double[] committed = new Double[n];
        Double[] nonHeap = new Double[n];
        for (int i = 0; i < n; i++) {
            MemorySample s = samples.get(i);
            t[i] = s.timestamp().getEpochSecond();
            rss[i] = mb(s.rssBytes());
            heap[i] = mb(s.heapUsedBytes());
            committed[i] = mb(s.heapCommittedBytes());
            nonHeap[i] = mb(s.nonHeapUsedBytes());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intervalSeconds", monitor.config().sampleInterval().toMillis() / 1000.0);
        m.put("capacity", monitor.config().historySize());
        m.put("t", t);
        m.put("rssMb", rss);
        m.put("heapUsedMb", heap);
        m.put("heapCommittedMb", committed);
        m.put("nonHeapMb", nonHeap);
        return m;
    }

    private List<Map<String, Object>> heavyJobs(Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HeavyJobs.Job job : heavyJobs.running()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", job.method());
            m.put("route", job.route());
            m.put("operationId", job.operationId());
            m.put("since", job.since().toString());
            m.put("elapsedSeconds", seconds(Duration.between(job.since(), now)));
            m.put("reservedBytes", job.reservedBytes());
            m.put("reservedMb", mb(job.reservedBytes()));
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> exports() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunningExports.View e : exports.snapshot()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", e.fileName());
            m.put("format", e.format().name().toLowerCase(Locale.ROOT));
            m.put("rows", e.rows());
            m.put("totalRows", e.totalRows());
            m.put("bytes", e.bytes());
            m.put("mb", mb(e.bytes()));
            m.put("elapsedSeconds", seconds(e.elapsed()));
            out.add(m);
        }
        return out;
    }

    /** The leak-trend verdict: the trend the sampler found, or why there is none. */
    private Map<String, Object> leak(MemoryReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        Duration window = monitor.config().leakWindow();
        m.put("windowMinutes", window.toMinutes());
        m.put("minRiseMb", monitor.config().leakMinRiseMb());
        if (report.leakTrend().isPresent()) {
            LeakTrend trend = report.leakTrend().get();
            m.put("verdict", "rising");
            m.put("message", trend.describe());
            m.put("trend", trend.toMap());
        } else {
            m.put("verdict", "steady");
            m.put("message", "no sustained RSS rise of " + monitor.config().leakMinRiseMb() + " MB or more over the last "
                    + window.toMinutes() + " min");
        }
        return m;
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }

    private static Double mb(long bytes) {
        return bytes < 0 ? null : Math.round(bytes / 104857.6) / 10.0;
    }
}
