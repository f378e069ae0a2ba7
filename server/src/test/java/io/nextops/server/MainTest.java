package io.nextops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve").contains("docs/configuration.md");
    }

    @Test
    void unknownCommandExitsWithStatus2() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command: frobnicate");
    }

    @Test
    void invalidConfigurationExitsWithStatus2ListingEveryVariable() {
        assertThat(run(Map.of("PORT", "x", "WORKERS", "-3", "LOG_FORMAT", "yaml"), "serve")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PORT:").contains("WORKERS:").contains("LOG_FORMAT:");
    }

    @Test
    void serveIsTheDefaultCommand() {
        assertThat(run(Map.of("PORT", "nope"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PORT:");
    }
}
