package io.nextops.server.http;

import io.nextops.server.Managed;
import io.nextops.server.metrics.Metrics;
import io.nextops.workers.Lane;
import io.nextops.workers.LaneMetrics;
import io.nextops.workers.Lanes;
import io.nextops.workers.LanesConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The request workers, as a {@link Managed} part of the server: two {@link Lanes}, {@code light} and {@code heavy},
 * each with its own workers and bounded queue, so that lists and details never wait behind exports, uploads and
 * imports. The heavy lane admits a job only while its memory reservation fits the lane's share of the budget and
 * the memory status allows ({@code memoryPressure}). The threads exist only between {@link #start()} and
 * {@link #stop()} (which waits up to the graceful timeout for running tasks). Thread-safe.
 */
public final class RequestWorkers implements Managed {
    private final LanesConfig config;
    private final Duration gracefulTimeout;
    private final Metrics metrics;
    private final BooleanSupplier memoryPressure;
    private volatile Lanes lanes;

    public RequestWorkers(LanesConfig config, Duration gracefulTimeout, Metrics metrics, BooleanSupplier memoryPressure) {
        this.config = Objects.requireNonNull(config, "config");
        this.gracefulTimeout = Objects.requireNonNull(gracefulTimeout, "gracefulTimeout");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.memoryPressure = Objects.requireNonNull(memoryPressure, "memoryPressure");
    }

    @Override
    public void start() {
        Lanes started = Lanes.start(config, memoryPressure);
        metrics.bindLanes(started);
        lanes = started;
    }

    @Override
    public void stop() {
        Lanes l = lanes;
        if (l != null) {
            l.shutdown(gracefulTimeout);
        }
    }

    Lane light() {
        return running().lane(LanesConfig.LIGHT);
    }

    Lane heavy() {
        return running().lane(LanesConfig.HEAVY);
    }

    /** Each lane's busy, queued, rejected counts and reserved bytes; empty before start. */
    public List<LaneMetrics> metrics() {
        Lanes l = lanes;
        return l == null ? List.of() : l.metrics();
    }

    private Lanes running() {
        Lanes l = lanes;
        if (l == null) {
            throw new IllegalStateException("request workers not started");
        }
        return l;
    }
}
