package io.nextops.hashing.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.hashing.BlobNotFoundException;
import io.nextops.hashing.FileType;
import io.nextops.hashing.FileTypeNotAllowedException;
import io.nextops.hashing.SizeLimitExceededException;
import io.nextops.hashing.SourceReadException;
import io.nextops.hashing.StorageException;
import io.nextops.hashing.TestStreams;
import io.nextops.hashing.UploadHasher;
import io.nextops.hashing.UploadLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path root;

    private FileSystemBlobStore store;
    private ExecutorService executor;

    @BeforeEach
    void createStore() {
        store = FileSystemBlobStore.create(root, UploadHasher.create());
        executor = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @Test
    void storesContentUnderAPathDerivedFromItsDigest() throws Exception {
        StoredBlob blob = store.put(ascii("abc"), UploadLimits.defaults());

        assertThat(blob).isEqualTo(new StoredBlob(ABC_SHA256, 3, FileType.UNKNOWN, "ba/78/" + ABC_SHA256, false));
        assertThat(root.resolve("ba/78/" + ABC_SHA256)).hasContent("abc");
        assertThat(store.exists(ABC_SHA256)).isTrue();
        assertThat(store.size(ABC_SHA256)).hasValue(3);
        try (InputStream in = store.open(ABC_SHA256)) {
            assertThat(in.readAllBytes()).isEqualTo("abc".getBytes(US_ASCII));
        }
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void largeContentReadsBackIdentical() throws Exception {
        long size = 5L * 1024 * 1024 + 17;

        StoredBlob blob = store.put(TestStreams.deterministic(size), UploadLimits.unlimited());

        assertThat(blob.sizeBytes()).isEqualTo(size);
        assertThat(blob.digestHex())
                .isEqualTo(TestStreams.referenceDigest("SHA-256", TestStreams.deterministic(size)));
        try (InputStream in = store.open(blob.digestHex())) {
            assertThat(TestStreams.referenceDigest("SHA-256", in)).isEqualTo(blob.digestHex());
        }
    }

    @Test
    void sameContentTwiceIsStoredOnce() throws IOException {
        StoredBlob first = store.put(ascii("%PDF-1.7 same"), UploadLimits.defaults());
        StoredBlob second = store.put(ascii("%PDF-1.7 same"), UploadLimits.defaults());

        assertThat(first.alreadyExisted()).isFalse();
        assertThat(second.alreadyExisted()).isTrue();
        assertThat(second.key()).isEqualTo(first.key());
        assertThat(second.type()).isEqualTo(FileType.PDF);
        assertThat(blobFiles()).hasSize(1);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void concurrentPutsOfTheSameContentEndWithExactlyOneFileAndNoTemps() throws Exception {
        int threads = 8;
        byte[] content = TestStreams.deterministicBytes(1024 * 1024);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<StoredBlob>> puts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            puts.add(executor.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return store.put(new ByteArrayInputStream(content), UploadLimits.unlimited());
            }));
        }
        List<StoredBlob> blobs = new ArrayList<>();
        for (Future<StoredBlob> put : puts) {
            blobs.add(put.get(30, TimeUnit.SECONDS));
        }

        assertThat(blobs).extracting(StoredBlob::digestHex).containsOnly(blobs.get(0).digestHex());
        assertThat(blobs).filteredOn(b -> !b.alreadyExisted()).hasSize(1);
        assertThat(blobFiles()).hasSize(1);
        assertThat(tempFiles()).isEmpty();
        assertThat(store.lockCount()).isZero();
    }

    @Test
    void contentOfExactlyMaxBytesIsStoredAndOneMoreIsDiscarded() throws Exception {
        int max = 100_000;
        UploadLimits limits = UploadLimits.unlimited().withMaxBytes(max);
        String oversizedDigest = TestStreams.referenceDigest("SHA-256", TestStreams.deterministic(max + 1));

        assertThat(store.put(TestStreams.deterministic(max), limits).sizeBytes()).isEqualTo(max);
        assertThatThrownBy(() -> store.put(TestStreams.deterministic(max + 1), limits))
                .isInstanceOf(SizeLimitExceededException.class);

        assertThat(store.exists(oversizedDigest)).isFalse();
        assertThat(blobFiles()).hasSize(1);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void droppedClientLeavesNoTempFileAndNoBlob() {
        InputStream dropped = TestStreams.failingAfter(TestStreams.deterministic(10_000_000), 3_000_000);

        assertThatThrownBy(() -> store.put(dropped, UploadLimits.unlimited()))
                .isInstanceOf(SourceReadException.class);

        assertThat(tempFiles()).isEmpty();
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void refusedTypeLeavesNothingBehind() {
        UploadLimits pdfOnly = UploadLimits.defaults().withAllowedTypes(FileType.PDF);

        assertThatThrownBy(() -> store.put(ascii("<!DOCTYPE html><script>x</script>"), pdfOnly))
                .isInstanceOfSatisfying(FileTypeNotAllowedException.class,
                        e -> assertThat(e.detected()).isEqualTo(FileType.HTML));

        assertThat(tempFiles()).isEmpty();
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void storageFailureLeavesNoTempFile() throws IOException {
        Files.writeString(root.resolve("ba"), "a file where the shard directory for 'abc' should go");

        assertThatThrownBy(() -> store.put(ascii("abc"), UploadLimits.defaults()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("ba/78/" + ABC_SHA256);

        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void callbackResultIsReturnedWithTheBlobInPlace() {
        String seen = store.put(ascii("abc"), UploadLimits.defaults(),
                blob -> blob.digestHex() + " exists=" + store.exists(blob.digestHex()));

        assertThat(seen).isEqualTo(ABC_SHA256 + " exists=true");
    }

    @Test
    void failingCallbackDeletesTheBlobItCreatedAndPropagates() {
        Exception dbFailure = new Exception("duplicate key value violates unique constraint");

        assertThatThrownBy(() -> store.put(ascii("abc"), UploadLimits.defaults(), blob -> {
            throw dbFailure;
        })).isSameAs(dbFailure);

        assertThat(store.exists(ABC_SHA256)).isFalse();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void failingCallbackKeepsABlobThatWasAlreadyStored() {
        store.put(ascii("abc"), UploadLimits.defaults());

        assertThatThrownBy(() -> store.put(ascii("abc"), UploadLimits.defaults(), blob -> {
            throw new IllegalStateException("rollback");
        })).hasMessage("rollback");

        assertThat(store.exists(ABC_SHA256)).isTrue();
    }

    @Test
    void sameContentPutWaitsForACallbackInProgressSoItNeverAdoptsABlobAboutToBeRolledBack() throws Exception {
        CountDownLatch insideCallback = new CountDownLatch(1);
        CountDownLatch rollBack = new CountDownLatch(1);
        Future<?> first = executor.submit(() -> store.put(ascii("abc"), UploadLimits.defaults(), blob -> {
            insideCallback.countDown();
            rollBack.await(10, TimeUnit.SECONDS);
            throw new IllegalStateException("transaction rolled back");
        }));
        assertThat(insideCallback.await(10, TimeUnit.SECONDS)).isTrue();

        Future<StoredBlob> second = executor.submit(() -> store.put(ascii("abc"), UploadLimits.defaults()));
        Thread.sleep(200);
        assertThat(second).isNotDone();
        rollBack.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("transaction rolled back");
        StoredBlob adopted = second.get(10, TimeUnit.SECONDS);
        assertThat(adopted.alreadyExisted()).as("stored afresh after the rollback deleted the first copy").isFalse();
        assertThat(store.exists(ABC_SHA256)).isTrue();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void digestsThatCouldEscapeTheRootAreRejected() {
        for (String bad : List.of("../../etc/passwd", ABC_SHA256.toUpperCase(), ABC_SHA256.substring(1),
                "../" + ABC_SHA256.substring(3), "ab/cd/" + ABC_SHA256.substring(6))) {
            assertThatThrownBy(() -> store.open(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("digestHex must be 64 lower-case hex characters (SHA-256)");
        }
        assertThatThrownBy(() -> store.delete(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingBlobIsReportedAsNotFound() {
        assertThatThrownBy(() -> store.open(ABC_SHA256))
                .isInstanceOfSatisfying(BlobNotFoundException.class,
                        e -> assertThat(e.digestHex()).isEqualTo(ABC_SHA256));
        assertThat(store.exists(ABC_SHA256)).isFalse();
        assertThat(store.size(ABC_SHA256)).isEmpty();
        assertThat(store.delete(ABC_SHA256)).isFalse();
    }

    @Test
    void deleteRemovesTheBlob() {
        store.put(ascii("abc"), UploadLimits.defaults());

        assertThat(store.delete(ABC_SHA256)).isTrue();

        assertThat(store.exists(ABC_SHA256)).isFalse();
    }

    @Test
    void sweepDeletesOnlyStaleTempFiles() throws IOException {
        Path stale = Files.writeString(root.resolve("tmp/upload-crashed.part"), "partial");
        Path fresh = Files.writeString(root.resolve("tmp/upload-inflight.part"), "partial");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        int deleted = store.sweepStaleTempFiles(Duration.ofMinutes(30));

        assertThat(deleted).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void reopeningAStoreSeesEarlierBlobs() {
        store.put(ascii("abc"), UploadLimits.defaults());

        FileSystemBlobStore reopened = FileSystemBlobStore.create(root, UploadHasher.create());

        assertThat(reopened.put(ascii("abc"), UploadLimits.defaults()).alreadyExisted()).isTrue();
    }

    private List<Path> tempFiles() {
        return listFiles(root.resolve(FileSystemBlobStore.TEMP_DIR));
    }

    private List<Path> blobFiles() {
        return listFiles(root).stream()
                .filter(p -> !p.startsWith(root.resolve(FileSystemBlobStore.TEMP_DIR)))
                .toList();
    }

    private static List<Path> listFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream ascii(String s) {
        return new ByteArrayInputStream(s.getBytes(US_ASCII));
    }
}
