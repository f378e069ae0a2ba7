package io.nextops.server.ots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Json;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for the OT API tests: JSON, creation through the API, and direct row counts. */
final class Api {
    private Api() {}

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }

    /** POSTs {@code body} as admin, expects 201 and returns the new id. */
    static long create(TestServer server, String path, String body) {
        HttpResponse<String> r = server.send("POST", path, Role.ADMIN, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asLong();
    }

    /** The numero_ot values of the first page of {@code /api/ots/?query}. */
    static List<String> numbers(TestServer server, String query) {
        HttpResponse<String> r = server.get("/api/ots/?" + query, Role.OPERATIVO);
        assertThat(r.statusCode()).as(query + " -> " + r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(r).get("results").forEach(n -> out.add(n.get("numero_ot").asText()));
        return out;
    }

    /** Asserts the original's error envelope and returns the error fields. */
    static List<String> errorFields(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.has("code") && body.has("message") && body.has("errors") && body.has("detail"))
                .as(r.body()).isTrue();
        List<String> fields = new ArrayList<>();
        body.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static long scalar(TestServer server, String sql) {
        try (Connection c = server.testDatabase().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row counts and the sum of updated_at of the module's tables: a fingerprint that any write changes. */
    static String fingerprint(TestServer server) {
        return scalar(server, "SELECT count(*) FROM ots") + "/" + scalar(server, "SELECT count(*) FROM catalogs_provider")
                + "/" + scalar(server, "SELECT count(*) FROM client_aliases") + "/"
                + scalar(server, "SELECT coalesce(sum(extract(epoch FROM updated_at))::bigint, 0) FROM ots");
    }
}
