package io.nextops.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Json;
import io.nextops.web.Role;
import io.nextops.server.auth.Authentication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jdbi.v3.core.Jdbi;

/**
 * How tests authenticate: as real users. {@link TestServer#accessToken} creates one user per role in the test
 * database ({@code test-admin}, {@code test-finanzas}, ...) on first use, logs in through {@code POST /api/token/}
 * once and keeps the access token; requests built by {@link TestServer#request} carry it as
 * {@code Authorization: Bearer}. Thread-safe (state lives in the TestServer).
 */
final class TestCallers {
    /** The password of every {@code test-<role>} user. */
    static final String PASSWORD = "test-password";

    private TestCallers() {}

    static HttpRequest.Builder authenticate(TestServer server, HttpRequest.Builder builder, Role role) {
        return builder.header("Authorization", "Bearer " + server.accessToken(role));
    }

    static String logIn(TestServer server, Role role) {
        String username = "test-" + role.value();
        Authentication.createUser(server.config().auth(), Jdbi.create(server.database().dataSource()), username, role,
                username + "@example.test", PASSWORD);
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/token/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("test login as " + username + " failed: " + r.statusCode() + " " + r.body());
        }
        try {
            JsonNode body = Json.MAPPER.readTree(r.body());
            return body.get("access").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
