package io.nextops.server.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, OptionalLong cgroup, String... args) {
        return LauncherOptions.run(args, env, cgroup, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheLinesTheLauncherReads() {
        assertThat(run(Map.of(), OptionalLong.of(192L << 20))).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "MEMORY_BUDGET_MB=192",
                "MEMORY_BUDGET_SOURCE=cgroup",
                "MALLOC_ARENA_MAX=2",
                "JVM_OPTIONS=" + String.join(" ", new MemoryBudget(192, MemoryBudget.Source.CGROUP).jvmOptions()));
    }

    @Test
    void anInvalidBudgetExits2WithTheMessage() {
        assertThat(run(Map.of("MEMORY_BUDGET_MB", "ten"), OptionalLong.empty())).isEqualTo(2);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("MEMORY_BUDGET_MB must be a whole number of MB");
    }

    @Test
    void printsAReferenceTable() {
        assertThat(run(Map.of(), OptionalLong.empty(), "--table", "192", "256")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("192 MB: MALLOC_ARENA_MAX=2 -Xms8m -Xmx72m")
                .contains("256 MB: MALLOC_ARENA_MAX=2 -Xms8m -Xmx96m");
    }
}
