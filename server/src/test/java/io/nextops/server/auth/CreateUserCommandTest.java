package io.nextops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.server.Invocation;
import io.nextops.server.Main;
import io.nextops.web.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CreateUserCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "create-user";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void parsesBothOptionForms() {
        CreateUserCommand command = new CreateUserCommand(new Invocation(Map.of(), InputStream.nullInputStream(),
                System.out, System.err));
        new CommandLine(command).parseArgs("--username", "ana", "--role=finanzas", "--email", "a@b.c");
        assertThat(command.username).isEqualTo("ana");
        assertThat(command.role).isEqualTo(Role.FINANZAS);
        assertThat(command.email).isEqualTo("a@b.c");
    }

    @Test
    void badArgumentsExitWith2AndUsage() {
        assertThat(run("pw-long-enough\n", Map.of(), "--username", "ana")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required option: '--role=ROLE'")
                .contains("usage: nextops-server create-user");
        assertThat(run("pw-long-enough\n", Map.of(), "--username", "ana", "--role", "boss")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown role \"boss\"");
        assertThat(run("pw-long-enough\n", Map.of(), "--username", "ana", "--role", "admin", "--colour", "red")).isEqualTo(2);
        assertThat(run("pw-long-enough\n", Map.of(), "ana")).isEqualTo(2);
        err.reset();
        assertThat(run("pw-long-enough\n", Map.of(), "--username", "ana", "--role", "admin", "--role", "admin"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("should be specified only once");
    }

    @Test
    void noPasswordExitsWith2() {
        assertThat(run("", Map.of(), "--username", "ana", "--role", "admin")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("NEXTOPS_ADMIN_PASSWORD");
    }
}
