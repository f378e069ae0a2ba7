package io.nextops.server.blobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.hashing.UploadLimits;
import io.nextops.hashing.store.BlobCallback;
import io.nextops.hashing.store.StoredBlob;
import io.nextops.testsupport.S3Proxy;
import java.io.ByteArrayInputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server instances (two stores, each with its own S3 client and connection pool, over one bucket and one
 * database) racing the same content from two threads: one object, one row, and never a row whose object is gone.
 */
class S3DedupRaceIT {
    @RegisterExtension
    static final S3Proxy S3 = new S3Proxy();
    static final int ROUNDS = 20;

    S3Fixture fx;
    S3BlobStore first;
    S3BlobStore second;
    ExecutorService threads;

    @BeforeEach
    void start() throws Exception {
        fx = new S3Fixture(S3);
        first = fx.store("race", S3BlobStore.DEFAULT_PART_SIZE_BYTES);
        second = fx.store("race", S3BlobStore.DEFAULT_PART_SIZE_BYTES);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        fx.close();
    }

    @Test
    void twoInstancesPuttingTheSameContentAtOnceEndWithOneObjectAndOneRow() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            byte[] content = S3Fixture.bytes(200_000 + round, 100 + round);
            String digest = S3Fixture.sha256(content);
            BlobCallback<StoredBlob, Exception> insert = blob -> {
                fx.insertRow(blob);
                return blob;
            };
            StoredBlob[] results = race(
                    () -> first.put(new ByteArrayInputStream(content), UploadLimits.defaults(), insert),
                    () -> second.put(new ByteArrayInputStream(content), UploadLimits.defaults(), insert));

            assertThat(results[0].alreadyExisted() ^ results[1].alreadyExisted())
                    .as("round %d: exactly one instance created the object", round).isTrue();
            assertThat(fx.rows(digest)).as("round %d: rows", round).isEqualTo(1);
            assertThat(first.exists(digest) && second.exists(digest)).isTrue();
        }
        assertThat(fx.bucketFiles()).hasSize(ROUNDS);
        assertThat(fx.spoolFiles()).isEmpty();
    }

    @Test
    void aFailingCallbackRacingASucceedingOneNeverLeavesARowWithoutItsObject() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            byte[] content = S3Fixture.bytes(150_000 + round, 500 + round);
            String digest = S3Fixture.sha256(content);
            // the failing side holds its new object a little while before its "transaction" fails, so that the
            // succeeding side would find the object, commit its row, and then lose the object, were it not locked
            BlobCallback<StoredBlob, Exception> failing = blob -> {
                Thread.sleep(30);
                throw new IllegalStateException("insert rolled back");
            };
            BlobCallback<StoredBlob, Exception> succeeding = blob -> {
                fx.insertRow(blob);
                return blob;
            };
            S3BlobStore failer = round % 2 == 0 ? first : second;
            S3BlobStore succeeder = round % 2 == 0 ? second : first;
            Object[] outcomes = raceAllowingFailure(
                    () -> failer.put(new ByteArrayInputStream(content), UploadLimits.defaults(), failing),
                    () -> succeeder.put(new ByteArrayInputStream(content), UploadLimits.defaults(), succeeding));

            assertThat(outcomes[0]).as("round %d: failing side", round).isInstanceOf(IllegalStateException.class);
            assertThat(outcomes[1]).as("round %d: succeeding side", round).isInstanceOf(StoredBlob.class);
            assertThat(fx.rows(digest)).isEqualTo(1);
            assertThat(first.exists(digest)).as("round %d: the row's object is there", round).isTrue();
            assertThat(first.size(digest)).hasValue(content.length);
        }
        assertThat(fx.bucketFiles()).hasSize(ROUNDS);
        assertThat(fx.spoolFiles()).isEmpty();
    }

    private StoredBlob[] race(Callable<StoredBlob> a, Callable<StoredBlob> b) throws Exception {
        Object[] outcomes = raceAllowingFailure(a, b);
        for (Object o : outcomes) {
            if (o instanceof Exception e) {
                throw e;
            }
        }
        return new StoredBlob[] {(StoredBlob) outcomes[0], (StoredBlob) outcomes[1]};
    }

    /** Runs both at the same instant; each outcome is the result or the exception thrown. */
    private Object[] raceAllowingFailure(Callable<StoredBlob> a, Callable<StoredBlob> b) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        Future<StoredBlob> fa = threads.submit(() -> {
            barrier.await();
            return a.call();
        });
        Future<StoredBlob> fb = threads.submit(() -> {
            barrier.await();
            return b.call();
        });
        return new Object[] {outcome(fa), outcome(fb)};
    }

    private static Object outcome(Future<StoredBlob> f) throws InterruptedException {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a put did not finish within 60 s", e);
        }
    }
}
