package io.nextops.benchmarks.hashing;

import io.nextops.hashing.HashingOptions;
import io.nextops.hashing.UploadHasher;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SHA-256 throughput of {@link UploadHasher} over an in-memory stream, for a few chunk sizes, against raw
 * {@link MessageDigest#update(byte[])} over the same array. Each invocation hashes {@value #SIZE_MIB} MiB and counts
 * as {@value #SIZE_MIB} operations, so the reported ops/s are MiB/s.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar Hash -f 1 -wi 2 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(HashBenchmark.SIZE_MIB)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HashBenchmark {
    static final int SIZE_MIB = 16;

    /** The content: random, so nothing about it is special; shared by all benchmarks. */
    @State(Scope.Benchmark)
    public static class Data {
        byte[] bytes;

        @Setup
        public void fill() {
            bytes = new byte[SIZE_MIB << 20];
            new Random(42).nextBytes(bytes);
        }
    }

    /** The chunk sizes compared; only the benchmarks that take this state are repeated per size. */
    @State(Scope.Benchmark)
    public static class Chunking {
        @Param({"8192", "65536", "1048576"})
        int chunkSizeBytes;

        UploadHasher hasher;

        @Setup
        public void create() {
            hasher = UploadHasher.create(HashingOptions.defaults().withChunkSizeBytes(chunkSizeBytes));
        }
    }

    /** Baseline: the JDK digest over the whole array in one call, no stream, no copy. */
    @Benchmark
    public byte[] rawMessageDigest(Data data) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(data.bytes);
        return digest.digest();
    }

    /** The library: stream read in chunks, copied into its buffer, limit and sniff bookkeeping, hex digest. */
    @Benchmark
    public String uploadHasher(Data data, Chunking chunking) {
        return chunking.hasher.hash(new ByteArrayInputStream(data.bytes)).digestHex();
    }
}
