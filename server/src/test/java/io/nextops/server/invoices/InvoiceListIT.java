package io.nextops.server.invoices;

import static io.nextops.server.invoices.InvoiceFixture.fingerprint;
import static io.nextops.server.invoices.InvoiceFixture.ids;
import static io.nextops.server.invoices.InvoiceFixture.json;
import static io.nextops.server.invoices.InvoiceFixture.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.invoices.InvoicesModule;
import io.nextops.invoices.invoice.InvoiceQuery;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InvoiceListIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = InvoiceFixture.seededServer(1_200, 300);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static JsonNode list(String query) {
        HttpResponse<String> r = server.get("/api/invoices/?" + query, Role.OPERATIVO);
        assertThat(r.statusCode()).as(query + " -> " + r.body()).isEqualTo(200);
        return json(r);
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** The endpoint returns exactly the live rows matching {@code where}. */
    private static void assertFilter(String query, String where) throws Exception {
        List<Long> expected = ids(server, "SELECT id FROM invoices_invoice WHERE is_deleted = false AND (" + where
                + ") ORDER BY id");
        assertThat(expected).as("fixture rows for " + query).isNotEmpty();
        JsonNode page = list(query + "&page_size=10000");
        assertThat(page.get("count").asLong()).as(query).isEqualTo(expected.size());
        assertThat(ids(page).stream().sorted().toList()).as(query).isEqualTo(expected);
    }

    @Test
    void everyFilterOfTheOriginalSelectsTheMatchingRows() throws Exception {
        long provider = scalar(server, "SELECT proveedor_id FROM invoices_invoice ORDER BY id LIMIT 1");
        long ot = scalar(server, "SELECT ot_id FROM invoices_invoice WHERE ot_id IS NOT NULL ORDER BY id LIMIT 1");
        assertFilter("estado_provision=pendiente", "estado_provision = 'pendiente'");
        assertFilter("estado_provision=revision,disputada", "estado_provision IN ('revision', 'disputada')");
        assertFilter("estado_facturacion=facturada", "estado_facturacion = 'facturada'");
        assertFilter("estado_pago=pagado_parcial", "estado_pago = 'pagado_parcial'");
        assertFilter("excluir_pagadas=true", "estado_pago <> 'pagado_total'");
        assertFilter("requiere_revision=true", "requiere_revision");
        assertFilter("requiere_revision=no", "NOT requiere_revision");
        assertFilter("tipo_costo=FLETE", "tipo_costo = 'FLETE'");
        assertFilter("proveedor=" + provider, "proveedor_id = " + provider);
        String name = json(server.get("/api/invoices/?page_size=1", Role.ADMIN)).get("results").get(0)
                .get("proveedor_nombre").asText();
        String part = name.substring(1, Math.min(name.length(), 5)).toLowerCase();
        assertFilter("proveedor_nombre=" + enc(part), "proveedor_nombre ILIKE '%" + part.replace("'", "''") + "%'");
        assertFilter("ot_number=" + enc("-00001"), "ot_number ILIKE '%-00001%'");
        assertFilter("ot=" + ot, "ot_id = " + ot);
        assertFilter("ot_id=" + ot, "ot_id = " + ot);
        assertFilter("fecha_emision_desde=2025-03-01&fecha_emision_hasta=2025-03-31",
                "fecha_emision BETWEEN '2025-03-01' AND '2025-03-31'");
        assertFilter("fecha_desde=2025-12-01", "fecha_emision >= '2025-12-01'");
        assertFilter("fecha_hasta=2024-01-31", "fecha_emision <= '2024-01-31'");
        assertFilter("search=fac-000", "numero_factura ILIKE '%fac-000%' OR proveedor_nombre ILIKE '%fac-000%'"
                + " OR ot_number ILIKE '%fac-000%' OR notas ILIKE '%fac-000%'");
        assertFilter("search=aduana", "numero_factura ILIKE '%aduana%' OR proveedor_nombre ILIKE '%aduana%'"
                + " OR ot_number ILIKE '%aduana%' OR notas ILIKE '%aduana%'");
    }

    @Test
    void everyOrderingFieldSortsBothWays() throws Exception {
        for (Map.Entry<String, String> f : InvoiceQuery.ORDERING_FIELDS.entrySet()) {
            String column = f.getValue().substring(2);
            for (boolean desc : new boolean[] {false, true}) {
                String param = (desc ? "-" : "") + f.getKey();
                List<Long> expected = ids(server, "SELECT id FROM invoices_invoice WHERE is_deleted = false ORDER BY "
                        + column + (desc ? " DESC" : "") + ", id DESC LIMIT 40");
                assertThat(ids(list("ordering=" + param + "&page_size=40"))).as(param).isEqualTo(expected);
            }
        }
        List<Long> two = ids(server, "SELECT id FROM invoices_invoice WHERE is_deleted = false "
                + "ORDER BY tipo_costo, monto DESC, id DESC LIMIT 40");
        assertThat(ids(list("ordering=tipo_costo,-monto&page_size=40"))).isEqualTo(two);
    }

    @Test
    void defaultOrderIsProvisionPriorityThenNewest() throws Exception {
        List<Long> expected = ids(server, """
                SELECT id FROM invoices_invoice WHERE is_deleted = false ORDER BY CASE estado_provision
                WHEN 'pendiente' THEN 1 WHEN 'revision' THEN 2 WHEN 'disputada' THEN 3 WHEN 'provisionada' THEN 4
                WHEN 'rechazada' THEN 5 WHEN 'anulada' THEN 6 WHEN 'anulada_parcialmente' THEN 7 ELSE 8 END,
                fecha_emision DESC, created_at DESC, id DESC""");
        assertThat(ids(list("page_size=10000"))).isEqualTo(expected);
    }

    @Test
    void paginationFollowsTheOriginalEnvelopeAndEdges() throws Exception {
        long total = scalar(server, "SELECT count(*) FROM invoices_invoice WHERE NOT is_deleted");
        JsonNode first = list("");
        assertThat(first.get("count").asLong()).isEqualTo(total);
        assertThat(first.get("page_size").asInt()).isEqualTo(25);
        assertThat(first.get("current_page").asInt()).isEqualTo(1);
        assertThat(first.get("total_pages").asLong()).isEqualTo((total + 24) / 25);
        assertThat(first.get("previous").isNull()).isTrue();
        assertThat(first.get("next").asText()).contains("page=2");
        assertThat(first.get("results")).hasSize(25);

        long lastPage = (total + 99) / 100;
        JsonNode last = list("page_size=100&page=" + lastPage);
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(last.get("results")).hasSize((int) (total - (lastPage - 1) * 100));

        for (String bad : List.of("page=" + (lastPage + 1) + "&page_size=100")) {
            HttpResponse<String> r = server.get("/api/invoices/?" + bad, Role.ADMIN);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("message").asText()).isEqualTo("Invalid page.");
        }
        for (String bad : List.of("page_size=0", "page_size=10001", "page=0", "page=abc", "page_size=-1")) {
            HttpResponse<String> r = server.get("/api/invoices/?" + bad, Role.ADMIN);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).get("code").asText()).isEqualTo("validation_error");
        }
    }

    @Test
    void listRunsTheSameStatementsWhateverThePageSize() {
        Jdbi jdbi = server.server().getBean(InvoicesModule.class).jdbi();
        List<String> statements = new CopyOnWriteArrayList<>();
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.add(context.getRenderedSql());
            }
        });
        try {
            int[] sizes = {1, 25, 1000, 10000};
            long[] invoiceStatements = new long[sizes.length];
            int[] all = new int[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
                list("page_size=1"); // warm: a first request may log in or load caches
                statements.clear();
                list("page_size=" + sizes[k] + "&estado_provision=pendiente,provisionada");
                all[k] = statements.size();
                invoiceStatements[k] = statements.stream().filter(s -> s.contains("invoices_invoice")).count();
            }
            assertThat(invoiceStatements).containsOnly(2L); // COUNT + one joined page query
            assertThat(all).containsOnly(all[0]);
        } finally {
            jdbi.setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
    }

    @Test
    void textFiltersTakeSqlAndLikeMetacharactersLiterally() throws Exception {
        String before = fingerprint(server);
        List<String> nasty = List.of("' OR 1=1 --", "%", "_", "\\", "!", "%' ; DROP TABLE invoices_invoice; --",
                "ñandú 中文 😀", "\"", "a%b_c\\d");
        for (String param : List.of("proveedor_nombre", "ot_number", "search", "tipo_costo")) {
            for (String v : nasty) {
                JsonNode page = list(param + "=" + enc(v));
                assertThat(page.get("count").asLong()).as(param + "=" + v).isZero();
            }
        }
        assertThat(fingerprint(server)).isEqualTo(before);
    }

    @Test
    void badFilterValuesAre400WithEveryFieldListed() throws Exception {
        String before = fingerprint(server);
        HttpResponse<String> r = server.get("/api/invoices/?estado_provision=pendiente,nope&estado_pago=x"
                + "&estado_facturacion=y&proveedor=abc&ot=-1&fecha_desde=2025-13-01&fecha_hasta=yesterday"
                + "&ordering=monto;DROP&search=" + "x".repeat(256), Role.ADMIN);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.get("code").asText()).isEqualTo("validation_error");
        List<String> fields = body.get("errors").findValuesAsText("field");
        assertThat(fields).contains("estado_provision", "estado_pago", "estado_facturacion", "proveedor", "ot",
                "fecha_desde", "fecha_hasta", "ordering", "search");
        assertThat(server.get("/api/invoices/?ordering=nope", Role.ADMIN).statusCode()).isEqualTo(400);
        assertThat(server.get("/api/invoices/?ordering=-", Role.ADMIN).statusCode()).isEqualTo(400);
        assertThat(fingerprint(server)).isEqualTo(before);
    }

    @Test
    void listNeedsAuthentication() {
        HttpResponse<String> r = server.get("/api/invoices/");
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void costTypesAreListed() {
        JsonNode page = json(server.get("/api/catalogs/cost-types/", Role.FINANZAS));
        assertThat(page.get("count").asInt()).isEqualTo(7);
        assertThat(page.get("results").get(0).get("code").asText()).isEqualTo("FLETE");
        assertThat(page.get("results").get(0).get("is_linked_to_ot").asBoolean()).isTrue();
    }
}
