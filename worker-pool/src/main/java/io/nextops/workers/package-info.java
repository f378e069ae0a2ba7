/**
 * A bounded worker pool in the manner of gunicorn: fixed workers, a bounded queue that rejects at once, a per-task
 * timeout that logs the task's stack, runs its cancel actions and interrupts it, and workers recycled after
 * {@code maxTasksPerWorker} plus a random jitter. The entry point is {@link io.nextops.workers.WorkerPool}; for
 * separate light and heavy work with memory reservations, {@link io.nextops.workers.Lanes} holds one pool per
 * {@link io.nextops.workers.Lane}. This example (like the README's) is compiled and run by the module's tests
 * ({@code seen} collects what it observed; {@code closeQuietly} closes and ignores an {@code IOException}):
 *
 * <pre>{@code
 * WorkerPool pool = WorkerPool.start(WorkerPoolConfig.defaults()
 *         .withName("exports").withWorkers(4).withQueueCapacity(32)
 *         .withTaskTimeout(Duration.ofSeconds(30)).withMaxTasksPerWorker(500).withMaxTasksJitter(50));
 * try {
 *     CompletableFuture<Integer> written = pool.submit(task -> {  // a ContextualTask may throw IOException
 *         try (FileChannel out = FileChannel.open(csv, StandardOpenOption.WRITE)) {
 *             task.onCancel(() -> closeQuietly(out));  // at the timeout: after the stack is logged, before the interrupt
 *             return out.write(ByteBuffer.wrap("1,INV-0001\n".getBytes(StandardCharsets.UTF_8)));
 *         }
 *     });
 *     seen.add(written.get().longValue());             // 11 bytes; a thrown exception fails the future
 *     pool.execute(() -> seen.add(1L));                // fire and forget: a failure is logged at ERROR
 * } catch (RejectedTaskException e) {
 *     // e.reason() is QUEUE_FULL (every worker busy, the queue full) or SHUTDOWN; e.getMessage():
 *     // worker-pool[exports] - task rejected: queue full (workers=4, busy=4, queued=32, queueCapacity=32)
 * }
 * ShutdownReport done = pool.shutdown(Duration.ofSeconds(30)); // drains the queue first
 * WorkerPoolMetrics m = pool.metrics();  // workers, busy, queued, completed, rejected, timedOut, recycled, failed
 * seen.add("workers=" + m.workers() + " busy=" + m.busy());
 * seen.add(done.clean());                // nothing interrupted or dropped
 * }</pre>
 *
 * <p>Only the JDK and SLF4J are used. Everything but the API types is package-private.
 */
package io.nextops.workers;
