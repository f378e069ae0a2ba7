package io.nextops.benchmarks.hashing;

import io.nextops.hashing.HashResult;
import io.nextops.hashing.HashingOptions;
import io.nextops.hashing.UploadHasher;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hashes a file with {@link UploadHasher} and prints the digest and the in-process throughput, for comparison with
 * {@code sha256sum} and {@code openssl dgst} (see {@code benchmarks/hash-vs-openssl.sh}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.nextops.benchmarks.hashing.HashFile FILE [chunkSizeBytes] [algorithm]
 * </pre>
 * Output, one line: {@code <hex digest> bytes=.. wall_s=.. wall_mbps=.. cpu_s=.. cpu_mbps=..} (MB = 10^6 bytes), where
 * {@code cpu} is the hashing thread's CPU time: on a shared, overloaded machine it shows what the code costs, while
 * wall time also shows how long the thread waited for a core.
 */
public final class HashFile {
    private HashFile() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: HashFile FILE [chunkSizeBytes] [algorithm]");
            System.exit(2);
        }
        HashingOptions options = HashingOptions.defaults();
        if (args.length >= 2) {
            options = options.withChunkSizeBytes(Integer.parseInt(args[1]));
        }
        if (args.length == 3) {
            options = options.withAlgorithm(args[2]);
        }
        UploadHasher hasher = UploadHasher.create(options);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        HashResult result;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            result = hasher.hash(in);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double megabytes = result.sizeBytes() / 1e6;
        System.out.printf("%s bytes=%d wall_s=%.3f wall_mbps=%.1f cpu_s=%.3f cpu_mbps=%.1f%n", result.digestHex(),
                result.sizeBytes(), seconds, megabytes / seconds, cpuSeconds, megabytes / cpuSeconds);
    }
}
