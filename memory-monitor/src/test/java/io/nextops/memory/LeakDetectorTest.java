package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class LeakDetectorTest {
    private static final long MB = Units.BYTES_PER_MB;
    private static final long STEP_MILLIS = 5_000;
    /** 15 minutes at 5 s = 180 points. */
    private static final int POINTS = 180;
    private final LeakDetector detector = new LeakDetector(Duration.ofMinutes(15), 50 * MB);

    /** Evaluates {@code n} points 5 s apart whose RSS in MB is {@code mbAt(i)}. */
    private Optional<LeakTrend> evaluate(int n, IntToDoubleFunction mbAt) {
        long[] times = new long[n];
        long[] rss = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = 1_700_000_000_000L + i * STEP_MILLIS;
            rss[i] = Math.round(mbAt.applyAsDouble(i) * MB);
        }
        return detector.evaluate(times, rss, n);
    }

    private static double minutes(int i) {
        return i * STEP_MILLIS / 60_000.0;
    }

    @Test
    void steadyRiseIsReportedWithItsSlopeInMbPerMinute() {
        Optional<LeakTrend> trend = evaluate(POINTS, i -> 400 + 10 * minutes(i));

        assertThat(trend).isPresent();
        assertThat(trend.get().slopeMbPerMinute()).isCloseTo(10.0, within(0.01));
        assertThat(trend.get().riseMb()).isCloseTo(149.2, within(0.1));
        assertThat(trend.get().describe()).startsWith("RSS rising 10.00 MB/min over 14m55s (180 samples): +149.2 MB");
    }

    @Test
    void flatRssIsNotALeak() {
        assertThat(evaluate(POINTS, i -> 400)).isEmpty();
    }

    @Test
    void noiseAroundAFlatLineIsNotALeak() {
        for (long seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            assertThat(evaluate(POINTS, i -> 400 + 40 * random.nextGaussian())).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void noisyRiseIsStillReported() {
        for (long seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            Optional<LeakTrend> trend = evaluate(POINTS, i -> 400 + 10 * minutes(i) + 40 * random.nextGaussian());

            assertThat(trend).as("seed %d", seed).isPresent();
            assertThat(trend.get().slopeMbPerMinute()).isBetween(7.0, 13.0);
        }
    }

    @Test
    void riseBelowTheMinimumIsNotReported() {
        // 2 MB/min over 15 min = ~30 MB < 50 MB
        assertThat(evaluate(POINTS, i -> 400 + 2 * minutes(i))).isEmpty();
    }

    @Test
    void shortHistoryGivesNoVerdict() {
        // 5 minutes of a 15 minute window, rising fast
        assertThat(evaluate(60, i -> 400 + 50 * minutes(i))).isEmpty();
        assertThat(evaluate(LeakDetector.MIN_POINTS - 1, i -> 400 + 1000 * i)).isEmpty();
        assertThat(evaluate(0, i -> 0)).isEmpty();
    }

    @Test
    void aOneOffStepIsNotALeak() {
        // heap resized once, a third into the window, then flat
        assertThat(evaluate(POINTS, i -> i < 60 ? 400 : 600)).isEmpty();
    }

    @Test
    void aSingleSpikeIsNotALeak() {
        assertThat(evaluate(POINTS, i -> i == POINTS - 1 ? 1400 : 400)).isEmpty();
    }

    @Test
    void fallingRssIsNotALeak() {
        assertThat(evaluate(POINTS, i -> 900 - 10 * minutes(i))).isEmpty();
    }
}
