package io.nextops.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lanes of a {@link Lanes}, each with its own pool and reservation capacity, in the order given (which is also
 * the order of {@link Lanes#metrics()} and of shutdown).
 *
 * <pre>{@code
 * LanesConfig config = LanesConfig.defaults()
 *     .withLane(LanesConfig.defaults().lane("heavy").withCapacityBytes(512L << 20));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param lanes one or more lanes with distinct names
 */
public record LanesConfig(List<LaneConfig> lanes) {

    /** The name of the default lane for short requests. */
    public static final String LIGHT = "light";
    /** The name of the default lane for exports, uploads and imports. */
    public static final String HEAVY = "heavy";

    /** Validates the lanes and copies the list. */
    public LanesConfig {
        List<String> errors = new ArrayList<>();
        if (lanes == null || lanes.isEmpty()) {
            errors.add("lanes must name at least one lane, was " + lanes);
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < lanes.size(); i++) {
                LaneConfig lane = lanes.get(i);
                if (lane == null) {
                    errors.add("lanes[" + i + "] must not be null");
                } else if (!names.add(lane.name())) {
                    errors.add("lanes[" + i + "] repeats the name '" + lane.name() + "'");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid lanes config: " + String.join("; ", errors));
        }
        lanes = List.copyOf(lanes);
    }

    public static LanesConfig of(LaneConfig... lanes) {
        return new LanesConfig(lanes == null ? null : List.of(lanes));
    }

    /**
     * Two lanes sized for 2 cores and a small memory budget; a server sizes them from its own settings:
     * <ul>
     *   <li>{@code light}: 6 workers, queue 64, task timeout 30 s, recycling 500 + 0..50, no reservations
     *       ({@code capacityBytes = 0}), not memory-gated, so that lists and health checks answer whatever the
     *       memory status;</li>
     *   <li>{@code heavy}: 2 workers, queue 8, task timeout 120 s, recycling 500 + 0..50, 256 MiB of
     *       reservations, {@link LaneConfig.Overflow#WAIT}, memory-gated.</li>
     * </ul>
     */
    public static LanesConfig defaults() {
        return of(
                LaneConfig.defaults(LIGHT).withPool(p -> p.withWorkers(6).withQueueCapacity(64)
                        .withTaskTimeout(Duration.ofSeconds(30))),
                LaneConfig.defaults(HEAVY).withPool(p -> p.withWorkers(2).withQueueCapacity(8)
                                .withTaskTimeout(Duration.ofSeconds(120)))
                        .withCapacityBytes(256L << 20).withMemoryGated(true));
    }

    /** The lane named {@code name}. */
    public LaneConfig lane(String name) {
        for (LaneConfig lane : lanes) {
            if (lane.name().equals(name)) {
                return lane;
            }
        }
        throw new IllegalArgumentException("lane must be one of " + names() + ", was " + quote(name));
    }

    /** Replaces the lane of the same name, or adds it at the end. */
    public LanesConfig withLane(LaneConfig lane) {
        if (lane == null) {
            throw new IllegalArgumentException("lane must not be null");
        }
        List<LaneConfig> next = new ArrayList<>(lanes);
        int at = names().indexOf(lane.name());
        if (at >= 0) {
            next.set(at, lane);
        } else {
            next.add(lane);
        }
        return new LanesConfig(next);
    }

    /** The lane names, in order. */
    public List<String> names() {
        return lanes.stream().map(LaneConfig::name).toList();
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
