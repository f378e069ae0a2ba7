package io.nextops.server;

import io.nextops.server.http.OpenApiDocument;
import io.nextops.web.route.Param;
import io.nextops.web.route.Route;
import io.nextops.web.route.RouteTable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document at /api/schema/: open, valid JSON, and exactly the routes of the route table. */
class SchemaIT {
    static TestServer server;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        doc = Json.MAPPER.readTree(server.get("/api/schema/").body());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void servesTheDocumentWithoutATokenAsCacheableOpenApiJson() {
        HttpResponse<String> r = server.get("/api/schema/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/vnd.oai.openapi+json"));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        assertThat(r.headers().firstValue("Content-Length")).hasValue(
                Integer.toString(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(doc.path("openapi").asText()).startsWith("3.0.");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
    }

    @Test
    void answersTheSameWithoutTheSlashAndForFormatJson() {
        String body = server.get("/api/schema/").body();
        assertThat(server.get("/api/schema").body()).isEqualTo(body);
        assertThat(server.get("/api/schema/?format=json").body()).isEqualTo(body);
    }

    @Test
    void refusesYamlAndWritesInTheErrorEnvelope() throws Exception {
        HttpResponse<String> r = server.get("/api/schema/?format=yaml");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(r.body());
        assertThat(error.path("code").asText()).isEqualTo("validation_error");
        assertThat(error.path("errors").get(0).path("field").asText()).isEqualTo("format");

        HttpResponse<String> post = server.send(HttpRequest.newBuilder(server.uri("/api/schema/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void answersNotModifiedForItsOwnEtag() {
        String etag = server.get("/api/schema/").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/schema/"))
                .header("If-None-Match", etag).GET().build());
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void documentsExactlyTheRoutesOfTheRouteTable() {
        RouteTable routes = server.server().getBean(RouteTable.class);
        Set<String> expected = new TreeSet<>();
        routes.routes().forEach(r -> expected.add(r.method() + " " + r.template()));
        assertThat(new TreeSet<>(OpenApiDocument.operations(doc))).isEqualTo(expected);
        assertThat(expected).contains("GET /api/ots/", "GET /api/invoices/", "POST /api/token/", "GET /api/schema/",
                "GET /health/ready", "GET /metrics", "GET /api/invoices/{id}/file/");
    }

    @Test
    void documentsTheQueryParametersEachRouteReads() {
        RouteTable routes = server.server().getBean(RouteTable.class);
        for (Route route : routes.routes()) {
            JsonNode op = doc.path("paths").path(route.template()).path(route.method().lowerCase());
            List<String> documented = new ArrayList<>();
            op.path("parameters").forEach(p -> documented.add(p.has("$ref")
                    ? p.get("$ref").asText().substring("#/components/parameters/".length()) : p.get("name").asText()));
            assertThat(documented).as(route.toString()).isEqualTo(route.params().stream().map(Param::name).toList());
            for (Param p : route.params()) {
                if (p.type() == Param.Type.CHOICE) {
                    List<String> values = new ArrayList<>();
                    op.path("parameters").forEach(x -> {
                        if (p.name().equals(x.path("name").asText())) {
                            x.at("/schema/enum").forEach(v -> values.add(v.asText()));
                        }
                    });
                    assertThat(values).as(route + " " + p.name()).isEqualTo(p.choices());
                }
            }
        }
    }

    @Test
    void everyDocumentedPathIsServed() {
        List<String> unserved = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(path -> {
            int status = server.get(path.replace("{id}", "1")).statusCode();
            // without a token a served /api/ path answers 401 (or 405 for POST-only ones); only unknown paths are 404
            if (status == 404) {
                unserved.add(path);
            }
        });
        assertThat(unserved).as("documented paths that no servlet serves").isEmpty();
    }

    @Test
    void protectsEveryOperationButThePublicOnes() {
        assertThat(doc.path("security").get(0).has("bearerAuth")).isTrue();
        assertThat(doc.at("/components/securitySchemes/bearerAuth/bearerFormat").asText()).isEqualTo("JWT");
        Set<String> open = new TreeSet<>();
        doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            JsonNode security = op.getValue().get("security");
            if (security != null && (security.isEmpty() || security.get(0).isEmpty())) {
                open.add(op.getKey() + " " + p.getKey());
            }
        }));
        assertThat(open).containsExactlyInAnyOrder("post /api/token/", "post /api/token/refresh/",
                "get /api/health/", "get /api/schema/", "get /health/live", "get /health/ready",
                "get /health/memory", "get /metrics", "get /admin/memory/", "get /admin/memory/dashboard.js",
                "get /admin/memory/dashboard.css");
    }
}
