package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatmRssProbeTest {

    @Test
    void parsesSizeAndResidentPages() {
        RssProbe.Reading reading = ProcStatmRssProbe.parse("2243608 78339 7899 1 0 130145 0\n", 4096);

        assertThat(reading.virtualBytes()).isEqualTo(2243608L * 4096);
        assertThat(reading.rssBytes()).isEqualTo(78339L * 4096);
    }

    @Test
    void garbledOrMissingContentIsUnknown(@TempDir Path dir) {
        assertThat(ProcStatmRssProbe.parse("", 4096)).isEqualTo(RssProbe.Reading.unknown());
        assertThat(ProcStatmRssProbe.parse("12 lots", 4096)).isEqualTo(new RssProbe.Reading(-1, 12 * 4096));
        assertThat(new ProcStatmRssProbe(dir.resolve("missing"), 4096).read()).isEqualTo(RssProbe.Reading.unknown());
    }

    @Test
    void rereadsTheOpenFileEachTime(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("statm"), "100 10 0 0 0 0 0\n");
        ProcStatmRssProbe probe = new ProcStatmRssProbe(file, 1024);
        assertThat(probe.read().rssBytes()).isEqualTo(10 * 1024);

        Files.writeString(file, "100 20 0 0 0 0 0\n");

        assertThat(probe.read().rssBytes()).isEqualTo(20 * 1024);
    }

    @Test
    void survivesAnInterruptedReader(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("statm"), "100 10 0 0 0 0 0\n");
        ProcStatmRssProbe probe = new ProcStatmRssProbe(file, 4096);
        Thread interrupted = new Thread(() -> {
            Thread.currentThread().interrupt();
            probe.read(); // closes the channel (ClosedByInterruptException)
        });
        interrupted.start();
        interrupted.join();

        assertThat(probe.read().rssBytes()).isEqualTo(10 * 4096);
    }

    @Test
    void readsThisProcessOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/statm")));

        RssProbe.Reading reading = RssProbe.platformDefault().read();

        assertThat(reading.rssBytes()).isGreaterThan(10L * 1024 * 1024);
        assertThat(reading.virtualBytes()).isGreaterThan(reading.rssBytes());
    }

    @Test
    void seesTheRssGrowWhenMemoryIsTouched() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/statm")));
        RssProbe probe = RssProbe.platformDefault();
        long before = probe.read().rssBytes();

        // off-heap, so the pages are fresh (heap pages may already be resident from earlier tests)
        java.nio.ByteBuffer big = java.nio.ByteBuffer.allocateDirect(64 * 1024 * 1024);
        for (int i = 0; i < big.capacity(); i += 4096) {
            big.put(i, (byte) 1);
        }
        long after = probe.read().rssBytes();

        assertThat(after - before).isGreaterThan(32L * 1024 * 1024);
    }

    @Test
    void oshiProbeAgreesRoughlyWithStatm() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/statm")));

        long statm = RssProbe.platformDefault().read().rssBytes();
        long oshi = RssProbe.oshi().read().rssBytes();

        assertThat(oshi).isPositive();
        assertThat((double) oshi).isBetween(statm * 0.5, statm * 2.0);
    }
}
