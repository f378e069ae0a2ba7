package io.nextops.server.auth;

import static io.nextops.server.auth.AuthHttp.createUser;
import static io.nextops.server.auth.AuthHttp.json;
import static io.nextops.server.auth.AuthHttp.login;
import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.web.Role;
import io.nextops.server.TestServer;
import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failed logins are limited per username and per client address (every test client is 127.0.0.1, so each test has
 * its own server). The window's end is covered with a hand-moved clock in {@link LoginThrottleTest}; here a
 * two-second window shows it over HTTP. Two servers on one database stand for two instances behind a balancer.
 */
class LoginRateLimitIT {

    private static TestServer start(int perUsername, int perAddress) {
        return TestServer.start(Map.of(
                "LOGIN_MAX_FAILURES_PER_USERNAME", Integer.toString(perUsername),
                "LOGIN_MAX_FAILURES_PER_ADDRESS", Integer.toString(perAddress),
                "LOGIN_FAILURE_WINDOW_SECONDS", "2"), s -> {});
    }

    @Test
    void aUsernameIsBlockedAfterItsFailuresEvenWithTheRightPasswordUntilTheWindowEnds() throws Exception {
        try (TestServer server = start(3, 100)) {
            createUser(server, "ana", Role.FINANZAS, "right-password");
            for (int i = 0; i < 3; i++) {
                assertThat(login(server, "ana", "wrong-password").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> blocked = login(server, "ana", "right-password");
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                    assertThat(Long.parseLong(v)).isBetween(1L, 2L));
            assertThat(json(blocked).get("code").asText()).isEqualTo("throttled");
            assertThat(json(blocked).get("detail").asText()).contains("Too many failed login attempts");

            // another username from the same address is not blocked
            assertThat(login(server, "bob", "wrong-password").statusCode()).isEqualTo(401);

            Thread.sleep(2_100);
            assertThat(login(server, "ana", "right-password").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAddressIsBlockedAfterItsFailuresWhateverTheUsername() throws Exception {
        try (TestServer server = start(100, 4)) {
            createUser(server, "carla", Role.ADMIN, "right-password");
            for (int i = 0; i < 4; i++) {
                assertThat(login(server, "user" + i, "wrong-password").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> blocked = login(server, "carla", "right-password");
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void unknownAndKnownUsernamesAreBlockedAlike() throws Exception {
        try (TestServer server = start(2, 100)) {
            createUser(server, "dora", Role.ADMIN, "right-password");
            for (int i = 0; i < 2; i++) {
                login(server, "dora", "wrong-password");
                login(server, "no-such-user", "wrong-password");
            }
            HttpResponse<String> known = login(server, "dora", "wrong-password");
            HttpResponse<String> unknown = login(server, "no-such-user", "wrong-password");
            assertThat(known.statusCode()).isEqualTo(429);
            assertThat(unknown.statusCode()).isEqualTo(429);
            // same envelope; only the seconds left may differ by the time between the two requests
            assertThat(unknown.body().replaceAll("\\d+", "N")).isEqualTo(known.body().replaceAll("\\d+", "N"));
        }
    }

    @Test
    void twoInstancesOnOneDatabaseRefuseAUsernameAtTheSameTotalAsOne() throws Exception {
        TestDatabase db = SharedPostgres.newDatabase("two_instances");
        Map<String, String> env = Map.of("LOGIN_MAX_FAILURES_PER_USERNAME", "4",
                "LOGIN_MAX_FAILURES_PER_ADDRESS", "100", "LOGIN_FAILURE_WINDOW_SECONDS", "60");
        try (TestServer a = TestServer.start(db, env); TestServer b = TestServer.start(db, env)) {
            createUser(a, "eva", Role.ADMIN, "right-password");
            // four failures split across the instances: each has seen only two
            for (TestServer s : List.of(a, b, a, b)) {
                assertThat(login(s, "eva", "wrong-password").statusCode()).isEqualTo(401);
            }
            for (TestServer s : List.of(a, b)) {
                HttpResponse<String> blocked = login(s, "eva", "right-password");
                assertThat(blocked.statusCode()).isEqualTo(429);
                assertThat(json(blocked).get("code").asText()).isEqualTo("throttled");
            }
        }
    }

    @Test
    void twoInstancesOnOneDatabaseRefuseAnAddressAtTheSameTotalAsOne() throws Exception {
        TestDatabase db = SharedPostgres.newDatabase("two_instances");
        Map<String, String> env = Map.of("LOGIN_MAX_FAILURES_PER_USERNAME", "100",
                "LOGIN_MAX_FAILURES_PER_ADDRESS", "5", "LOGIN_FAILURE_WINDOW_SECONDS", "60");
        try (TestServer a = TestServer.start(db, env); TestServer b = TestServer.start(db, env)) {
            createUser(b, "fede", Role.ADMIN, "right-password");
            for (int i = 0; i < 5; i++) {
                assertThat(login(i % 2 == 0 ? a : b, "user" + i, "wrong-password").statusCode()).isEqualTo(401);
            }
            assertThat(login(a, "fede", "right-password").statusCode()).isEqualTo(429);
            assertThat(login(b, "fede", "right-password").statusCode()).isEqualTo(429);
        }
    }
}
