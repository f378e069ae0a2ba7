package io.nextops.server.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    private static final OptionalLong NO_CGROUP = OptionalLong.empty();

    @ParameterizedTest(name = "{0} MB")
    @CsvSource({
        // budget, heap, metaspace, code cache, stack KB, direct, serial, arenas, heavy jobs
        "192,   72,  80, 24, 256,  24, true, 2, 2",
        "256,   96,  80, 32, 256,  32, true, 2, 4",
        "512,  192, 128, 64, 512,  64, true, 2, 8",
        "1024, 448, 160, 64, 512, 128, true, 2, 8",
        "2048, 960, 160, 64, 512, 128, false, 4, 8",
    })
    void derivesSettingsFromTheBudget(long mb, long heap, long metaspace, long codeCache, long stackKb, long direct,
                                      boolean serial, int arenas, int heavy) {
        MemoryBudget b = MemoryBudget.fromEnv(Map.of("MEMORY_BUDGET_MB", Long.toString(mb)), NO_CGROUP);

        assertThat(b.heapMb()).isEqualTo(heap);
        assertThat(b.metaspaceMb()).isEqualTo(metaspace);
        assertThat(b.codeCacheMb()).isEqualTo(codeCache);
        assertThat(b.threadStackKb()).isEqualTo(stackKb);
        assertThat(b.directMemoryMb()).isEqualTo(direct);
        assertThat(b.serialGc()).isEqualTo(serial);
        assertThat(b.mallocArenas()).isEqualTo(arenas);
        assertThat(b.heavyJobs()).isEqualTo(heavy);
        assertThat(b.jvmOptions()).contains("-Xmx" + heap + "m", "-Xms8m", "-Xss" + stackKb + "k",
                "-XX:MaxMetaspaceSize=" + metaspace + "m", "-XX:ReservedCodeCacheSize=" + codeCache + "m",
                "-XX:MaxDirectMemorySize=" + direct + "m", serial ? "-XX:+UseSerialGC" : "-XX:+UseG1GC",
                "-XX:TrimNativeHeapInterval=5000");
    }

    @Test
    void theDerivedPartsLeaveRoomInTheBudgetForNativeMemory() {
        for (long mb : new long[] {192, 256, 512, 1024, 4096}) {
            MemoryBudget b = new MemoryBudget(mb, MemoryBudget.Source.CONFIGURED);
            // heap + code cache + a typical 45 MB of metaspace must leave a quarter of the budget to threads, malloc,
            // direct buffers and the GC's own structures
            assertThat(b.heapMb() + b.codeCacheMb() + 45).as("%d MB", mb).isLessThanOrEqualTo(mb * 3 / 4);
        }
    }

    @Test
    void at256MbTheOptionsAreTheBenchmarkedOnes() {
        // benchmarks/scripts/jvm-options measured 104 MB idle / 184 MB peak; metaspace and direct memory are now capped
        assertThat(new MemoryBudget(256, MemoryBudget.Source.DEFAULT).jvmOptions()).containsExactly(
                "-Xms8m", "-Xmx96m", "-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
                "-Xss256k", "-XX:MaxMetaspaceSize=80m", "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxDirectMemorySize=32m", "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TrimNativeHeapInterval=5000");
    }

    @Test
    void defaultsTo256WithoutVariableOrCgroup() {
        MemoryBudget b = MemoryBudget.fromEnv(Map.of(), NO_CGROUP);

        assertThat(b.mb()).isEqualTo(256);
        assertThat(b.source()).isEqualTo(MemoryBudget.Source.DEFAULT);
    }

    @Test
    void takesTheCgroupLimitWhenTheVariableIsUnset() {
        MemoryBudget b = MemoryBudget.fromEnv(Map.of("MEMORY_BUDGET_MB", " "), OptionalLong.of(192L << 20));

        assertThat(b).isEqualTo(new MemoryBudget(192, MemoryBudget.Source.CGROUP));
    }

    @Test
    void takesTheSmallerOfVariableAndCgroup() {
        assertThat(MemoryBudget.fromEnv(Map.of("MEMORY_BUDGET_MB", "512"), OptionalLong.of(300L << 20)))
                .isEqualTo(new MemoryBudget(300, MemoryBudget.Source.CGROUP));
        assertThat(MemoryBudget.fromEnv(Map.of("MEMORY_BUDGET_MB", "200"), OptionalLong.of(300L << 20)))
                .isEqualTo(new MemoryBudget(200, MemoryBudget.Source.CONFIGURED));
    }

    @Test
    void rejectsBadValuesNamingTheVariable() {
        assertThatThrownBy(() -> MemoryBudget.fromEnv(Map.of("MEMORY_BUDGET_MB", "lots"), NO_CGROUP))
                .hasMessage("MEMORY_BUDGET_MB must be a whole number of MB, was \"lots\"");
        assertThatThrownBy(() -> MemoryBudget.fromEnv(Map.of("MEMORY_BUDGET_MB", "64"), NO_CGROUP))
                .hasMessage("MEMORY_BUDGET_MB must be between 128 and 1048576, was 64");
        assertThatThrownBy(() -> MemoryBudget.fromEnv(Map.of(), OptionalLong.of(100L << 20)))
                .hasMessage("MEMORY_BUDGET_MB must be between 128 and 1048576, was 100 (from the cgroup memory limit)");
    }

    @Test
    void carriesTheBudgetIntoTheServerSettingsWithoutOverridingThem() {
        MemoryBudget b = new MemoryBudget(192, MemoryBudget.Source.CGROUP);

        assertThat(b.withDefaults(Map.of("PORT", "0")))
                .containsEntry("MEMORY_BUDGET_MB", "192")
                .containsEntry("MEMORY_THRESHOLDS", "relative:0.5,0.7,0.85")
                .containsEntry("PORT", "0");
        assertThat(b.withDefaults(Map.of("MEMORY_THRESHOLDS", "absolute:50,100,150")))
                .containsEntry("MEMORY_THRESHOLDS", "absolute:50,100,150");
    }
}
