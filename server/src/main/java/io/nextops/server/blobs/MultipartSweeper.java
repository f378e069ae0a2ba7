package io.nextops.server.blobs;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Aborts the unfinished multipart uploads of instances that died mid-upload. An upload holds its digest's lock
 * ({@link DigestLock}) from before {@code CreateMultipartUpload} until after {@code CompleteMultipartUpload} or the
 * abort, and PostgreSQL releases a dead instance's lock with its session; so an unfinished upload under the store's
 * prefix whose digest lock is free ({@link DigestLock#tryLock}) has nobody left to finish it. A sweep lists them
 * (page by page), tries each one's lock without waiting, aborts the upload while holding it, and leaves the uploads of
 * live instances alone. No clock is involved: S3-compatible servers do not all report a real initiation time.
 *
 * <p>{@link #start} runs a sweep at once and then every {@code interval} (zero: only the first) on one daemon thread;
 * {@link #close} stops it. Each abort is logged at INFO; a failed sweep logs one WARN and waits for the next round.
 *
 * <p>Thread-safety: thread-safe; sweeps may run on several threads (two instances' sweepers race harmlessly: aborting
 * an upload twice answers NoSuchUpload, which counts as done).
 */
final class MultipartSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MultipartSweeper.class);
    /** How long {@link #close} waits for a sweep in progress to see that it must stop. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final S3Client s3;
    private final String bucket;
    private final String listPrefix;
    private final Function<String, Optional<String>> digestOfKey;
    private final DigestLock locks;
    private final String name;
    private ScheduledExecutorService thread;
    private volatile boolean stopping;

    /**
     * @param listPrefix the keys to list ({@code "prefix/"}, or empty for the whole bucket)
     * @param digestOfKey the digest of a key of the store's layout; empty for any other key, which is never touched
     */
    MultipartSweeper(S3Client s3, String bucket, String listPrefix, Function<String, Optional<String>> digestOfKey,
                     DigestLock locks, String name) {
        this.s3 = s3;
        this.bucket = bucket;
        this.listPrefix = listPrefix;
        this.digestOfKey = digestOfKey;
        this.locks = locks;
        this.name = name;
    }

    /** What one sweep found: unfinished uploads of the store's layout, those aborted, those left to live uploads. */
    record Outcome(int listed, int aborted, int busy) {}

    /**
     * One sweep, on the calling thread. Throws the first failure (listing, locking or aborting) after trying every
     * upload it could list.
     */
    Outcome sweep() {
        int listed = 0;
        int aborted = 0;
        int busy = 0;
        RuntimeException failure = null;
        ListMultipartUploadsRequest request = ListMultipartUploadsRequest.builder().bucket(bucket)
                .prefix(listPrefix.isEmpty() ? null : listPrefix).build();
        // the paginator fetches one page (at most 1,000 uploads) at a time, as the iteration reaches it
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(request).uploads()) {
            if (stopping) {
                break;
            }
            Optional<String> digest = digestOfKey.apply(upload.key());
            if (digest.isEmpty()) {
                continue;
            }
            listed++;
            try {
                Optional<DigestLock.Held> lock = locks.tryLock(digest.get());
                if (lock.isEmpty()) {
                    busy++;
                    continue;
                }
                try (DigestLock.Held held = lock.get()) {
                    if (abort(upload)) {
                        aborted++;
                    }
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new Outcome(listed, aborted, busy);
    }

    /** True when this call aborted it; false when it was already gone (completed or aborted meanwhile). */
    private boolean abort(MultipartUpload upload) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(upload.key())
                    .uploadId(upload.uploadId()).build());
        } catch (NoSuchUploadException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
        log.info("{} - aborted unfinished multipart upload {} of {}: no live instance holds its digest's lock (its "
                + "uploader died)", name, upload.uploadId(), upload.key());
        return true;
    }

    /** Sweeps now and then every {@code interval} (zero: only now) on a daemon thread of its own. */
    synchronized void start(Duration interval) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be >= 0, was " + interval);
        }
        if (thread != null) {
            throw new IllegalStateException(name + " - the multipart sweeper is already started");
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "s3-multipart-sweeper");
            t.setDaemon(true);
            return t;
        });
        if (interval.isZero()) {
            thread.execute(() -> sweepLogged(interval));
        } else {
            thread.scheduleWithFixedDelay(() -> sweepLogged(interval), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sweepLogged(Duration interval) {
        try {
            Outcome outcome = sweep();
            log.debug("{} - multipart sweep: {}", name, outcome);
        } catch (RuntimeException | Error e) {
            if (!stopping) {
                log.warn("{} - sweeping unfinished multipart uploads failed ({}): {}", name,
                        interval.isZero() ? "S3_SWEEP_INTERVAL=0, no further sweep"
                                : "next sweep in " + interval.toSeconds() + "s", e.toString());
            }
        }
    }

    /** Stops the thread, waiting a while for a sweep in progress (it stops before its next upload). */
    @Override
    public synchronized void close() {
        stopping = true;
        if (thread == null) {
            return;
        }
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} - the multipart sweeper did not stop within {}s", name, STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
