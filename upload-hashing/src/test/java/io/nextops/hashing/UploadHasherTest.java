package io.nextops.hashing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadHasherTest {
    private static final int CHUNK = HashingOptions.DEFAULT_CHUNK_SIZE_BYTES;
    private final UploadHasher hasher = UploadHasher.create();

    @Test
    void sha256MatchesKnownVectors() {
        assertThat(hasher.hash(ascii("")).digestHex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hasher.hash(ascii("abc")).digestHex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        HashResult million = hasher.hash(new ByteArrayInputStream("a".repeat(1_000_000).getBytes(US_ASCII)));
        assertThat(million.digestHex()).isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        assertThat(million.sizeBytes()).isEqualTo(1_000_000);
        assertThat(million.algorithm()).isEqualTo("SHA-256");
    }

    @Test
    void otherAlgorithmsAreChosenByName() {
        UploadHasher sha1 = UploadHasher.create(HashingOptions.defaults().withAlgorithm("SHA-1"));
        UploadHasher sha512 = UploadHasher.create(HashingOptions.defaults().withAlgorithm("SHA-512"));

        assertThat(sha1.hash(ascii("abc")).digestHex()).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(sha1.digestHexLength()).isEqualTo(40);
        assertThat(sha512.hash(ascii("abc")).digestHex()).isEqualTo(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
        assertThat(sha512.hash(ascii("abc")).algorithm()).isEqualTo("SHA-512");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7})
    void equalsMessageDigestOverTheWholeInputAroundChunkBoundaries(int size) throws Exception {
        HashResult result = hasher.hash(TestStreams.deterministic(size));

        assertThat(result.digestHex()).isEqualTo(TestStreams.referenceDigest("SHA-256", TestStreams.deterministic(size)));
        assertThat(result.sizeBytes()).isEqualTo(size);
    }

    @ParameterizedTest
    @ValueSource(ints = {4096 - 1, 4096, 4096 + 1, 10 * 4096 + 3})
    void smallestChunkSizeGivesTheSameDigest(int size) throws Exception {
        UploadHasher small = UploadHasher.create(HashingOptions.defaults().withChunkSizeBytes(4096));

        assertThat(small.hash(TestStreams.deterministic(size)).digestHex())
                .isEqualTo(TestStreams.referenceDigest("SHA-256", TestStreams.deterministic(size)));
    }

    @Test
    void sourceDeliveringFewBytesPerReadGivesTheSameDigest() throws Exception {
        int size = 2 * CHUNK + 123;

        HashResult result = hasher.hash(TestStreams.shortReads(TestStreams.deterministic(size), 7));

        assertThat(result.digestHex()).isEqualTo(TestStreams.referenceDigest("SHA-256", TestStreams.deterministic(size)));
    }

    @Test
    void hashes100MegabytesStreamedThroughWithoutHoldingThem() throws Exception {
        long size = 100L * 1000 * 1000;

        HashResult result = hasher.hash(TestStreams.deterministic(size));

        assertThat(result.sizeBytes()).isEqualTo(size);
        assertThat(result.digestHex()).isEqualTo(TestStreams.referenceDigest("SHA-256", TestStreams.deterministic(size)));
    }

    @Test
    void copyTeesEveryByteToTheSinkWhileHashing() throws Exception {
        byte[] content = TestStreams.deterministicBytes(CHUNK * 2 + 5);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        HashResult result = hasher.copy(new ByteArrayInputStream(content), sink, UploadLimits.unlimited());

        assertThat(sink.toByteArray()).isEqualTo(content);
        assertThat(result.digestHex())
                .isEqualTo(TestStreams.referenceDigest("SHA-256", new ByteArrayInputStream(content)));
    }

    @Test
    void contentOfExactlyMaxBytesPasses() {
        HashResult result = hasher.hash(TestStreams.deterministic(CHUNK + 10), UploadLimits.unlimited().withMaxBytes(CHUNK + 10));

        assertThat(result.sizeBytes()).isEqualTo(CHUNK + 10);
    }

    @Test
    void oneByteOverMaxBytesFailsNamingLimitAndBytesSeen() {
        UploadLimits limits = UploadLimits.unlimited().withMaxBytes(CHUNK + 10);

        assertThatThrownBy(() -> hasher.hash(TestStreams.deterministic(CHUNK + 11), limits))
                .isInstanceOfSatisfying(SizeLimitExceededException.class, e -> {
                    assertThat(e.maxBytes()).isEqualTo(CHUNK + 10);
                    assertThat(e.bytesSeen()).isEqualTo(CHUNK + 11);
                })
                .isInstanceOf(HashingException.class)
                .hasMessageContaining("maxBytes=" + (CHUNK + 10));
    }

    @Test
    void oversizedUploadIsStoppedAfterReadingAtMostOneByteOverTheLimit() {
        TestStreams.Counting source = new TestStreams.Counting(TestStreams.deterministic(50L * 1000 * 1000));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        assertThatThrownBy(() -> hasher.copy(source, sink, UploadLimits.unlimited().withMaxBytes(100_000)))
                .isInstanceOf(SizeLimitExceededException.class);
        assertThat(source.count()).isEqualTo(100_001);
        assertThat(sink.size()).isLessThanOrEqualTo(100_000);
    }

    @Test
    void maxBytesZeroAcceptsOnlyEmptyContent() {
        UploadLimits nothing = UploadLimits.unlimited().withMaxBytes(0);

        assertThat(hasher.hash(ascii(""), nothing).sizeBytes()).isZero();
        assertThatThrownBy(() -> hasher.hash(ascii("x"), nothing)).isInstanceOf(SizeLimitExceededException.class);
    }

    @Test
    void failingSourceRaisesSourceReadExceptionWithBytesRead() {
        InputStream dropped = TestStreams.failingAfter(TestStreams.deterministic(10 * CHUNK), 3 * CHUNK);

        assertThatThrownBy(() -> hasher.hash(dropped))
                .isInstanceOfSatisfying(SourceReadException.class,
                        e -> assertThat(e.bytesRead()).isEqualTo(3 * CHUNK))
                .hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("Connection reset by peer");
    }

    @Test
    void failingSinkRaisesStorageException() {
        OutputStream diskFull = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        assertThatThrownBy(() -> hasher.copy(TestStreams.deterministic(CHUNK), diskFull, UploadLimits.unlimited()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("No space left on device");
    }

    @Test
    void refusedTypeNeverReachesTheSink() {
        UploadLimits pdfOnly = UploadLimits.unlimited().withAllowedTypes(FileType.PDF);
        ByteArrayOutputStream longSink = new ByteArrayOutputStream();
        ByteArrayOutputStream shortSink = new ByteArrayOutputStream();
        String longJson = "{\"rows\": [" + "1,".repeat(CHUNK) + "1]}";

        assertThatThrownBy(() -> hasher.copy(ascii(longJson), longSink, pdfOnly))
                .isInstanceOfSatisfying(FileTypeNotAllowedException.class, e -> {
                    assertThat(e.detected()).isEqualTo(FileType.JSON);
                    assertThat(e.allowed()).containsExactly(FileType.PDF);
                });
        assertThatThrownBy(() -> hasher.copy(ascii("{}"), shortSink, pdfOnly))
                .isInstanceOf(FileTypeNotAllowedException.class);
        assertThat(longSink.size()).isZero();
        assertThat(shortSink.size()).isZero();
    }

    @Test
    void resultCarriesTheSniffedType() {
        assertThat(hasher.hash(ascii("%PDF-1.7\n...")).type()).isEqualTo(FileType.PDF);
        assertThat(hasher.hash(ascii("")).type()).isEqualTo(FileType.EMPTY);
    }

    @Test
    void sniffPeeksWithoutConsumingTheContent() throws IOException {
        byte[] content = ("<?xml version=\"1.0\"?><factura>" + "x".repeat(10_000) + "</factura>").getBytes(US_ASCII);

        SniffedStream sniffed = UploadHasher.sniff(new ByteArrayInputStream(content));

        assertThat(sniffed.type()).isEqualTo(FileType.XML);
        assertThat(sniffed.stream().readAllBytes()).isEqualTo(content);
    }

    @Test
    void sniffOfShortContentReturnsAllOfIt() throws IOException {
        SniffedStream sniffed = UploadHasher.sniff(ascii("[1]"));

        assertThat(sniffed.type()).isEqualTo(FileType.JSON);
        assertThat(new String(sniffed.stream().readAllBytes(), US_ASCII)).isEqualTo("[1]");
    }

    @Test
    void hashingStreamTeesWritesAndHashesThem() throws Exception {
        byte[] content = TestStreams.deterministicBytes(CHUNK + 99);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        HashingOutputStream out = hasher.hashingStream(sink, UploadLimits.unlimited());
        out.write(content, 0, 10);
        out.write(content[10]);
        out.write(content, 11, content.length - 11);
        HashResult result = out.result();

        assertThat(sink.toByteArray()).isEqualTo(content);
        assertThat(out.bytesWritten()).isEqualTo(content.length);
        assertThat(result.digestHex())
                .isEqualTo(TestStreams.referenceDigest("SHA-256", new ByteArrayInputStream(content)));
        assertThat(out.result()).isSameAs(result);
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hashingStreamRefusesTheWriteThatCrossesTheLimit() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        HashingOutputStream out = hasher.hashingStream(sink, UploadLimits.unlimited().withMaxBytes(10));

        out.write(new byte[10]);

        assertThatThrownBy(() -> out.write(0)).isInstanceOf(SizeLimitExceededException.class);
        assertThat(sink.size()).isEqualTo(10);
    }

    @Test
    void toStringNamesAlgorithmAndChunkSize() {
        assertThat(hasher).hasToString("UploadHasher[SHA-256, chunkSizeBytes=65536]");
    }

    private static InputStream ascii(String s) {
        return new ByteArrayInputStream(s.getBytes(US_ASCII));
    }
}
