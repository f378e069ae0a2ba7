package io.nextops.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides whether RSS keeps rising over a window. A trend is reported only when all of these hold:
 * <ol>
 *   <li>enough data: at least {@value #MIN_POINTS} samples spanning at least half the window (short history: no
 *       verdict);</li>
 *   <li>the least-squares slope, times the span, is at least {@code minRiseBytes};</li>
 *   <li>the slope is significant: slope / standard error >= {@value #MIN_T_STATISTIC}, so noise around a flat line
 *       does not count;</li>
 *   <li>the rise is sustained: the medians of the first, middle and last thirds of the window strictly increase, so a
 *       single spike or a one-off step (a heap resize, a cache filled once) does not count.</li>
 * </ol>
 * Stateless apart from its settings; thread-safe.
 */
final class LeakDetector {
    static final int MIN_POINTS = 8;
    static final double MIN_T_STATISTIC = 3.0;
    private static final double MB = Units.BYTES_PER_MB;

    private final Duration window;
    private final long minRiseBytes;

    LeakDetector(Duration window, long minRiseBytes) {
        this.window = window;
        this.minRiseBytes = minRiseBytes;
    }

    Duration window() {
        return window;
    }

    /** Evaluates the first {@code n} points (times ascending, epoch millis; RSS in bytes), all inside the window. */
    Optional<LeakTrend> evaluate(long[] timesMillis, long[] rssBytes, int n) {
        if (n < MIN_POINTS) {
            return Optional.empty();
        }
        long spanMillis = timesMillis[n - 1] - timesMillis[0];
        if (spanMillis * 2 < window.toMillis() || spanMillis <= 0) {
            return Optional.empty();
        }
        // x in minutes since the first point, y in MB: keeps the sums well-conditioned
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < n; i++) {
            sumX += (timesMillis[i] - timesMillis[0]) / 60_000.0;
            sumY += rssBytes[i] / MB;
        }
        double meanX = sumX / n;
        double meanY = sumY / n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = (timesMillis[i] - timesMillis[0]) / 60_000.0 - meanX;
            sxx += dx * dx;
            sxy += dx * (rssBytes[i] / MB - meanY);
        }
        if (sxx <= 0) {
            return Optional.empty();
        }
        double slope = sxy / sxx; // MB per minute
        double spanMinutes = spanMillis / 60_000.0;
        double rise = slope * spanMinutes;
        if (slope <= 0 || rise * MB < minRiseBytes) {
            return Optional.empty();
        }
        double intercept = meanY - slope * meanX;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double x = (timesMillis[i] - timesMillis[0]) / 60_000.0;
            double r = rssBytes[i] / MB - (intercept + slope * x);
            sse += r * r;
        }
        double standardError = Math.sqrt(sse / (n - 2) / sxx);
        if (standardError > 0 && slope / standardError < MIN_T_STATISTIC) {
            return Optional.empty();
        }
        if (!thirdsRise(rssBytes, n)) {
            return Optional.empty();
        }
        return Optional.of(new LeakTrend(Instant.ofEpochMilli(timesMillis[n - 1]), Duration.ofMillis(spanMillis), n,
                slope, rise, intercept, intercept + slope * spanMinutes));
    }

    private static boolean thirdsRise(long[] rss, int n) {
        int third = n / 3;
        long first = median(rss, 0, third);
        long middle = median(rss, third, n - third);
        long last = median(rss, n - third, n);
        return first < middle && middle < last;
    }

    private static long median(long[] values, int from, int to) {
        long[] copy = Arrays.copyOfRange(values, from, to);
        Arrays.sort(copy);
        int m = copy.length / 2;
        return copy.length % 2 == 1 ? copy[m] : (copy[m - 1] + copy[m]) / 2;
    }
}
