package io.nextops.server.invoices;

import static io.nextops.server.invoices.InvoiceFixture.fingerprint;
import static io.nextops.server.invoices.InvoiceFixture.json;
import static io.nextops.server.invoices.InvoiceFixture.scalar;
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

class InvoiceCrudIT {
    private static TestServer server;
    private static long providerId;
    private static long otId;
    private static String otNumber;

    @BeforeAll
    static void start() throws Exception {
        server = InvoiceFixture.seededServer(50, 20);
        providerId = scalar(server, "SELECT min(id) FROM catalogs_provider");
        otId = scalar(server, "SELECT min(id) FROM ots");
        otNumber = json(server.get("/api/invoices/?ot=" + otId + "&page_size=1", Role.ADMIN)).path("results").path(0)
                .path("ot_number").asText(null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A valid body; a field that {@code extra} sets replaces the default one (a JSON key may appear only once). */
    private static String body(String numero, String extra) {
        StringBuilder b = new StringBuilder("{\"numero_factura\": \"" + numero + "\"");
        for (String[] f : new String[][] {{"fecha_emision", "\"2025-04-01\""}, {"monto", "\"1500.10\""},
                {"proveedor", Long.toString(providerId)}}) {
            if (!extra.contains("\"" + f[0] + "\":")) {
                b.append(", \"").append(f[0]).append("\": ").append(f[1]);
            }
        }
        return b.append(extra).append('}').toString();
    }

    private static HttpResponse<String> post(String json, Role role) {
        return server.send("POST", "/api/invoices/", role, json);
    }

    @Test
    void createReadUpdateAndSoftDeleteRoundTrip() throws Exception {
        HttpResponse<String> created = post(body("RT-1", ", \"ot\": " + otId + ", \"tipo_pago\": \"credito\","
                + " \"tipo_costo\": \"flete\", \"notas\": \"ñandú 😀 ' OR 1=1 --\", \"monto_pagado\": 500"), Role.ADMIN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode c = json(created);
        long id = c.get("id").asLong();
        assertThat(c.get("monto").asText()).isEqualTo("1500.10");
        assertThat(c.get("monto_aplicable").asText()).isEqualTo("1500.10");
        assertThat(c.get("monto_pendiente").asText()).isEqualTo("1000.10");
        assertThat(c.get("estado_pago").asText()).isEqualTo("pagado_parcial");
        assertThat(c.get("tipo_costo").asText()).isEqualTo("FLETE");
        assertThat(c.get("tipo_costo_display").asText()).isEqualTo("Flete");
        assertThat(c.get("ot").asLong()).isEqualTo(otId);
        assertThat(c.get("ot_data").get("id").asLong()).isEqualTo(otId);
        assertThat(c.get("ot_number").asText()).isEqualTo(c.get("ot_data").get("numero_ot").asText());
        assertThat(c.get("proveedor_nombre").asText()).isNotBlank();
        assertThat(c.get("notas").asText()).isEqualTo("ñandú 😀 ' OR 1=1 --");
        assertThat(c.get("uploaded_file").isNull()).isTrue();

        JsonNode got = json(server.get("/api/invoices/" + id + "/", Role.OPERATIVO));
        assertThat(got).isEqualTo(c);

        HttpResponse<String> put = server.send("PUT", "/api/invoices/" + id + "/", Role.JEFE_OPERACIONES,
                body("RT-1B", ", \"monto\": \"99.99\", \"tipo_pago\": \"contado\""));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode p = json(put);
        assertThat(p.get("numero_factura").asText()).isEqualTo("RT-1B");
        assertThat(p.get("monto_aplicable").asText()).isEqualTo("99.99"); // amount changed: payable reset
        assertThat(p.get("monto_pagado").asText()).isEqualTo("99.99"); // capped
        assertThat(p.get("estado_pago").asText()).isEqualTo("pagado_total");
        assertThat(p.get("fecha_vencimiento").isNull()).isTrue();

        HttpResponse<String> patch = server.send("PATCH", "/api/invoices/" + id + "/", Role.FINANZAS,
                "{\"notas\": \"revisado\", \"fecha_pago\": \"2025-05-02\", \"id\": 999, \"created_at\": \"x\"}");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
        assertThat(json(patch).get("notas").asText()).isEqualTo("revisado");
        assertThat(json(patch).get("numero_factura").asText()).isEqualTo("RT-1B");

        assertThat(server.send("DELETE", "/api/invoices/" + id + "/", Role.ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(server.get("/api/invoices/" + id + "/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.send("PATCH", "/api/invoices/" + id + "/", Role.ADMIN, "{\"notas\": \"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(server.send("DELETE", "/api/invoices/" + id + "/", Role.ADMIN, null).statusCode()).isEqualTo(404);
        assertThat(json(server.get("/api/invoices/?search=RT-1B", Role.ADMIN)).get("count").asInt()).isZero();
        assertThat(scalar(server, "SELECT count(*) FROM invoices_invoice WHERE id = " + id
                + " AND is_deleted AND deleted_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void duplicateNumberForTheSameProviderIsAConflict() throws Exception {
        assertThat(post(body("DUP-9", ""), Role.ADMIN).statusCode()).isEqualTo(201);
        String before = fingerprint(server);
        HttpResponse<String> again = post(body("DUP-9", ""), Role.ADMIN);
        assertThat(again.statusCode()).isEqualTo(409);
        JsonNode e = json(again);
        assertThat(e.get("code").asText()).isEqualTo("conflict");
        assertThat(e.get("errors").get(0).get("field").asText()).isEqualTo("numero_factura");
        assertThat(e.has("detail")).isTrue();
        assertThat(fingerprint(server)).isEqualTo(before);
    }

    @Test
    void eachValidationRuleNamesItsField() throws Exception {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("monto", body("V1", ", \"monto\": 0")),
                Map.entry("monto ", body("V1", ", \"monto\": \"1.001\"")),
                Map.entry("monto  ", body("V1", ", \"monto\": \"12345678901.00\"")),
                Map.entry("monto   ", body("V1", ", \"monto\": \"abc\"")),
                Map.entry("numero_factura", body("x".repeat(65), "")),
                Map.entry("numero_factura ", body("  ", "")),
                Map.entry("estado_provision", body("V1", ", \"estado_provision\": \"borrada\"")),
                Map.entry("tipo_pago", body("V1", ", \"tipo_pago\": \"tarjeta\"")),
                Map.entry("fecha_emision", body("V1", ", \"fecha_emision\": \"01/04/2025\"")),
                Map.entry("fecha_emision ", body("V1", ", \"fecha_emision\": \"2025-02-30\"")),
                Map.entry("requiere_revision", body("V1", ", \"requiere_revision\": \"yes\"")),
                Map.entry("confianza_match", body("V1", ", \"confianza_match\": 1.5")),
                Map.entry("monto_pagado", body("V1", ", \"monto_pagado\": -1")),
                Map.entry("proveedor", body("V1", ", \"proveedor\": 999999")),
                Map.entry("ot", body("V1", ", \"ot\": 999999")),
                Map.entry("ot ", body("V1", ", \"ot\": \"abc\"")),
                Map.entry("notas", body("V1", ", \"notas\": null")),
                Map.entry("notas ", body("V1", ", \"notas\": \"a\\u0000b\"")),
                Map.entry("notas  ", body("V1", ", \"notas\": 12")),
                Map.entry("referencias_detectadas", body("V1", ", \"referencias_detectadas\": [1]")),
                Map.entry("hacker", body("V1", ", \"hacker\": true")));
        String before = fingerprint(server);
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = post(c.getValue(), Role.ADMIN);
            assertThat(r.statusCode()).as(c.getKey() + ": " + r.body()).isEqualTo(400);
            JsonNode e = json(r);
            assertThat(e.get("code").asText()).isEqualTo("validation_error");
            assertThat(e.get("errors").findValuesAsText("field")).as(r.body()).containsExactly(c.getKey().trim());
        }
        HttpResponse<String> many = post("{\"monto\": 0, \"fecha_emision\": \"x\", \"x\": 1}", Role.ADMIN);
        assertThat(json(many).get("errors").findValuesAsText("field"))
                .contains("monto", "fecha_emision", "x", "numero_factura", "proveedor_nombre");
        assertThat(fingerprint(server)).isEqualTo(before);
    }

    @Test
    void badBodiesAre4xxWithTheEnvelopeAndChangeNothing() throws Exception {
        String before = fingerprint(server);
        long id = json(post(body("BB-1", ""), Role.ADMIN)).get("id").asLong();
        String afterCreate = fingerprint(server);
        List<String> bodies = List.of("{", "[]", "null", "\"x\"", "{\"monto\": }", "{} {}", "{\"notas\": \"" + "x".repeat(70_000) + "\"}",
                "{\"numero_factura\": {\"$gt\": \"\"}}", "{\"monto\": 1e400}", "{\"monto\": NaN}",
                "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}");
        for (String b : bodies) {
            for (String[] m : new String[][] {{"POST", "/api/invoices/"}, {"PATCH", "/api/invoices/" + id + "/"},
                    {"PUT", "/api/invoices/" + id + "/"}}) {
                HttpResponse<String> r = server.send(m[0], m[1], Role.ADMIN, b);
                assertThat(r.statusCode()).as(m[0] + " " + b.substring(0, Math.min(40, b.length()))).isBetween(400, 499);
                assertThat(json(r).has("code")).isTrue();
                assertThat(json(r).has("errors")).isTrue();
            }
        }
        HttpResponse<String> form = server.send(server.request("/api/invoices/", Role.ADMIN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("numero_factura=x")).build());
        assertThat(form.statusCode()).isEqualTo(415);
        HttpResponse<String> big = server.send("POST", "/api/invoices/", Role.ADMIN,
                "{\"notas\": \"" + "x".repeat(1_100_000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(fingerprint(server)).isEqualTo(afterCreate).isNotEqualTo(before);
    }

    @Test
    void rolesLimitWhoMayWriteWhat() throws Exception {
        long id = json(post(body("RO-1", ""), Role.ADMIN)).get("id").asLong();
        String before = fingerprint(server);
        assertThat(post(body("RO-2", ""), Role.OPERATIVO).statusCode()).isEqualTo(403);
        assertThat(post(body("RO-2", ""), Role.FINANZAS).statusCode()).isEqualTo(403);
        assertThat(server.send("DELETE", "/api/invoices/" + id + "/", Role.FINANZAS, null).statusCode()).isEqualTo(403);
        assertThat(server.send("PATCH", "/api/invoices/" + id + "/", Role.OPERATIVO, "{\"notas\": \"x\"}").statusCode())
                .isEqualTo(403);
        HttpResponse<String> money = server.send("PATCH", "/api/invoices/" + id + "/", Role.FINANZAS, "{\"monto\": 5}");
        assertThat(money.statusCode()).isEqualTo(403);
        assertThat(json(money).get("message").asText()).contains("monto");
        assertThat(fingerprint(server)).isEqualTo(before);
        HttpResponse<String> paid = server.send("PATCH", "/api/invoices/" + id + "/", Role.FINANZAS,
                "{\"monto_pagado\": \"1500.10\", \"estado_provision\": \"provisionada\"}");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(json(paid).get("estado_pago").asText()).isEqualTo("pagado_total");
        assertThat(json(paid).get("monto_pendiente").asText()).isEqualTo("0.00");
    }

    @Test
    void unknownPathsAndMethodsAreAnsweredWithTheEnvelope() {
        assertThat(server.get("/api/invoices/abc/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/invoices/1e3/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/invoices/99999999/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/invoices/99999999999999999999/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.send("DELETE", "/api/invoices/", Role.ADMIN, null).statusCode()).isEqualTo(405);
        assertThat(server.send("POST", "/api/invoices/1/", Role.ADMIN, "{}").statusCode()).isEqualTo(405);
        HttpResponse<String> r = server.get("/api/invoices/x/", Role.ADMIN);
        assertThat(json(r).get("code").asText()).isEqualTo("not_found");
    }
}
