/**
 * A bounded worker pool in the manner of gunicorn: fixed workers, a bounded queue that rejects at once, a per-task
 * timeout that logs the task's stack, runs its cancel actions and interrupts it, and workers recycled after
 * {@code maxTasksPerWorker} plus a random jitter. The entry point is {@link io.nextops.workers.WorkerPool}.
 *
 * <pre>{@code
 * WorkerPool pool = WorkerPool.start(WorkerPoolConfig.defaults()
 *         .withName("exports").withWorkers(4).withQueueCapacity(32)
 *         .withTaskTimeout(Duration.ofSeconds(30)).withMaxTasksPerWorker(500).withMaxTasksJitter(50));
 * try {
 *     pool.execute(task -> {
 *         task.onCancel(() -> cancelQuietly(statement)); // at the timeout, before the interrupt
 *         statement.execute(sql);
 *     });
 * } catch (RejectedTaskException e) {
 *     respond503(e.getMessage());                     // queue full: never blocks the caller
 * }
 * WorkerPoolMetrics m = pool.metrics();               // busy, queued, completed, timedOut, recycled...
 * ShutdownReport report = pool.shutdown(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Only the JDK and SLF4J are used. Everything but the API types is package-private.
 */
package io.nextops.workers;
