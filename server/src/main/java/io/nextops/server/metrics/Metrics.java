package io.nextops.server.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.nextops.memory.MemoryMonitor;
import io.nextops.memory.RssProbe;
import io.nextops.workers.WorkerPool;
import io.nextops.workers.WorkerPoolMetrics;
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

    /** The request worker pool: {@code workers_*} gauges and counters from its metrics snapshot. */
    public void bindWorkers(WorkerPool pool) {
        String name = pool.config().name();
        workerGauge("workers.threads", name, pool, m -> m.workers(), "worker threads");
        workerGauge("workers.busy", name, pool, m -> m.busy(), "workers running a task");
        workerGauge("workers.queued", name, pool, m -> m.queued(), "tasks waiting for a worker");
        workerGauge("workers.queue.capacity", name, pool, m -> m.queueCapacity(), "queue capacity");
        workerCounter("workers.completed", name, pool, m -> m.completed(), "tasks completed");
        workerCounter("workers.rejected", name, pool, m -> m.rejected(), "tasks rejected (pool full)");
        workerCounter("workers.timed.out", name, pool, m -> m.timedOut(), "tasks stopped at the timeout");
        workerCounter("workers.recycled", name, pool, m -> m.recycled(), "workers replaced after max tasks");
        workerCounter("workers.failed", name, pool, m -> m.failed(), "tasks that threw");
    }

    private void workerGauge(String meter, String pool, WorkerPool p, ToDoubleFunction<WorkerPoolMetrics> f,
                             String description) {
        Gauge.builder(meter, p, x -> f.applyAsDouble(x.metrics())).tag("pool", pool).description(description)
                .register(registry);
    }

    private void workerCounter(String meter, String pool, WorkerPool p, ToDoubleFunction<WorkerPoolMetrics> f,
                               String description) {
        FunctionCounter.builder(meter, p, x -> f.applyAsDouble(x.metrics())).tag("pool", pool)
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
