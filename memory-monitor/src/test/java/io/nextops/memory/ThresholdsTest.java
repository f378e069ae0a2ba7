package io.nextops.memory;

import static io.nextops.memory.MemoryStatus.CRITICAL;
import static io.nextops.memory.MemoryStatus.EXCELLENT;
import static io.nextops.memory.MemoryStatus.GOOD;
import static io.nextops.memory.MemoryStatus.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
    private static final long MB = Units.BYTES_PER_MB;
    private static final OptionalLong NO_BUDGET = OptionalLong.empty();

    @ParameterizedTest(name = "{0} bytes offset from {1} MB -> {2}")
    @CsvSource({
        "-1, 500, EXCELLENT", "0, 500, GOOD", "1, 500, GOOD",
        "-1, 1000, GOOD", "0, 1000, WARNING", "1, 1000, WARNING",
        "-1, 1500, WARNING", "0, 1500, CRITICAL", "1, 1500, CRITICAL"})
    void originalAbsoluteBandsPutEachBoundIntoTheWorseBand(long offsetBytes, long boundMb, MemoryStatus expected) {
        Thresholds original = Thresholds.absoluteMb(500, 1000, 1500);

        assertThat(original.classify(boundMb * MB + offsetBytes, NO_BUDGET)).isEqualTo(expected);
        // a budget does not change absolute bands
        assertThat(original.classify(boundMb * MB + offsetBytes, OptionalLong.of(100 * MB))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} bytes offset from {1} of 1000 MB -> {2}")
    @CsvSource({
        "-1, 0.50, EXCELLENT", "0, 0.50, GOOD", "1, 0.50, GOOD",
        "-1, 0.70, GOOD", "0, 0.70, WARNING", "1, 0.70, WARNING",
        "-1, 0.85, WARNING", "0, 0.85, CRITICAL", "1, 0.85, CRITICAL"})
    void defaultRelativeBandsAreFractionsOfTheBudget(long offsetBytes, double fraction, MemoryStatus expected) {
        long budget = 1000 * MB;
        long bound = Math.round(fraction * budget);

        assertThat(Thresholds.defaults().classify(bound + offsetBytes, OptionalLong.of(budget))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} MB without a budget -> {1}")
    @CsvSource({"499, EXCELLENT", "500, GOOD", "999, GOOD", "1000, WARNING", "1499, WARNING", "1500, CRITICAL"})
    void relativeBandsFallBackToTheOriginalAbsoluteBandsWithoutABudget(long rssMb, MemoryStatus expected) {
        assertThat(Thresholds.defaults().classify(rssMb * MB, NO_BUDGET)).isEqualTo(expected);
    }

    @Test
    void fallbackBandsCanBeChanged() {
        Thresholds thresholds = Thresholds.defaults().withFallbackMb(100, 200, 300);

        assertThat(thresholds.classify(150 * MB, NO_BUDGET)).isEqualTo(GOOD);
        assertThat(thresholds.classify(300 * MB, NO_BUDGET)).isEqualTo(CRITICAL);
        assertThat(thresholds.classify(300 * MB, OptionalLong.of(1000 * MB))).isEqualTo(EXCELLENT);
    }

    @Test
    void unknownRssIsNotAnAlarm() {
        assertThat(Thresholds.defaults().classify(-1, OptionalLong.of(MB))).isEqualTo(EXCELLENT);
    }

    @Test
    void customRelativeBandsWorkOnSmallBudgets() {
        Thresholds thresholds = Thresholds.relative(0.25, 0.5, 0.75);
        OptionalLong budget = OptionalLong.of(512 * MB);

        assertThat(thresholds.classify(127 * MB, budget)).isEqualTo(EXCELLENT);
        assertThat(thresholds.classify(128 * MB, budget)).isEqualTo(GOOD);
        assertThat(thresholds.classify(256 * MB, budget)).isEqualTo(WARNING);
        assertThat(thresholds.classify(384 * MB, budget)).isEqualTo(CRITICAL);
        assertThat(thresholds.classify(600 * MB, budget)).isEqualTo(CRITICAL);
    }

    @Test
    void rejectsBandsThatDoNotIncreaseNamingTheFields() {
        assertThatThrownBy(() -> Thresholds.absoluteMb(1000, 500, 1500))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("excellentBelowMb < goodBelowMb < warningBelowMb, was 1000, 500, 1500");
        assertThatThrownBy(() -> Thresholds.relative(0.5, 0.5, 0.9))
                .hasMessageContaining("excellentBelowFraction < goodBelowFraction < warningBelowFraction");
        assertThatThrownBy(() -> Thresholds.relative(0.5, 0.7, 1.5))
                .hasMessage("warningBelowFraction must be in (0, 1], was 1.5");
        assertThatThrownBy(() -> Thresholds.absoluteMb(0, 1, 2))
                .hasMessage("excellentBelowMb must be >= 1, was 0");
    }
}
