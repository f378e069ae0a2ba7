package io.nextops.server.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapCheckTest {
    private static final MemoryBudget B256 = new MemoryBudget(256, MemoryBudget.Source.DEFAULT);

    @Test
    void aHeapCappedByTheLauncherFits() {
        // Runtime.maxMemory() under -Xmx96m -XX:+UseSerialGC reads about 93 MB (one survivor space is not counted)
        HeapCheck check = new HeapCheck(B256, 93L << 20);

        assertThat(check.fits()).isTrue();
        assertThat(check.warning()).isEmpty();
        assertThat(check.toMap()).containsEntry("fits", true).doesNotContainKey("warning");
    }

    @Test
    void anUncappedHeapWarnsWithBudgetHeapAndCommand() {
        HeapCheck check = new HeapCheck(B256, 6144L << 20);

        assertThat(check.fits()).isFalse();
        assertThat(check.warning()).hasValueSatisfying(w -> assertThat(w)
                .contains("memory budget is 256 MB (the default; set MEMORY_BUDGET_MB)")
                .contains("grow to 6144 MB")
                .contains("bin/nextops-server serve")
                .contains("-Xmx96m"));
        assertThat(check.toMap()).containsEntry("fits", false).containsEntry("maxHeapMb", 6144L)
                .containsEntry("budgetMb", 256L).containsKey("warning");
    }

    @Test
    void aHeapJustAboveTheToleranceWarns() {
        long derived = B256.heapBytes();

        assertThat(new HeapCheck(B256, derived + derived / 8).fits()).isTrue();
        assertThat(new HeapCheck(B256, derived + derived / 8 + 1).fits()).isFalse();
    }
}
