package io.nextops.server.auth;

import static io.nextops.server.auth.AuthHttp.json;
import static io.nextops.server.auth.AuthHttp.login;
import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.server.Main;
import io.nextops.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code create-user} and the first-start {@code admin}, checked by logging in through the server. */
class CreateUserCommandIT {
    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int createUser(TestServer server, String stdin, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", server.testDatabase().postgresUrl());
        env.put("JWT_SECRET", TestServer.JWT_SECRET);
        env.put("PASSWORD_HASH_ITERATIONS", "1000");
        env.put("NEXTOPS_DATA_DIR", dataDir.toString());
        env.putAll(extraEnv);
        String[] all = new String[args.length + 1];
        all[0] = "create-user";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void createsUsersWithThePasswordFromStdinOrTheVariable() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertThat(createUser(server, "stdin-password-1\n", Map.of(),
                    "--username", "elena", "--role", "jefe_operaciones", "--email", "elena@example.test")).isEqualTo(0);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("created user elena").doesNotContain("stdin-password-1");
            assertThat(createUser(server, "", Map.of("NEXTOPS_ADMIN_PASSWORD", "env-password-1"),
                    "--username", "fabio", "--role", "operativo")).isEqualTo(0);

            HttpResponse<String> elena = login(server, "elena", "stdin-password-1");
            assertThat(elena.statusCode()).isEqualTo(200);
            assertThat(AuthHttp.get(server, "/api/ots/", "Bearer " + json(elena).get("access").asText()).statusCode())
                    .isEqualTo(200);
            assertThat(login(server, "fabio", "env-password-1").statusCode()).isEqualTo(200);
            String email = AuthHttp.jdbi(server).withHandle(h -> h.createQuery(
                    "SELECT email || ' ' || role FROM accounts_user WHERE username = 'elena'").mapTo(String.class).one());
            assertThat(email).isEqualTo("elena@example.test jefe_operaciones");
        }
    }

    @Test
    void anExistingUsernameExitsWith1AndATooShortPasswordIsRefused() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertThat(createUser(server, "first-password\n", Map.of(), "--username", "gina", "--role", "admin")).isEqualTo(0);
            assertThat(createUser(server, "second-password\n", Map.of(), "--username", "gina", "--role", "admin")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("already exists");
            assertThat(createUser(server, "short\n", Map.of(), "--username", "hugo", "--role", "admin")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 8 characters").doesNotContain("short\n");
            assertThat(login(server, "gina", "first-password").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void firstStartCreatesAdminWithAGeneratedPasswordPrintedOnce() throws Exception {
        try (TestServer server = TestServer.start()) {
            PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
            Authentication.ensureAdmin(server.config().auth(), AuthHttp.jdbi(server), null, console);
            Matcher m = Pattern.compile("\\n\\s+(\\S{20})\\n").matcher(out.toString(StandardCharsets.UTF_8));
            assertThat(m.find()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
            String password = m.group(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("created user \"admin\"");

            HttpResponse<String> r = login(server, "admin", password);
            assertThat(r.statusCode()).isEqualTo(200);
            String role = AuthHttp.jdbi(server).withHandle(h -> h.createQuery(
                    "SELECT role FROM accounts_user WHERE username = 'admin'").mapTo(String.class).one());
            assertThat(role).isEqualTo("admin");

            out.reset();
            Authentication.ensureAdmin(server.config().auth(), AuthHttp.jdbi(server), null, console);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void firstStartUsesTheAdminPasswordVariableAndPrintsNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
            Authentication.ensureAdmin(server.config().auth(), AuthHttp.jdbi(server), "given-admin-password", console);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            HttpResponse<String> r = login(server, "admin", "given-admin-password");
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
