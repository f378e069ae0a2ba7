package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryConfigTest {

    @Test
    void defaultsMatchTheOriginalWhereThereIsOne() {
        MemoryConfig config = MemoryConfig.defaults();

        assertThat(config.logSampleRate()).isEqualTo(0.01);
        assertThat(config.sizeWarnBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.sampleInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.historySize()).isEqualTo(720);
        assertThat(config.budgetMb()).isZero();
        assertThat(config.thresholds()).isEqualTo(Thresholds.defaults());
        assertThat(config.userAttribute()).isEqualTo("nextops.user");
    }

    @Test
    void withMethodsChangeOneField() {
        MemoryConfig config = MemoryConfig.defaults().withBudgetMb(512).withLogSampleRate(0.5);

        assertThat(config.budgetMb()).isEqualTo(512);
        assertThat(config.logSampleRate()).isEqualTo(0.5);
        assertThat(config.historySize()).isEqualTo(720);
    }

    @Test
    void rejectsInvalidValuesNamingFieldAndValue() {
        MemoryConfig d = MemoryConfig.defaults();
        assertThatThrownBy(() -> d.withLogSampleRate(1.5)).hasMessage("logSampleRate must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> d.withBudgetMb(-1)).hasMessage("budgetMb must be >= 0 (0 = none), was -1");
        assertThatThrownBy(() -> d.withHistorySize(1)).hasMessage("historySize must be in [2, 1000000], was 1");
        assertThatThrownBy(() -> d.withSizeWarnBytes(0)).hasMessage("sizeWarnBytes must be >= 1, was 0");
        assertThatThrownBy(() -> d.withUserAttribute(" ")).hasMessage("userAttribute must not be blank, was ' '");
        assertThatThrownBy(() -> d.withLeakWindow(Duration.ofSeconds(10)))
                .hasMessageStartingWith("leakWindow must be >= 4 x sampleInterval");
    }

    @Test
    void readsEnvironmentVariables() {
        MemoryConfig config = MemoryConfig.fromEnv(Map.of(
                "MEMORY_BUDGET_MB", "1536",
                "MEMORY_THRESHOLDS", "absolute:500,1000,1500",
                "MEMORY_LOG_SAMPLE_RATE", "0.05",
                "MEMORY_SIZE_WARN_MB", "20",
                "MEMORY_SAMPLE_INTERVAL_SECONDS", "2.5",
                "MEMORY_HISTORY_SIZE", "100",
                "MEMORY_LEAK_WINDOW_MINUTES", "30",
                "MEMORY_LEAK_MIN_RISE_MB", "80",
                "MEMORY_USER_ATTRIBUTE", "user",
                "UNRELATED", "x"));

        assertThat(config).isEqualTo(new MemoryConfig(1536, Thresholds.absoluteMb(500, 1000, 1500), 0.05, "user",
                20L * 1024 * 1024, Duration.ofMillis(2500), 100, Duration.ofMinutes(30), 80));
    }

    @Test
    void reportsTheLeakWindowAgainstTheSampleIntervalAndKeepsBothDefaults() {
        List<String> errors = new ArrayList<>();
        MemoryConfig kept = MemoryConfig.fromEnv(Map.of("MEMORY_SAMPLE_INTERVAL_SECONDS", "60",
                "MEMORY_LEAK_WINDOW_MINUTES", "3"), errors::add);
        assertThat(errors).containsExactly(
                "MEMORY_LEAK_WINDOW_MINUTES: must be at least 4 x MEMORY_SAMPLE_INTERVAL_SECONDS (240.0 s), was \"3\"");
        assertThat(kept).isEqualTo(MemoryConfig.defaults());

        errors.clear();
        MemoryConfig.fromEnv(Map.of("MEMORY_SAMPLE_INTERVAL_SECONDS", "300"), errors::add);
        assertThat(errors).containsExactly(
                "MEMORY_SAMPLE_INTERVAL_SECONDS: must be at most a quarter of MEMORY_LEAK_WINDOW_MINUTES (15 min), "
                        + "was \"300\"");
    }

    @Test
    void readsThroughAnApplicationsOwnVariables() {
        Map<String, String> env = Map.of("MEMORY_BUDGET_MB", "256", "MEMORY_HISTORY_SIZE", "1");
        List<String> invalid = new ArrayList<>();
        MemoryConfig config = MemoryConfig.fromEnv(new MemoryConfig.Variables() {
            @Override
            public String value(String name) {
                return env.get(name);
            }

            @Override
            public void invalid(String name, String expected) {
                invalid.add(name + " -> " + expected);
            }
        });
        assertThat(config).isEqualTo(MemoryConfig.defaults().withBudgetMb(256));
        assertThat(invalid).containsExactly("MEMORY_HISTORY_SIZE -> an integer between 2 and 1000000");
    }

    @Test
    void missingOrBlankVariablesKeepDefaults() {
        assertThat(MemoryConfig.fromEnv(Map.of("MEMORY_BUDGET_MB", " "))).isEqualTo(MemoryConfig.defaults());
    }

    @Test
    void reportsEveryInvalidVariableTogether() {
        Map<String, String> env = Map.of("MEMORY_BUDGET_MB", "lots", "MEMORY_LOG_SAMPLE_RATE", "2",
                "MEMORY_THRESHOLDS", "relative:0.9,0.5");

        assertThatThrownBy(() -> MemoryConfig.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MEMORY_BUDGET_MB: must be a whole number of MB, 0 (none) or more, was \"lots\"")
                .hasMessageContaining("MEMORY_LOG_SAMPLE_RATE: must be a number between 0.0 and 1.0, was \"2\"")
                .hasMessageContaining("MEMORY_THRESHOLDS: must be relative:a,b,c (rising fractions of the budget, at "
                        + "most 1) or absolute:a,b,c (rising MB), was \"relative:0.9,0.5\"");

        List<String> errors = new ArrayList<>();
        MemoryConfig kept = MemoryConfig.fromEnv(env, errors::add);
        assertThat(errors).hasSize(3);
        assertThat(kept).isEqualTo(MemoryConfig.defaults());
    }
}
