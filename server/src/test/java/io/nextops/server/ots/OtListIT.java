package io.nextops.server.ots;

import static io.nextops.server.ots.Api.enc;
import static io.nextops.server.ots.Api.errorFields;
import static io.nextops.server.ots.Api.json;
import static io.nextops.server.ots.Api.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.ots.OtsModule;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtListIT {
    private TestServer server;
    private long maersk;
    private long cma;
    private long acme;
    private long globex;

    @BeforeAll
    void start() {
        server = TestServer.start();
        maersk = Api.create(server, "/api/catalogs/providers/", "{\"nombre\":\"MAERSK LINE\",\"tipo\":\"naviera\"}");
        cma = Api.create(server, "/api/catalogs/providers/", "{\"nombre\":\"CMA CGM\",\"tipo\":\"naviera\"}");
        acme = Api.create(server, "/api/clients/", "{\"original_name\":\"Acme S.A.\"}");
        globex = Api.create(server, "/api/clients/", "{\"original_name\":\"Globex Corp.\"}");
        Api.create(server, "/api/ots/", "{\"numero_ot\":\"L-1\",\"cliente\":" + acme + ",\"proveedor\":" + maersk
                + ",\"master_bl\":\"MBL-100\",\"contenedores\":[\"MSCU1234567\"],\"estado\":\"puerto\","
                + "\"operativo\":\"Ana\",\"fecha_eta\":\"2025-01-10\",\"fecha_llegada\":\"2025-01-12\","
                + "\"notas\":\"100% urgente\",\"puerto_destino\":\"ACAJUTLA\",\"fecha_provision\":\"2025-01-05\","
                + "\"house_bls\":[\"HBL-9\"]}");
        Api.create(server, "/api/ots/", "{\"numero_ot\":\"L-2\",\"cliente\":" + globex + ",\"proveedor\":" + cma
                + ",\"master_bl\":\"MBLX_200\",\"contenedores\":[\"TCNU7654321\",\"TGHU1111111\"],"
                + "\"estado\":\"transito\",\"operativo\":\"Luis\",\"fecha_eta\":\"2025-02-01\","
                + "\"tipo_operacion\":\"exportacion\",\"puerto_destino\":\"PUERTO CORTES\","
                + "\"fecha_recepcion_factura\":\"2025-02-10\",\"barco\":\"MSC ANNA\",\"notas\":\"back\\\\slash\"}");
        Api.create(server, "/api/ots/", "{\"numero_ot\":\"L-3\",\"cliente\":" + acme + ",\"estado\":\"en_rada\","
                + "\"fecha_eta\":\"2024-12-01\",\"notas\":\"ñandú café\"}");
        long deleted = Api.create(server, "/api/ots/", "{\"numero_ot\":\"L-4\",\"cliente\":" + globex
                + ",\"proveedor\":" + maersk + ",\"estado\":\"fact_adicionales\"}");
        assertThat(server.send("DELETE", "/api/ots/" + deleted + "/", Role.ADMIN, null).statusCode()).isEqualTo(204);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void listsActiveOtsNewestFirstWithClientAndCarrierNames() {
        HttpResponse<String> r = server.get("/api/ots/", Role.OPERATIVO);
        JsonNode body = json(r);
        assertThat(body.get("count").asLong()).isEqualTo(3);
        assertThat(numbers(server, "")).containsExactly("L-3", "L-2", "L-1");
        JsonNode l1 = body.get("results").get(2);
        assertThat(l1.get("cliente").asLong()).isEqualTo(acme);
        assertThat(l1.get("cliente_nombre").asText()).isEqualTo("Acme S.A.");
        assertThat(l1.get("proveedor").asLong()).isEqualTo(maersk);
        assertThat(l1.get("proveedor_nombre").asText()).isEqualTo("MAERSK LINE");
        assertThat(body.get("results").get(0).get("proveedor").isNull()).isTrue();
        assertThat(server.get("/api/ots", Role.OPERATIVO).statusCode()).isEqualTo(200);
    }

    @Test
    void filtersByIdsAndExactValues() {
        assertThat(numbers(server, "proveedor_id=" + maersk)).containsExactly("L-1");
        assertThat(numbers(server, "cliente_id=" + acme)).containsExactly("L-3", "L-1");
        assertThat(numbers(server, "proveedor=maersk%20line&proveedor=CMA%20CGM")).containsExactly("L-2", "L-1");
        assertThat(numbers(server, "cliente=GLOBEX%20CORP.")).containsExactly("L-2");
        assertThat(numbers(server, "operativo=ana&operativo=LUIS")).containsExactly("L-2", "L-1");
        assertThat(numbers(server, "estado_provision=Provisionada")).containsExactly("L-1");
        assertThat(numbers(server, "estado_provision=pendiente")).containsExactly("L-3", "L-2");
        assertThat(numbers(server, "estado_facturado=facturado")).containsExactly("L-2");
        assertThat(numbers(server, "tipo_operacion=EXPORTACION")).containsExactly("L-2");
        assertThat(numbers(server, "tipo_operacion=importacion")).containsExactly("L-3", "L-1");
        assertThat(numbers(server, "puerto_destino=ACAJUTLA")).containsExactly("L-1");
        assertThat(numbers(server, "puerto_destino=acajutla")).isEmpty();
        assertThat(numbers(server, "proveedor_id=" + maersk + "&cliente_id=" + globex)).isEmpty();
    }

    @Test
    void filtersByStatusWithAliasesAndRepeats() {
        assertThat(numbers(server, "estado=transito")).containsExactly("L-2");
        assertThat(numbers(server, "estado=" + enc("En Tránsito"))).containsExactly("L-2");
        assertThat(numbers(server, "estado=rada")).containsExactly("L-3");
        assertThat(numbers(server, "estado=EN_RADA&estado=puerto")).containsExactly("L-3", "L-1");
        assertThat(numbers(server, "estado=fact_adicionales")).isEmpty();
        assertThat(errorFields(server.get("/api/ots/?estado=bogus", Role.ADMIN), 400)).containsExactly("estado");
        assertThat(errorFields(server.get("/api/ots/?estado_provision=x&tipo_operacion=y&estado_facturado=z"
                + "&proveedor_id=abc&cliente_id=-1", Role.ADMIN), 400)).containsExactlyInAnyOrder(
                "estado_provision", "tipo_operacion", "estado_facturado", "proveedor_id", "cliente_id");
    }

    @Test
    void filtersByContainedTexts() {
        assertThat(numbers(server, "mbl=mbl-1")).containsExactly("L-1");
        assertThat(numbers(server, "mbl=100&mbl=200")).containsExactly("L-2", "L-1");
        assertThat(numbers(server, "contenedor=tcnu765")).containsExactly("L-2");
        assertThat(numbers(server, "contenedor=TGHU1111111&contenedor=MSCU")).containsExactly("L-2", "L-1");
        assertThat(numbers(server, "numero_ot=l-&numero_ot=zzz")).containsExactly("L-3", "L-2", "L-1");
        assertThat(numbers(server, "numero_ot=L-2")).containsExactly("L-2");
    }

    @Test
    void searchesEveryTextColumnAndTheAlphanumericForm() {
        assertThat(numbers(server, "search=mbl-100")).containsExactly("L-1");
        assertThat(numbers(server, "search=urgente")).containsExactly("L-1");
        assertThat(numbers(server, "search=acme")).containsExactly("L-3", "L-1");
        assertThat(numbers(server, "search=cma")).containsExactly("L-2");
        assertThat(numbers(server, "search=luis")).containsExactly("L-2");
        assertThat(numbers(server, "search=msc%20anna")).containsExactly("L-2");
        assertThat(numbers(server, "search=tghu-1111111")).containsExactly("L-2");
        assertThat(numbers(server, "search=hbl-9")).containsExactly("L-1");
        assertThat(numbers(server, "search=" + enc("ñandú"))).containsExactly("L-3");
    }

    @Test
    void treatsSqlAndLikeMetacharactersAsPlainText() {
        String before = Api.fingerprint(server);
        for (String filter : List.of("proveedor", "cliente", "operativo", "mbl", "contenedor", "numero_ot", "search",
                "puerto_destino")) {
            for (String value : List.of("' OR 1=1 --", "'; DROP TABLE ots; --", "\" OR \"\"=\"", "%%", "_",
                    "\\", "ñandú ☃ 漢字", "\u0000x", "%' OR '1'='1")) {
                HttpResponse<String> r = server.get("/api/ots/?" + filter + "=" + enc(value), Role.ADMIN);
                assertThat(r.statusCode()).as(filter + "=" + value + " -> " + r.body()).isIn(200, 400);
                if (r.statusCode() == 400) {
                    assertThat(errorFields(r, 400)).as(filter + "=" + value).containsExactly(filter);
                    continue;
                }
                List<String> found = numbers(server, filter + "=" + enc(value));
                assertThat(found).as(filter + "=" + value).isSubsetOf("L-1", "L-2");
                if (value.contains("1")) {
                    assertThat(found).as(filter + "=" + value).isEmpty();
                }
            }
        }
        assertThat(numbers(server, "search=" + enc("%"))).containsExactly("L-1");
        assertThat(numbers(server, "mbl=_")).containsExactly("L-2");
        assertThat(numbers(server, "search=" + enc("\\"))).containsExactly("L-2");
        assertThat(errorFields(server.get("/api/ots/?search=" + "x".repeat(256), Role.ADMIN), 400))
                .containsExactly("search");
        assertThat(Api.fingerprint(server)).isEqualTo(before);
    }

    @Test
    void ordersByEveryWhitelistedField() {
        assertThat(numbers(server, "ordering=numero_ot")).containsExactly("L-1", "L-2", "L-3");
        assertThat(numbers(server, "ordering=-numero_ot")).containsExactly("L-3", "L-2", "L-1");
        assertThat(numbers(server, "ordering=fecha_eta")).containsExactly("L-3", "L-1", "L-2");
        assertThat(numbers(server, "ordering=-fecha_eta")).containsExactly("L-2", "L-1", "L-3");
        assertThat(numbers(server, "ordering=fecha_llegada")).containsExactly("L-1", "L-2", "L-3");
        assertThat(numbers(server, "ordering=-fecha_llegada")).containsExactly("L-3", "L-2", "L-1");
        assertThat(numbers(server, "ordering=estado")).containsExactly("L-3", "L-1", "L-2");
        assertThat(numbers(server, "ordering=-estado")).containsExactly("L-2", "L-1", "L-3");
        assertThat(numbers(server, "ordering=created_at")).containsExactly("L-1", "L-2", "L-3");
        assertThat(numbers(server, "ordering=-created_at")).containsExactly("L-3", "L-2", "L-1");
        assertThat(numbers(server, "ordering=estado,-numero_ot")).containsExactly("L-3", "L-1", "L-2");
        for (String bad : List.of("id", "-notas", "numero_ot;DROP TABLE ots", "--created_at", "1")) {
            assertThat(errorFields(server.get("/api/ots/?ordering=" + enc(bad), Role.ADMIN), 400))
                    .as(bad).containsExactly("ordering");
        }
    }

    @Test
    void paginatesWithTheOriginalEnvelopeAndEdges() {
        JsonNode first = json(server.get("/api/ots/?page_size=2", Role.ADMIN));
        assertThat(first.get("count").asLong()).isEqualTo(3);
        assertThat(first.get("total_pages").asLong()).isEqualTo(2);
        assertThat(first.get("current_page").asLong()).isEqualTo(1);
        assertThat(first.get("page_size").asLong()).isEqualTo(2);
        assertThat(first.get("previous").isNull()).isTrue();
        assertThat(first.get("next").asText()).contains("page=2").contains("page_size=2");
        assertThat(first.get("results")).hasSize(2);

        JsonNode last = json(server.get("/api/ots/?page_size=2&page=2", Role.ADMIN));
        assertThat(last.get("results")).hasSize(1);
        assertThat(last.get("results").get(0).get("numero_ot").asText()).isEqualTo("L-1");
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(last.get("previous").asText()).contains("page=1");

        assertThat(errorFields(server.get("/api/ots/?page_size=2&page=3", Role.ADMIN), 404)).isEmpty();
        assertThat(json(server.get("/api/ots/?page=2", Role.ADMIN)).get("message").asText())
                .isEqualTo("Invalid page.");
        assertThat(errorFields(server.get("/api/ots/?page_size=0", Role.ADMIN), 400)).containsExactly("page_size");
        assertThat(errorFields(server.get("/api/ots/?page_size=10001", Role.ADMIN), 400))
                .containsExactly("page_size");
        assertThat(errorFields(server.get("/api/ots/?page=0", Role.ADMIN), 400)).containsExactly("page");
        assertThat(errorFields(server.get("/api/ots/?page=abc", Role.ADMIN), 400)).containsExactly("page");
        assertThat(json(server.get("/api/ots/?page_size=10000", Role.ADMIN)).get("results")).hasSize(3);
        JsonNode empty = json(server.get("/api/ots/?numero_ot=nothing", Role.ADMIN));
        assertThat(empty.get("count").asLong()).isZero();
        assertThat(empty.get("total_pages").asLong()).isEqualTo(1);
    }

    @Test
    void aListRequestRunsTheSameStatementsWhateverThePageSize() throws Exception {
        // a larger data set on a server of its own, so that page_size really changes the number of rows served
        try (TestServer server = TestServer.start()) {
            countStatements(server);
        }
    }

    private static void countStatements(TestServer server) {
        OtsModule module = server.server().getBean(OtsModule.class);
        io.nextops.ots.seed.OtsSeeder.seed(module.jdbi(), 3, 5, 10, 600);
        AtomicInteger all = new AtomicInteger();
        AtomicInteger onOts = new AtomicInteger();
        module.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                all.incrementAndGet();
                if (context.getRawSql().contains("FROM ots o")) {
                    onOts.incrementAndGet();
                }
            }
        });
        server.get("/api/ots/?page_size=1", Role.ADMIN); // warm-up: the first request also logs in
        try {
            int[] statements = new int[3];
            int[] onOtsTable = new int[3];
            int[] sizes = {1, 100, 600};
            for (int i = 0; i < sizes.length; i++) {
                all.set(0);
                onOts.set(0);
                String query = "/api/ots/?page_size=" + sizes[i] + "&search=a&ordering=-fecha_eta";
                JsonNode body = json(server.get(query, Role.ADMIN));
                assertThat(body.get("results").size()).isEqualTo(Math.min(sizes[i], body.get("count").asInt()));
                statements[i] = all.get();
                onOtsTable[i] = onOts.get();
            }
            assertThat(onOtsTable).containsOnly(2);
            assertThat(statements).containsOnly(statements[0]);
        } finally {
            module.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        }
    }
}
