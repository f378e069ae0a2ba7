package io.nextops.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A sustained RSS rise found by the background sampler over its leak window: a possible leak, or a cache still
 * warming up.
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param detectedAt        time of the newest sample in the window
 * @param span              time between the oldest and newest sample used
 * @param points            samples used
 * @param slopeMbPerMinute  least-squares slope of RSS over time, MB (MiB) per minute
 * @param riseMb            slope times span: the fitted rise over the window, MB
 * @param firstRssMb        fitted RSS at the start of the window, MB
 * @param lastRssMb         fitted RSS at the end of the window, MB
 */
public record LeakTrend(Instant detectedAt, Duration span, int points, double slopeMbPerMinute, double riseMb,
                        double firstRssMb, double lastRssMb) {

    public LeakTrend {
        Objects.requireNonNull(detectedAt, "detectedAt must not be null");
        Objects.requireNonNull(span, "span must not be null");
        if (points < 2) {
            throw new IllegalArgumentException("points must be >= 2, was " + points);
        }
    }

    /** One-line description, e.g. {@code RSS rising 10.2 MB/min over 15m (180 samples): +153.0 MB, ...}. */
    public String describe() {
        return String.format(Locale.ROOT,
                "RSS rising %.2f MB/min over %s (%d samples): +%.1f MB, %.1f MB -> %.1f MB (fitted)",
                slopeMbPerMinute, human(span), points, riseMb, firstRssMb, lastRssMb);
    }

    /** JSON-ready view. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("detectedAt", detectedAt.toString());
        map.put("spanSeconds", span.toSeconds());
        map.put("points", points);
        map.put("slopeMbPerMinute", round2(slopeMbPerMinute));
        map.put("riseMb", round2(riseMb));
        map.put("firstRssMb", round2(firstRssMb));
        map.put("lastRssMb", round2(lastRssMb));
        map.put("message", describe());
        return Collections.unmodifiableMap(map);
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 60 == 0) {
            return (s / 60) + "m";
        }
        return (s / 60) + "m" + (s % 60) + "s";
    }
}
