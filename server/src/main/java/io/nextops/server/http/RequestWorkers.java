package io.nextops.server.http;

import io.nextops.server.Managed;
import io.nextops.server.metrics.Metrics;
import io.nextops.workers.RejectedTaskException;
import io.nextops.workers.TaskContext;
import io.nextops.workers.WorkerPool;
import io.nextops.workers.WorkerPoolConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The bounded worker pool that runs pooled routes, as a {@link Managed} part of the server: the pool's threads exist
 * only between {@link #start()} and {@link #stop()} (which waits up to the graceful timeout for running tasks).
 * Thread-safe.
 */
public final class RequestWorkers implements Managed {
    private final WorkerPoolConfig config;
    private final Duration gracefulTimeout;
    private final Metrics metrics;
    private volatile WorkerPool pool;

    public RequestWorkers(WorkerPoolConfig config, Duration gracefulTimeout, Metrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.gracefulTimeout = Objects.requireNonNull(gracefulTimeout, "gracefulTimeout");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void start() {
        WorkerPool started = WorkerPool.start(config);
        metrics.bindWorkers(started);
        pool = started;
    }

    @Override
    public void stop() {
        WorkerPool p = pool;
        if (p != null) {
            p.shutdown(gracefulTimeout);
        }
    }

    /** Runs {@code task} on a worker; throws {@link RejectedTaskException} when the pool is full or not running. */
    void execute(Consumer<TaskContext> task) {
        WorkerPool p = pool;
        if (p == null) {
            throw new IllegalStateException("worker-pool[" + config.name() + "] - not started");
        }
        p.execute(task);
    }

    /** The running pool, or null before start. */
    public WorkerPool pool() {
        return pool;
    }
}
