package io.nextops.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of one {@link WorkerPool}, validated when built; every problem is reported in one message.
 *
 * <pre>{@code
 * WorkerPoolConfig config = WorkerPoolConfig.defaults()
 *     .withName("exports")
 *     .withWorkers(4)
 *     .withTaskTimeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name              pool name, used in thread names ({@code <name>-worker-<n>}) and in every message;
 *                          letters, digits, {@code . _ -}
 * @param workers           how many tasks run at once (platform threads, or virtual-thread permits), {@code >= 1}
 * @param queueCapacity     tasks that may wait for a free worker before submissions are rejected, {@code >= 0};
 *                          0 hands a task over only when a worker is idle
 * @param taskTimeout       how long one task may run before it is cancelled and interrupted;
 *                          {@link Duration#ZERO} disables timeouts
 * @param maxTasksPerWorker a platform worker retires after this many tasks (plus jitter) and a fresh thread takes
 *                          its place; 0 never recycles. Ignored in {@link Mode#VIRTUAL} mode
 * @param maxTasksJitter    a random {@code 0..maxTasksJitter} added to {@code maxTasksPerWorker}, drawn again for
 *                          every new worker so that workers do not all retire at once, {@code >= 0}
 * @param mode              {@link Mode#PLATFORM} workers or {@link Mode#VIRTUAL} threads (Java 21+)
 */
public record WorkerPoolConfig(
        String name,
        int workers,
        int queueCapacity,
        Duration taskTimeout,
        int maxTasksPerWorker,
        int maxTasksJitter,
        Mode mode) {

    /** How tasks get a thread. */
    public enum Mode {
        /** A fixed set of platform threads that take tasks from a bounded queue and are recycled. */
        PLATFORM,
        /**
         * One new virtual thread per task, at most {@code workers} running at once (a semaphore); needs Java 21+.
         * Recycling does not apply: a virtual thread never runs a second task.
         */
        VIRTUAL
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Validates all fields and reports every problem at once. */
    public WorkerPoolConfig {
        List<String> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add("name must be 1-64 letters, digits, '.', '_' or '-', was " + quote(name));
        }
        if (workers < 1) {
            errors.add("workers must be >= 1, was " + workers);
        }
        if (queueCapacity < 0) {
            errors.add("queueCapacity must be >= 0, was " + queueCapacity);
        }
        if (taskTimeout == null || taskTimeout.isNegative()) {
            errors.add("taskTimeout must be >= 0 (0 = no timeout), was " + taskTimeout);
        }
        if (maxTasksPerWorker < 0) {
            errors.add("maxTasksPerWorker must be >= 0 (0 = never recycle), was " + maxTasksPerWorker);
        }
        if (maxTasksJitter < 0) {
            errors.add("maxTasksJitter must be >= 0, was " + maxTasksJitter);
        } else if ((long) maxTasksPerWorker + maxTasksJitter > Integer.MAX_VALUE) {
            errors.add("maxTasksPerWorker + maxTasksJitter must fit in an int, was "
                    + ((long) maxTasksPerWorker + maxTasksJitter));
        }
        if (mode == null) {
            errors.add("mode must not be null");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid worker-pool config: " + String.join("; ", errors));
        }
    }

    /**
     * Defaults modelled on the gunicorn setup this replaces: name {@code pool}, 8 workers, a queue of 64,
     * a 120 s task timeout, recycling after 500 tasks plus up to 50 of jitter, platform threads.
     */
    public static WorkerPoolConfig defaults() {
        return new WorkerPoolConfig("pool", 8, 64, Duration.ofSeconds(120), 500, 50, Mode.PLATFORM);
    }

    public WorkerPoolConfig withName(String name) {
        return new WorkerPoolConfig(name, workers, queueCapacity, taskTimeout, maxTasksPerWorker, maxTasksJitter, mode);
    }

    public WorkerPoolConfig withWorkers(int workers) {
        return new WorkerPoolConfig(name, workers, queueCapacity, taskTimeout, maxTasksPerWorker, maxTasksJitter, mode);
    }

    public WorkerPoolConfig withQueueCapacity(int queueCapacity) {
        return new WorkerPoolConfig(name, workers, queueCapacity, taskTimeout, maxTasksPerWorker, maxTasksJitter, mode);
    }

    /** {@link Duration#ZERO} disables the timeout. */
    public WorkerPoolConfig withTaskTimeout(Duration taskTimeout) {
        return new WorkerPoolConfig(name, workers, queueCapacity, taskTimeout, maxTasksPerWorker, maxTasksJitter, mode);
    }

    /** 0 never recycles. */
    public WorkerPoolConfig withMaxTasksPerWorker(int maxTasksPerWorker) {
        return new WorkerPoolConfig(name, workers, queueCapacity, taskTimeout, maxTasksPerWorker, maxTasksJitter, mode);
    }

    public WorkerPoolConfig withMaxTasksJitter(int maxTasksJitter) {
        return new WorkerPoolConfig(name, workers, queueCapacity, taskTimeout, maxTasksPerWorker, maxTasksJitter, mode);
    }

    public WorkerPoolConfig withMode(Mode mode) {
        return new WorkerPoolConfig(name, workers, queueCapacity, taskTimeout, maxTasksPerWorker, maxTasksJitter, mode);
    }

    boolean hasTimeout() {
        return !taskTimeout.isZero();
    }

    boolean recycles() {
        return mode == Mode.PLATFORM && maxTasksPerWorker > 0;
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
