package io.nextops.server.ots;

import static io.nextops.server.ots.Api.errorFields;
import static io.nextops.server.ots.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogsIT {
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private List<String> names(String path, String field) {
        HttpResponse<String> r = server.get(path, Role.OPERATIVO);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(r).get("results").forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void createsListsAndGetsProviders() {
        HttpResponse<String> r = server.send("POST", "/api/catalogs/providers/", Role.ADMIN,
                "{\"nombre\":\"  ZIM \",\"nit\":\" 0614-abc \",\"tipo\":\"naviera\",\"categoria\":\"internacional\","
                        + "\"tiene_credito\":true,\"dias_credito\":30}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode zim = json(r);
        assertThat(zim.get("nombre").asText()).isEqualTo("ZIM");
        assertThat(zim.get("nit").asText()).isEqualTo("0614-ABC");
        assertThat(zim.get("dias_credito").asInt()).isEqualTo(30);
        assertThat(zim.get("is_active").asBoolean()).isTrue();
        Api.create(server, "/api/catalogs/providers", "{\"nombre\":\"Aduanas 100%\",\"tipo\":\"agencia_aduanal\"}");
        assertThat(json(server.get("/api/catalogs/providers/" + zim.get("id").asLong() + "/", Role.FINANZAS)))
                .isEqualTo(zim);
        assertThat(names("/api/catalogs/providers/", "nombre")).containsExactly("Aduanas 100%", "ZIM");
        assertThat(names("/api/catalogs/providers/?tipo=naviera", "nombre")).containsExactly("ZIM");
        assertThat(names("/api/catalogs/providers/?search=%25", "nombre")).containsExactly("Aduanas 100%");
        assertThat(names("/api/catalogs/providers/?search=0614-a", "nombre")).containsExactly("ZIM");
        assertThat(errorFields(server.get("/api/catalogs/providers/?tipo=x", Role.ADMIN), 400)).containsExactly("tipo");
        assertThat(server.get("/api/catalogs/providers/999999/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/catalogs/providers/?page=5", Role.ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void rejectsDuplicateAndInvalidProviders() {
        Api.create(server, "/api/catalogs/providers/", "{\"nombre\":\"EVERGREEN\",\"nit\":\"E-1\"}");
        String before = Api.fingerprint(server);
        assertThat(errorFields(server.send("POST", "/api/catalogs/providers/", Role.ADMIN,
                "{\"nombre\":\" EVERGREEN \"}"), 409)).containsExactly("nombre");
        assertThat(errorFields(server.send("POST", "/api/catalogs/providers/", Role.ADMIN,
                "{\"nombre\":\"OTHER\",\"nit\":\"e-1\"}"), 409)).containsExactly("nit");
        assertThat(errorFields(server.send("POST", "/api/catalogs/providers/", Role.ADMIN,
                "{\"nombre\":\"\",\"tipo\":\"x\",\"dias_credito\":-1,\"extra\":1}"), 400))
                .containsExactlyInAnyOrder("nombre", "tipo", "dias_credito", "extra");
        assertThat(server.send("POST", "/api/catalogs/providers/", Role.OPERATIVO, "{\"nombre\":\"NEW\"}")
                .statusCode()).isEqualTo(403);
        assertThat(server.send("DELETE", "/api/catalogs/providers/1/", Role.ADMIN, null).statusCode())
                .isEqualTo(405);
        assertThat(Api.fingerprint(server)).isEqualTo(before);
    }

    @Test
    void createsListsAndGetsClients() {
        HttpResponse<String> r = server.send("POST", "/api/clients/", Role.JEFE_OPERACIONES,
                "{\"original_name\":\"  Banco   Agrícola, S.A.; \",\"short_name\":\"BAGRI\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode c = json(r);
        assertThat(c.get("normalized_name").asText()).isEqualTo("BANCO AGRÍCOLA, S.A");
        assertThat(c.get("usage_count").asInt()).isZero();
        long busy = Api.create(server, "/api/clients/", "{\"original_name\":\"Zeta Corp\"}");
        Api.create(server, "/api/ots/", "{\"numero_ot\":\"C-1\",\"cliente\":" + busy + "}");
        assertThat(names("/api/clients/", "original_name").subList(0, 2))
                .containsExactly("Zeta Corp", "Banco   Agrícola, S.A.;");
        assertThat(names("/api/clients/?search=bagri", "short_name")).containsExactly("BAGRI");
        assertThat(json(server.get("/api/clients/" + c.get("id").asLong(), Role.OPERATIVO)).get("short_name").asText())
                .isEqualTo("BAGRI");
        assertThat(server.get("/api/clients/999999/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(errorFields(server.send("POST", "/api/clients/", Role.ADMIN,
                "{\"original_name\":\"Other\",\"short_name\":\"BAGRI\"}"), 409)).containsExactly("short_name");
        assertThat(errorFields(server.send("POST", "/api/clients/", Role.ADMIN, "{\"short_name\":\"X\"}"), 400))
                .containsExactly("original_name");
        assertThat(errorFields(server.send("POST", "/api/clients/", Role.ADMIN,
                "{\"original_name\":\"" + "x".repeat(501) + "\"}"), 400)).containsExactly("original_name");
    }
}
