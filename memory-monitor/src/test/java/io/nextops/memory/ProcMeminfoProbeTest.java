package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcMeminfoProbeTest {

    @Test
    void parsesTotalAndAvailableKilobytes() {
        SystemMemoryProbe.SystemMemory memory = ProcMeminfoProbe.parse(
                "MemTotal:       24684028 kB\nMemFree:        19794484 kB\nMemAvailable:   22754672 kB\n");

        assertThat(memory.totalBytes()).isEqualTo(24684028L * 1024);
        assertThat(memory.availableBytes()).isEqualTo(22754672L * 1024);
    }

    @Test
    void missingOrGarbledLinesAreUnknown(@TempDir Path dir) {
        assertThat(ProcMeminfoProbe.parse("MemTotal: lots kB\n")).isEqualTo(new SystemMemoryProbe.SystemMemory(-1, -1));
        assertThat(ProcMeminfoProbe.parse("MemTotal: 1000 kB\n")).isEqualTo(new SystemMemoryProbe.SystemMemory(1024000, -1));
        assertThat(new ProcMeminfoProbe(dir.resolve("missing")).read()).isEqualTo(SystemMemoryProbe.SystemMemory.UNKNOWN);
    }

    @Test
    void agreesWithOshiOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/meminfo")));

        long proc = SystemMemoryProbe.platformDefault().read().totalBytes();
        long oshi = SystemMemoryProbe.oshi().read().totalBytes();

        assertThat(proc).isPositive().isEqualTo(oshi);
    }

    @Test
    void pageSizeComesFromTheAuxiliaryVector(@TempDir Path dir) throws IOException {
        ByteBuffer auxv = ByteBuffer.allocate(6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        auxv.putLong(33).putLong(0x7ffd0000L);          // AT_SYSINFO_EHDR
        auxv.putLong(PageSize.AT_PAGESZ).putLong(16384);
        auxv.putLong(0).putLong(0);                     // AT_NULL
        Path file = Files.write(dir.resolve("auxv"), auxv.array());

        assertThat(PageSize.fromAuxv(file, ByteOrder.LITTLE_ENDIAN, 8)).isEqualTo(16384);
        assertThat(PageSize.fromAuxv(dir.resolve("missing"), ByteOrder.LITTLE_ENDIAN, 8)).isEqualTo(-1);
    }

    @Test
    void pageSizeOfThisProcessOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/auxv")));

        assertThat(PageSize.fromAuxv(Path.of("/proc/self/auxv"), ByteOrder.nativeOrder(), 8))
                .isEqualTo(oshi.software.os.linux.LinuxOperatingSystem.getPageSize());
    }
}
