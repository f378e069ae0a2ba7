package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatusRssProbeTest {

    @Test
    void parsesVmRssAndVmSizeInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 9999 kB\nVmSize:\t 4194304 kB\nVmLck:\t0 kB\nVmRSS:\t  524288 kB\n"
                + "Threads:\t42\n";

        RssProbe.Reading reading = ProcStatusRssProbe.parse(status);

        assertThat(reading.rssBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(reading.virtualBytes()).isEqualTo(4L * 1024 * 1024 * 1024);
    }

    @Test
    void missingOrGarbledFieldsAreUnknown(@TempDir Path dir) throws IOException {
        assertThat(ProcStatusRssProbe.parse("Name: java\nVmRSS: lots\n")).isEqualTo(RssProbe.Reading.unknown());
        assertThat(new ProcStatusRssProbe(dir.resolve("missing")).read()).isEqualTo(RssProbe.Reading.unknown());
        Path file = Files.writeString(dir.resolve("status"), "VmRSS:\t2048 kB");
        assertThat(new ProcStatusRssProbe(file).read()).isEqualTo(new RssProbe.Reading(2048 * 1024, -1));
    }

    @Test
    void readsThisProcessOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")));

        RssProbe.Reading reading = new ProcStatusRssProbe(Path.of("/proc/self/status")).read();

        assertThat(reading.rssBytes()).isGreaterThan(10L * 1024 * 1024);
        assertThat(reading.virtualBytes()).isGreaterThan(reading.rssBytes());
    }

    @Test
    void oshiProbeAgreesRoughlyWithProcStatus() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")));

        long proc = new ProcStatusRssProbe(Path.of("/proc/self/status")).read().rssBytes();
        long oshi = RssProbe.oshi().read().rssBytes();

        assertThat(oshi).isPositive();
        assertThat((double) oshi).isBetween(proc * 0.5, proc * 2.0);
    }
}
