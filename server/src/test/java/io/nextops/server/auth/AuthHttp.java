package io.nextops.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Json;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jdbi.v3.core.Jdbi;

/** Small HTTP and database helpers for the authentication tests. */
final class AuthHttp {
    private AuthHttp() {}

    static HttpResponse<String> postJson(TestServer server, String path, String json) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    static HttpResponse<String> login(TestServer server, String username, String password) {
        return postJson(server, "/api/token/", "{\"username\":" + quote(username) + ",\"password\":" + quote(password) + "}");
    }

    static HttpResponse<String> refresh(TestServer server, String refreshToken) {
        return postJson(server, "/api/token/refresh/", "{\"refresh\":" + quote(refreshToken) + "}");
    }

    /** GET {@code path} with {@code authorization} as the header value (null: no header). */
    static HttpResponse<String> get(TestServer server, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return server.send(b.build());
    }

    static long createUser(TestServer server, String username, Role role, String password) {
        return Authentication.createUser(server.config().auth(), jdbi(server), username, role, null, password);
    }

    static Jdbi jdbi(TestServer server) {
        return Jdbi.create(server.database().dataSource());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
