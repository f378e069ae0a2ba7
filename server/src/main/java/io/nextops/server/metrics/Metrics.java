package io.nextops.server.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.nextops.memory.MemoryMonitor;
import io.nextops.memory.RssProbe;
import io.nextops.workers.Lane;
import io.nextops.workers.LaneMetrics;
import io.nextops.workers.Lanes;
import io.nextops.workers.RejectedTaskException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The server's meter registry in Prometheus format: JVM memory by area, GC, threads, class loading, CPU, file
 * descriptors, HTTP requests by method and status with durations, the connection pool (active, idle, waiting) and
 * Jetty's threads and connections. Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Pool gauges read from HikariCP's own bean: {@code hikaricp_connections_active/idle/pending/total/max}. */
    public void bindPool(HikariDataSource pool) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        String name = pool.getPoolName();
        poolGauge("hikaricp.connections.active", name, bean, HikariPoolMXBean::getActiveConnections, "connections in use");
        poolGauge("hikaricp.connections.idle", name, bean, HikariPoolMXBean::getIdleConnections, "idle connections");
        poolGauge("hikaricp.connections.pending", name, bean, HikariPoolMXBean::getThreadsAwaitingConnection,
                "threads waiting for a connection");
        poolGauge("hikaricp.connections", name, bean, HikariPoolMXBean::getTotalConnections, "open connections");
        Gauge.builder("hikaricp.connections.max", pool, HikariDataSource::getMaximumPoolSize)
                .tag("pool", name).description("maximum pool size").register(registry);
    }

    private void poolGauge(String meter, String pool, HikariPoolMXBean bean, ToDoubleFunction<HikariPoolMXBean> f,
                           String description) {
        Gauge.builder(meter, bean, f).tag("pool", pool).description(description).register(registry);
    }

    /**
     * The request lanes: per lane ({@code pool="light"}, {@code pool="heavy"}) {@code workers_*} gauges and counters,
     * {@code workers_rejected_total} by {@code reason}, and the memory reservations ({@code lane_reserved_bytes},
     * {@code lane_capacity_bytes}, {@code lane_waiting_for_memory}).
     */
    public void bindLanes(Lanes lanes) {
        for (Lane lane : lanes.lanes()) {
            String name = lane.name();
            laneGauge("workers.threads", name, lane, LaneMetrics::workers, "worker threads");
            laneGauge("workers.busy", name, lane, LaneMetrics::busy, "workers running a task");
            laneGauge("workers.queued", name, lane, LaneMetrics::queued, "tasks waiting for a worker");
            laneGauge("workers.queue.capacity", name, lane, LaneMetrics::queueCapacity, "queue capacity");
            laneGauge("lane.waiting.for.memory", name, lane, LaneMetrics::waitingForMemory,
                    "tasks waiting for their memory reservation to fit");
            laneGauge("lane.reserved.bytes", name, lane, LaneMetrics::reservedBytes, "memory reserved by admitted tasks");
            laneGauge("lane.capacity.bytes", name, lane, LaneMetrics::capacityBytes, "memory the lane's tasks may reserve");
            laneCounter("workers.completed", name, lane, LaneMetrics::completed, "tasks completed");
            laneCounter("workers.timed.out", name, lane, LaneMetrics::timedOut, "tasks stopped at the timeout");
            laneCounter("workers.failed", name, lane, LaneMetrics::failed, "tasks that threw");
            for (RejectedTaskException.Reason reason : RejectedTaskException.Reason.values()) {
                FunctionCounter.builder("workers.rejected", lane, l -> l.metrics().rejected(reason))
                        .tag("pool", name).tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                        .description("tasks refused, by reason").register(registry);
            }
        }
    }

    private void laneGauge(String meter, String lane, Lane l, ToDoubleFunction<LaneMetrics> f, String description) {
        Gauge.builder(meter, l, x -> f.applyAsDouble(x.metrics())).tag("pool", lane).description(description)
                .register(registry);
    }

    private void laneCounter(String meter, String lane, Lane l, ToDoubleFunction<LaneMetrics> f, String description) {
        FunctionCounter.builder(meter, l, x -> f.applyAsDouble(x.metrics())).tag("pool", lane)
                .description(description).register(registry);
    }

    /** Process RSS and virtual size (a cheap /proc read per scrape) and the memory status (0 EXCELLENT .. 3 CRITICAL). */
    public void bindMemory(MemoryMonitor monitor) {
        RssProbe probe = RssProbe.platformDefault();
        Gauge.builder("process.resident.memory.bytes", probe, p -> p.read().rssBytes())
                .description("resident set size of the server process").baseUnit("bytes").register(registry);
        Gauge.builder("process.virtual.memory.bytes", probe, p -> p.read().virtualBytes())
                .description("virtual memory size of the server process").baseUnit("bytes").register(registry);
        Gauge.builder("nextops.memory.status", monitor, m -> m.status().ordinal())
                .description("memory status: 0 EXCELLENT, 1 GOOD, 2 WARNING, 3 CRITICAL").register(registry);
        Gauge.builder("nextops.memory.budget.bytes", monitor, m -> m.budgetBytes().orElse(-1))
                .description("memory budget (container limit or MEMORY_BUDGET_MB), -1 when unknown").register(registry);
    }

    /** Jetty's thread pool and connections. */
    public void bindJetty(Server server) {
        ThreadPool threads = server.getThreadPool();
        if (threads instanceof org.eclipse.jetty.util.thread.QueuedThreadPool qtp) {
            new JettyServerThreadPoolMetrics(qtp, List.of()).bindTo(registry);
        }
        JettyConnectionMetrics.addToAllConnectors(server, registry);
    }

    /** Records one finished HTTP request. */
    public void recordRequest(String method, int status, Duration duration) {
        Timer.builder("http.server.requests")
                .tag("method", method)
                .tag("status", Integer.toString(status))
                .tag("outcome", outcome(status))
                .description("HTTP requests by method and status")
                .register(registry)
                .record(duration);
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
