package io.nextops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("serve").contains("docs/configuration.md");
        assertThat(out()).contains("embedded-db", "check-memory", "create-user", "seed-demo", "--version");
        assertThat(err()).isEmpty();
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

    @Test
    void anOptionFirstGoesToServe() {
        assertThat(run(Map.of(), "--frobnicate")).isEqualTo(2);
        assertThat(err()).contains("serve: Unknown option: '--frobnicate'").contains("usage: nextops-server serve");
    }

    @Test
    void versionPrintsTheServerVersion() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out()).contains(NextOpsServer.VERSION);
    }

    @Test
    void everySubcommandHasHelpNamingItsOptions() {
        CommandLine cli = Main.commandLine(new Invocation(Map.of(), InputStream.nullInputStream(), System.out,
                System.err));
        assertThat(cli.getSubcommands()).containsKeys("serve", "embedded-db", "check-memory", "create-user",
                "seed-demo");
        cli.getSubcommands().forEach((name, sub) -> {
            out.reset();
            err.reset();
            assertThat(run(Map.of(), name, "--help")).as(name).isZero();
            assertThat(out()).as(name).containsIgnoringCase("usage: nextops-server " + name).contains("--help");
            for (OptionSpec option : sub.getCommandSpec().options()) {
                assertThat(out()).as(name).contains(option.longestName());
            }
            assertThat(err()).as(name).isEmpty();
        });
    }

    @Test
    void helpCommandShowsASubcommandsHelp() {
        assertThat(run(Map.of(), "help", "seed-demo")).isZero();
        assertThat(out()).contains("--invoices=N").contains("--ots=M").contains("--force");
    }

    @Test
    void badOptionValuesExitWithStatus2NamingTheOption() {
        assertThat(run(Map.of(), "embedded-db", "--port", "x")).isEqualTo(2);
        assertThat(err()).contains("embedded-db: Invalid value for option '--port': 'x' is not an int")
                .contains("usage: nextops-server embedded-db");
        err.reset();
        assertThat(run(Map.of(), "embedded-db", "--port", "70000")).isEqualTo(2);
        assertThat(err()).contains("--port must be between 0 and 65535, was 70000");
        err.reset();
        assertThat(run(Map.of(), "seed-demo", "--invoices", "-1")).isEqualTo(2);
        assertThat(err()).contains("--invoices must be between 0 and 10000000, was -1");
        err.reset();
        assertThat(run(Map.of(), "seed-demo", "--invoices", "10", "--ots", "0")).isEqualTo(2);
        assertThat(err()).contains("--ots must be >= 1");
        err.reset();
        assertThat(run(Map.of(), "check-memory", "--url")).isEqualTo(2);
        assertThat(err()).contains("check-memory: Missing required parameter for option '--url'");
        err.reset();
        assertThat(run(Map.of(), "serve", "extra")).isEqualTo(2);
        assertThat(err()).contains("serve: Unmatched argument");
    }

    @Test
    void aConfigurationErrorInASubcommandExitsWith2() {
        assertThat(run(Map.of("DB_POOL_SIZE", "0"), "seed-demo")).isEqualTo(2);
        assertThat(err()).contains("invalid configuration").contains("DB_POOL_SIZE:");
    }
}
