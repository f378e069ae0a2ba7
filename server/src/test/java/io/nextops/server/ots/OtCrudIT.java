package io.nextops.server.ots;

import static io.nextops.server.ots.Api.errorFields;
import static io.nextops.server.ots.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtCrudIT {
    private TestServer server;
    private long carrier;
    private long client;

    @BeforeAll
    void start() {
        server = TestServer.start();
        carrier = Api.create(server, "/api/catalogs/providers/", "{\"nombre\":\"HAPAG-LLOYD\",\"tipo\":\"naviera\"}");
        client = Api.create(server, "/api/clients/", "{\"original_name\":\"Initech S.A. de C.V.\"}");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private String ot(String numero) {
        return "{\"numero_ot\":\"" + numero + "\",\"cliente\":" + client + "}";
    }

    @Test
    void createsAnOtWithTheSaveRulesAndReadsItBack() {
        HttpResponse<String> created = server.send("POST", "/api/ots/", Role.JEFE_OPERACIONES,
                "{\"numero_ot\":\"  ot-25-001 \",\"cliente\":" + client + ",\"proveedor\":" + carrier
                        + ",\"master_bl\":\" hlcu123 \",\"house_bls\":[\" hbl1 \",\"\"],"
                        + "\"contenedores\":[\"hlxu 123456-7\",\"HLXU1234567\",\"TCNU7654321\"],"
                        + "\"fecha_eta\":\"2025-03-01\",\"barco\":\"\",\"operativo\":\"  \","
                        + "\"fecha_recepcion_factura\":\"2025-03-09\",\"estado_facturado\":\"pendiente\","
                        + "\"provision_hierarchy\":{\"total\":\"10.50\",\"items\":[]},\"comentarios\":\"ok ✓\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ot = json(created);
        assertThat(ot.get("numero_ot").asText()).isEqualTo("OT-25-001");
        assertThat(ot.get("master_bl").asText()).isEqualTo("HLCU123");
        assertThat(ot.get("house_bls").toString()).isEqualTo("[\"HBL1\"]");
        assertThat(ot.get("contenedores").toString()).isEqualTo("[\"HLXU1234567\",\"TCNU7654321\"]");
        assertThat(ot.get("barco").asText()).isEqualTo("-");
        assertThat(ot.get("operativo").asText()).isEqualTo("-");
        assertThat(ot.get("estado").asText()).isEqualTo("transito");
        assertThat(ot.get("estado_display").asText()).isEqualTo("Tránsito");
        assertThat(ot.get("estado_facturado").asText()).isEqualTo("facturado");
        assertThat(ot.get("estado_provision").asText()).isEqualTo("pendiente");
        assertThat(ot.get("tipo_operacion").asText()).isEqualTo("importacion");
        assertThat(ot.get("fecha_eta").asText()).isEqualTo("2025-03-01");
        assertThat(ot.get("proveedor_nombre").asText()).isEqualTo("HAPAG-LLOYD");
        assertThat(ot.get("cliente_nombre").asText()).isEqualTo("Initech S.A. de C.V.");
        assertThat(ot.get("provision_hierarchy").get("total").asText()).isEqualTo("10.50");
        assertThat(ot.get("monto_total_vendido").asText()).isEqualTo("0.00");
        assertThat(ot.get("comentarios").asText()).isEqualTo("ok ✓");
        assertThat(ot.has("created_at") && ot.has("updated_at")).isTrue();
        assertThat(ot.has("row_hash")).isFalse();

        long id = ot.get("id").asLong();
        JsonNode again = json(server.get("/api/ots/" + id + "/", Role.OPERATIVO));
        assertThat(again).isEqualTo(ot);
        assertThat(json(server.get("/api/ots/" + id, Role.FINANZAS))).isEqualTo(ot);
        assertThat(Api.scalar(server, "SELECT usage_count FROM client_aliases WHERE id = " + client)).isPositive();
    }

    @Test
    void putReplacesWithRequiredFieldsAndPatchChangesOnlyWhatItSends() {
        long id = Api.create(server, "/api/ots", "{\"numero_ot\":\"UPD-1\",\"cliente\":" + client
                + ",\"barco\":\"MSC ANNA\",\"notas\":\"first\"}");
        assertThat(errorFields(server.send("PUT", "/api/ots/" + id + "/", Role.ADMIN, "{\"notas\":\"x\"}"), 400))
                .containsExactlyInAnyOrder("numero_ot", "cliente");

        JsonNode current = json(server.get("/api/ots/" + id + "/", Role.ADMIN));
        String put = current.toString().replace("\"notas\":\"first\"", "\"notas\":\"second\"");
        HttpResponse<String> replaced = server.send("PUT", "/api/ots/" + id + "/", Role.ADMIN, put);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).get("notas").asText()).isEqualTo("second");

        HttpResponse<String> patched = server.send("PATCH", "/api/ots/" + id + "/", Role.ADMIN,
                "{\"fecha_provision\":\"2025-04-01\",\"estado\":\"puerto\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode p = json(patched);
        assertThat(p.get("estado").asText()).isEqualTo("puerto");
        assertThat(p.get("estado_provision").asText()).isEqualTo("provisionada");
        assertThat(p.get("barco").asText()).isEqualTo("MSC ANNA");
        assertThat(p.get("notas").asText()).isEqualTo("second");
        assertThat(p.get("modificado_por").isNull()).isFalse();

        HttpResponse<String> review = server.send("PATCH", "/api/ots/" + id, Role.ADMIN,
                "{\"estado_provision\":\"revision\"}");
        assertThat(json(review).get("estado_provision").asText()).isEqualTo("revision");
        assertThat(server.send("PATCH", "/api/ots/987654/", Role.ADMIN, "{\"notas\":\"x\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void softDeleteHidesTheOtButKeepsItsNumberTaken() {
        long id = Api.create(server, "/api/ots/", ot("DEL-1"));
        assertThat(server.send("DELETE", "/api/ots/" + id + "/", Role.ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(errorFields(server.get("/api/ots/" + id + "/", Role.ADMIN), 404)).isEmpty();
        assertThat(server.send("DELETE", "/api/ots/" + id + "/", Role.ADMIN, null).statusCode()).isEqualTo(404);
        assertThat(server.send("PATCH", "/api/ots/" + id + "/", Role.ADMIN, "{\"notas\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(json(server.get("/api/ots/?numero_ot=DEL-1", Role.ADMIN)).get("count").asLong()).isZero();
        assertThat(Api.scalar(server, "SELECT count(*) FROM ots WHERE id = " + id
                + " AND is_deleted AND deleted_at IS NOT NULL")).isEqualTo(1);
        assertThat(errorFields(server.send("POST", "/api/ots/", Role.ADMIN, ot("del-1")), 409))
                .containsExactly("numero_ot");
    }

    @Test
    void aDuplicateNumberIsAConflict() {
        Api.create(server, "/api/ots/", ot("DUP-9"));
        String before = Api.fingerprint(server);
        assertThat(errorFields(server.send("POST", "/api/ots/", Role.ADMIN, ot(" dup-9")), 409))
                .containsExactly("numero_ot");
        long other = Api.create(server, "/api/ots/", ot("DUP-10"));
        assertThat(errorFields(server.send("PATCH", "/api/ots/" + other + "/", Role.ADMIN,
                "{\"numero_ot\":\"DUP-9\"}"), 409)).containsExactly("numero_ot");
        assertThat(Api.scalar(server, "SELECT count(*) FROM ots WHERE numero_ot = 'DUP-10'")).isEqualTo(1);
        assertThat(before).isNotNull();
    }

    @Test
    void checksRolesForEachMethod() {
        long id = Api.create(server, "/api/ots/", ot("ROLE-1"));
        String item = "/api/ots/" + id + "/";
        assertThat(server.send("POST", "/api/ots/", Role.OPERATIVO, ot("ROLE-2")).statusCode()).isEqualTo(403);
        assertThat(server.send("POST", "/api/ots/", Role.FINANZAS, ot("ROLE-2")).statusCode()).isEqualTo(403);
        assertThat(server.send("DELETE", item, Role.FINANZAS, null).statusCode()).isEqualTo(403);
        assertThat(server.send("DELETE", item, Role.OPERATIVO, null).statusCode()).isEqualTo(403);
        assertThat(server.send("PATCH", item, Role.OPERATIVO, "{\"estado\":\"puerto\"}").statusCode()).isEqualTo(403);
        assertThat(server.send("PATCH", item, Role.FINANZAS, "{\"barco\":\"X\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> finance = server.send("PATCH", item, Role.FINANZAS, "{\"estado\":\"puerto\","
                + "\"fecha_recepcion_factura\":\"2025-05-05\",\"comentarios\":\"pagado\",\"provision_hierarchy\":{}}");
        assertThat(finance.statusCode()).as(finance.body()).isEqualTo(200);
        assertThat(server.get(item, Role.OPERATIVO).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/ots/").statusCode()).isEqualTo(401);
        assertThat(server.get(item).statusCode()).isEqualTo(401);
        assertThat(Api.scalar(server, "SELECT count(*) FROM ots WHERE numero_ot = 'ROLE-2'")).isZero();
    }

    @Test
    void answersUnknownPathsAndMethods() {
        long id = Api.create(server, "/api/ots/", ot("PATH-1"));
        assertThat(server.get("/api/ots/abc/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/ots/-1/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/ots/99999999/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/ots/" + id + "/extra/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/ots/99999999999999999999/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(errorFields(server.send("PUT", "/api/ots/", Role.ADMIN, "{}"), 405)).isEmpty();
        assertThat(server.send("DELETE", "/api/ots/", Role.ADMIN, null).statusCode()).isEqualTo(405);
        assertThat(server.send("POST", "/api/ots/" + id + "/", Role.ADMIN, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void reportsEachValidationRule() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"numero_ot\":\"OT 1/2\",\"cliente\":%d}", "numero_ot"),
                Map.entry("{\"numero_ot\":\"   \",\"cliente\":%d}", "numero_ot"),
                Map.entry("{\"numero_ot\":\"" + "A".repeat(51) + "\",\"cliente\":%d}", "numero_ot"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":%d,\"contenedores\":[\"BAD1\"]}", "contenedores"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":999999%d}", "cliente"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":%d,\"proveedor\":999999}", "proveedor"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":%d,\"estado\":\"bogus\"}", "estado"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":%d,\"tipo_operacion\":\"x\"}", "tipo_operacion"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":%d,\"estado_source\":\"fax\"}", "estado_source"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":%d,\"fecha_eta\":\"2025-13-01\"}", "fecha_eta"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":%d,\"provision_hierarchy\":[]}", "provision_hierarchy"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":%d,\"house_bls\":\"HBL1\"}", "house_bls"),
                Map.entry("{\"numero_ot\":\"V-1\",\"cliente\":%d,\"barco\":\"" + "b".repeat(201) + "\"}", "barco"),
                Map.entry("{\"cliente\":%d}", "numero_ot"));
        String before = Api.fingerprint(server);
        cases.forEach((template, field) -> {
            HttpResponse<String> r = server.send("POST", "/api/ots/", Role.ADMIN, String.format(template, client));
            assertThat(errorFields(r, 400)).as(template).containsExactly(field);
        });
        HttpResponse<String> bad = server.send("POST", "/api/ots/", Role.ADMIN,
                "{\"contenedores\":[\"MSCU1234567\",\"XX-1\",\"ABCD12345678\"],\"numero_ot\":\"V-2\",\"cliente\":"
                        + client + "}");
        assertThat(json(bad).get("errors").get(0).get("message").asText()).contains("XX-1, ABCD12345678.");
        assertThat(Api.fingerprint(server)).isEqualTo(before);
    }

    @Test
    void rejectsBadInputWithTheEnvelopeAndNoWrite() {
        String before = Api.fingerprint(server);
        List<String> bodies = List.of(
                "{\"numero_ot\":123,\"cliente\":" + client + "}",
                "{\"numero_ot\":\"T-1\",\"cliente\":\"abc\"}",
                "{\"numero_ot\":\"T-1\",\"cliente\":1.5}",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + ",\"provision_locked\":\"yes\"}",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + ",\"contenedores\":\"MSCU1234567\"}",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + ",\"contenedores\":[1,2]}",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + ",\"fecha_eta\":20250101}",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + ",\"notas\":null}",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + ",\"foo\":1}",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + ",\"notas\":\"" + "n".repeat(10_001) + "\"}",
                "{\"numero_ot\":\"' OR 1=1 --\",\"cliente\":" + client + "}",
                "{\"numero_ot\":\"T-1'; DROP TABLE ots; --\",\"cliente\":" + client + "}",
                "{\"numero_ot\":\"ÑANDÚ-1\",\"cliente\":" + client + "}",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + ",\"notas\":\"a\\u0000b\"}",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + "} trailing",
                "{\"numero_ot\":",
                "[]",
                "\"text\"",
                "",
                "{\"numero_ot\":\"T-1\",\"cliente\":" + client + ",\"numero_ot\":\"T-2\"");
        for (String body : bodies) {
            HttpResponse<String> r;
            try {
                r = server.send("POST", "/api/ots/", Role.ADMIN, body);
            } catch (IllegalStateException e) {
                throw new AssertionError("no answer to " + (body.length() > 100 ? body.substring(0, 100) : body), e);
            }
            assertThat(r.statusCode()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
            errorFields(r, 400);
        }
        HttpResponse<String> plain = server.send(server.request("/api/ots/", Role.ADMIN)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(ot("T-1"))).build());
        errorFields(plain, 415);
        HttpResponse<String> patch = server.send(server.request("/api/ots/1/", Role.ADMIN)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(ot("T-1"))).build());
        assertThat(patch.statusCode()).isIn(404, 415);
        HttpResponse<String> huge = server.send("POST", "/api/ots/", Role.ADMIN,
                "{\"notas\":\"" + "x".repeat(1_100_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(Api.fingerprint(server)).isEqualTo(before);
    }
}
