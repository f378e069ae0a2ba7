package io.nextops.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaneConfigTest {

    @Test
    void reportsEveryInvalidFieldWithItsValue() {
        assertThatThrownBy(() -> new LaneConfig(WorkerPoolConfig.defaults().withName("heavy"), -1, null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid lane config [heavy]: capacityBytes must be >= 0, was -1; overflow must not be null");
    }

    @Test
    void refusesLanesWithTheSameName() {
        assertThatThrownBy(() -> LanesConfig.of(LaneConfig.defaults("a"), LaneConfig.defaults("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid lanes config: lanes[1] repeats the name 'a'");
        assertThatThrownBy(() -> LanesConfig.of())
                .hasMessage("invalid lanes config: lanes must name at least one lane, was []");
    }

    @Test
    void definesALightAndAMemoryGatedHeavyLaneByDefault() {
        LanesConfig defaults = LanesConfig.defaults();

        assertThat(defaults.names()).containsExactly("light", "heavy");
        LaneConfig light = defaults.lane(LanesConfig.LIGHT);
        assertThat(light.pool().workers()).isEqualTo(6);
        assertThat(light.capacityBytes()).isZero();
        assertThat(light.memoryGated()).isFalse();
        LaneConfig heavy = defaults.lane(LanesConfig.HEAVY);
        assertThat(heavy.pool().workers()).isEqualTo(2);
        assertThat(heavy.pool().queueCapacity()).isEqualTo(8);
        assertThat(heavy.pool().taskTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(heavy.capacityBytes()).isEqualTo(256L << 20);
        assertThat(heavy.overflow()).isEqualTo(LaneConfig.Overflow.WAIT);
        assertThat(heavy.memoryGated()).isTrue();
    }

    @Test
    void replacesALaneByNameOrAddsIt() {
        LanesConfig config = LanesConfig.defaults()
                .withLane(LanesConfig.defaults().lane("heavy").withCapacityBytes(1024))
                .withLane(LaneConfig.defaults("imports"));

        assertThat(config.names()).containsExactly("light", "heavy", "imports");
        assertThat(config.lane("heavy").capacityBytes()).isEqualTo(1024);
        assertThatThrownBy(() -> config.lane("x")).hasMessage("lane must be one of [light, heavy, imports], was 'x'");
    }
}
