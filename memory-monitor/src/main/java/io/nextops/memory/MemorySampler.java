package io.nextops.memory;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task at a fixed delay on one daemon thread named {@code memory-sampler}. A failing run is reported once to
 * the log and does not stop later runs. Thread-safe; start once, close any number of times.
 */
final class MemorySampler implements AutoCloseable {
    static final String THREAD_NAME = "memory-sampler";

    private final Duration interval;
    private final Runnable task;
    private final MemoryLog log;
    private ScheduledThreadPoolExecutor executor;
    private boolean failureLogged;

    MemorySampler(Duration interval, Runnable task, MemoryLog log) {
        this.interval = interval;
        this.task = task;
        this.log = log;
    }

    synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("memory-sampler already started");
        }
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::runSafely, 0, millis, TimeUnit.MILLISECONDS);
    }

    synchronized boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }

    private void runSafely() {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (!failureLogged) {
                failureLogged = true;
                log.log(MemoryLog.Level.WARN, "memory-sampler run failed (logged once, sampling continues): " + e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
