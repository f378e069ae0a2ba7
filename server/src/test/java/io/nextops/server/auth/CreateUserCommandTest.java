package io.nextops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateUserCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, Map<String, String> env, String... args) {
        return CreateUserCommand.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void parsesBothOptionForms() {
        assertThat(CreateUserCommand.parse(new String[] {"--username", "ana", "--role=finanzas", "--email", "a@b.c"}))
                .containsEntry("username", "ana").containsEntry("role", "finanzas").containsEntry("email", "a@b.c");
    }

    @Test
    void badArgumentsExitWith2AndUsage() {
        assertThat(run("pw-long-enough\n", Map.of(), "--username", "ana")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--role is required").contains("usage: create-user");
        assertThat(run("pw-long-enough\n", Map.of(), "--username", "ana", "--role", "boss")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown role \"boss\"");
        assertThat(run("pw-long-enough\n", Map.of(), "--username", "ana", "--role", "admin", "--colour", "red")).isEqualTo(2);
        assertThat(run("pw-long-enough\n", Map.of(), "ana")).isEqualTo(2);
        assertThatThrownBy(() -> CreateUserCommand.parse(new String[] {"--role", "admin", "--role", "admin"}))
                .hasMessageContaining("given twice");
    }

    @Test
    void noPasswordExitsWith2() {
        assertThat(run("", Map.of(), "--username", "ana", "--role", "admin")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("NEXTOPS_ADMIN_PASSWORD");
    }
}
