package io.nextops.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerPoolConfigTest {

    @Test
    void defaultsFollowTheGunicornSetup() {
        WorkerPoolConfig config = WorkerPoolConfig.defaults();

        assertThat(config.taskTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.maxTasksPerWorker()).isEqualTo(500);
        assertThat(config.maxTasksJitter()).isEqualTo(50);
        assertThat(config.mode()).isEqualTo(WorkerPoolConfig.Mode.PLATFORM);
    }

    @Test
    void withersChangeOneFieldOnly() {
        WorkerPoolConfig config = WorkerPoolConfig.defaults().withName("exports").withWorkers(3).withQueueCapacity(7);

        assertThat(config).isEqualTo(new WorkerPoolConfig("exports", 3, 7, Duration.ofSeconds(120), 500, 50,
                WorkerPoolConfig.Mode.PLATFORM));
    }

    @Test
    void namesTheFieldAndValueOfAnInvalidSetting() {
        assertThatThrownBy(() -> WorkerPoolConfig.defaults().withWorkers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid worker-pool config: workers must be >= 1, was 0");
    }

    @Test
    void reportsEveryInvalidSettingAtOnce() {
        assertThatThrownBy(() -> new WorkerPoolConfig("bad name", 0, -1, Duration.ofSeconds(-1), -1, -2, null))
                .hasMessageContaining("name must be 1-64 letters, digits, '.', '_' or '-', was 'bad name'")
                .hasMessageContaining("workers must be >= 1, was 0")
                .hasMessageContaining("queueCapacity must be >= 0, was -1")
                .hasMessageContaining("taskTimeout must be >= 0 (0 = no timeout), was PT-1S")
                .hasMessageContaining("maxTasksPerWorker must be >= 0 (0 = never recycle), was -1")
                .hasMessageContaining("maxTasksJitter must be >= 0, was -2")
                .hasMessageContaining("mode must not be null");
    }

    @Test
    void acceptsZeroForNoTimeoutNoRecyclingAndDirectHandOver() {
        WorkerPoolConfig config = WorkerPoolConfig.defaults().withTaskTimeout(Duration.ZERO)
                .withMaxTasksPerWorker(0).withQueueCapacity(0);

        assertThat(config.hasTimeout()).isFalse();
        assertThat(config.recycles()).isFalse();
    }
}
