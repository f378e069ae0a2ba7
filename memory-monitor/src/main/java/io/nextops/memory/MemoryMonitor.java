package io.nextops.memory;

import jakarta.servlet.Filter;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Memory monitoring for one JVM process: snapshots of process, JVM, system and container memory, a status against a
 * budget, sampled per-request memory logging, request/response size warnings, and a background history with leak-trend
 * detection.
 *
 * <pre>{@code
 * MemoryConfig config = MemoryConfig.fromEnv(System.getenv());   // MEMORY_BUDGET_MB, MEMORY_LOG_SAMPLE_RATE, ...
 * MemoryMonitor monitor = MemoryMonitor.create(config).start();  // background sampler: history + leak trend
 *
 * context.addFilter(new FilterHolder(monitor.sizeMonitorFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
 * context.addFilter(new FilterHolder(monitor.requestLoggingFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
 *
 * // GET /health/memory
 * Map<String, Object> body = monitor.report().toMap();           // status, budget, snapshot, advice, trend, history
 * ...
 * monitor.close();                                                // stops the memory-sampler thread
 * }</pre>
 *
 * <p>The <b>status</b> compares process RSS with the {@link Thresholds}; the budget is the cgroup memory limit, the
 * configured {@code budgetMb}, or the smaller of both (see {@link MemoryConfig}). Log lines go to SLF4J loggers
 * {@code io.nextops.memory.requests} (sampled request lines, CRITICAL user lines), {@code io.nextops.memory.size}
 * (large bodies) and {@code io.nextops.memory.sampler} (status changes, leak trends); configure
 * {@code io.nextops.memory} to cover all three.
 *
 * <p>Thread-safety: thread-safe; {@link #start()} at most once, {@link #close()} any number of times.
 */
public final class MemoryMonitor implements AutoCloseable {
    private final MemoryConfig config;
    private final SnapshotTaker taker;
    private final RequestSampler requestSampler;
    private final MemoryLog requestsLog;
    private final MemoryLog sizeLog;
    private final HistoryRecorder recorder;
    private final MemorySampler sampler;
    private final long configuredBudgetBytes;
    private volatile Budget budget;
    private volatile boolean closed;
    private Filter requestLoggingFilter;
    private Filter sizeMonitorFilter;

    MemoryMonitor(MemoryConfig config, SnapshotTaker taker, RequestSampler requestSampler, MemoryLog requestsLog,
                  MemoryLog sizeLog, MemoryLog samplerLog) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.taker = taker;
        this.requestSampler = requestSampler;
        this.requestsLog = requestsLog;
        this.sizeLog = sizeLog;
        this.configuredBudgetBytes = Units.mbToBytes(config.budgetMb());
        MemoryHistory history = new MemoryHistory(config.historySize());
        LeakDetector detector = new LeakDetector(config.leakWindow(), Units.mbToBytes(config.leakMinRiseMb()));
        this.recorder = new HistoryRecorder(history, detector, samplerLog);
        this.sampler = new MemorySampler(config.sampleInterval(), this::sampleNow, samplerLog);
        this.budget = Budget.of(taker.cgroup().limitBytes(), configuredBudgetBytes);
    }

    /** A monitor of this process with the platform RSS probe ({@link RssProbe#platformDefault()}); not started. */
    public static MemoryMonitor create(MemoryConfig config) {
        return create(config, RssProbe.platformDefault());
    }

    /** A monitor reading RSS through the given probe (a fake in tests); not started. */
    public static MemoryMonitor create(MemoryConfig config, RssProbe rssProbe) {
        Objects.requireNonNull(rssProbe, "rssProbe must not be null");
        SnapshotTaker taker = new SnapshotTaker(rssProbe, SystemMemoryProbe.platformDefault(), CgroupReader.system(),
                new JvmMemoryReader(), Clock.systemUTC());
        return new MemoryMonitor(config, taker, RequestSampler.of(config.logSampleRate()),
                MemoryLog.slf4j(MemoryLog.REQUESTS), MemoryLog.slf4j(MemoryLog.SIZE),
                MemoryLog.slf4j(MemoryLog.SAMPLER));
    }

    /**
     * This process's cgroup memory limit (v2 or v1, the lowest on its path), empty when there is none; read fresh at
     * each call, for callers that need the limit before a monitor exists (the server's memory budget).
     */
    public static OptionalLong containerLimitBytes() {
        CgroupMemory cgroup = CgroupReader.system().read();
        return cgroup.hasLimit() ? OptionalLong.of(cgroup.limitBytes()) : OptionalLong.empty();
    }

    public MemoryConfig config() {
        return config;
    }

    /** A fresh snapshot (tens of microseconds: a few small /proc and /sys reads plus the MXBeans). */
    public MemorySnapshot snapshot() {
        MemorySnapshot snapshot = taker.take();
        budget = Budget.of(snapshot.containerLimitBytes(), configuredBudgetBytes);
        return snapshot;
    }

    /** The status of a fresh snapshot. */
    public MemoryStatus status() {
        return status(snapshot());
    }

    /** The status of the given snapshot, against its container limit and the configured budget. */
    public MemoryStatus status(MemorySnapshot snapshot) {
        Budget b = Budget.of(snapshot.containerLimitBytes(), configuredBudgetBytes);
        return config.thresholds().classify(snapshot.rssBytes(), b.asOptional());
    }

    /** The budget as last seen (container limit and/or configured), empty when neither is known. */
    public OptionalLong budgetBytes() {
        return budget.asOptional();
    }

    /** Advice for the given snapshot; empty when there is nothing to say. */
    public List<String> recommendations(MemorySnapshot snapshot) {
        Budget b = Budget.of(snapshot.containerLimitBytes(), configuredBudgetBytes);
        return Recommendations.of(snapshot, status(snapshot), b, config.thresholds(), recorder.trend());
    }

    /** Background samples, oldest first, at most {@link MemoryConfig#historySize()}; empty until started. */
    public List<MemorySample> history() {
        return recorder.samples();
    }

    /** The rising RSS trend found at the last background sample, if any. */
    public Optional<LeakTrend> leakTrend() {
        return recorder.trend();
    }

    /** A fresh snapshot with its status, budget, advice, leak trend and the history: the body of a health endpoint. */
    public MemoryReport report() {
        MemorySnapshot snapshot = snapshot();
        Budget b = Budget.of(snapshot.containerLimitBytes(), configuredBudgetBytes);
        MemoryStatus status = config.thresholds().classify(snapshot.rssBytes(), b.asOptional());
        return new MemoryReport(snapshot, status, b.bytes(), b.source(),
                Recommendations.of(snapshot, status, b, config.thresholds(), recorder.trend()), recorder.trend(),
                recorder.samples());
    }

    /**
     * The servlet filter that logs RSS and heap with method and path on a {@link MemoryConfig#logSampleRate()}
     * fraction of requests, after the response, plus an ERROR line with the user when the status is CRITICAL. Put it
     * after authentication so the user attribute is set. Same instance on every call.
     */
    public synchronized Filter requestLoggingFilter() {
        if (requestLoggingFilter == null) {
            requestLoggingFilter = new RequestMemoryLoggingFilter(requestSampler, taker,
                    rss -> config.thresholds().classify(rss, budget.asOptional()), () -> budget,
                    config.userAttribute(), requestsLog);
        }
        return requestLoggingFilter;
    }

    /**
     * The servlet filter that counts request and response body bytes as they stream and warns above
     * {@link MemoryConfig#sizeWarnBytes()}. Same instance on every call.
     */
    public synchronized Filter sizeMonitorFilter() {
        if (sizeMonitorFilter == null) {
            sizeMonitorFilter = new RequestSizeFilter(config.sizeWarnBytes(), sizeLog);
        }
        return sizeMonitorFilter;
    }

    /**
     * Starts the daemon thread {@code memory-sampler}, which takes a snapshot every
     * {@link MemoryConfig#sampleInterval()}, keeps the history and looks for leak trends.
     *
     * @return this monitor
     * @throws IllegalStateException when already started or closed
     */
    public MemoryMonitor start() {
        if (closed) {
            throw new IllegalStateException("memory-monitor is closed and cannot be started again");
        }
        sampler.start();
        return this;
    }

    /** Whether the background sampler is running. */
    public boolean isRunning() {
        return sampler.isRunning();
    }

    /** Stops the background sampler, if started; snapshots still work afterwards. */
    @Override
    public void close() {
        closed = true;
        sampler.close();
    }

    /** One background sample: snapshot, status, history, leak check. */
    void sampleNow() {
        MemorySnapshot snapshot = snapshot();
        Budget b = budget;
        recorder.record(snapshot, config.thresholds().classify(snapshot.rssBytes(), b.asOptional()), b);
    }
}
