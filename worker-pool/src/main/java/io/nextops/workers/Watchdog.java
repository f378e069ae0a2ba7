package io.nextops.workers;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's one timeout thread: it wakes every {@code taskTimeout / 20} (between 5 ms and 200 ms) and looks at the
 * task each worker is running, so that timeouts cost no timer per task, only a ticker reading at task start. A task
 * is given up on within one interval after its timeout.
 *
 * <p>Thread-safe.
 */
final class Watchdog implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final PoolCore core;
    private final Engine engine;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean stopped;

    Watchdog(PoolCore core, Engine engine) {
        this.core = core;
        this.engine = engine;
        long interval = core.timeoutNanos / 20;
        this.intervalNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(TimeUnit.MILLISECONDS.toNanos(200), interval));
        this.thread = new Thread(this, core.config.name() + "-watchdog");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        while (!stopped) {
            LockSupport.parkNanos(this, intervalNanos);
            Thread.interrupted(); // nobody should interrupt us; do not let it turn parking into spinning
            if (stopped) {
                return;
            }
            try {
                long now = core.ticker.nanoTime();
                engine.forEachRunning(run -> core.timeOutIfOverdue(run, now));
            } catch (RuntimeException | Error e) {
                log.error("{}watchdog check failed; will retry", core.prefix, e);
            }
        }
    }
}
