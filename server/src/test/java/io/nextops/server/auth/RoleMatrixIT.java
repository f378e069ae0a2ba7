package io.nextops.server.auth;

import io.nextops.web.route.RouteTable;
import static io.nextops.web.Role.ADMIN;
import static io.nextops.web.Role.FINANZAS;
import static io.nextops.web.Role.JEFE_OPERACIONES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every role against every endpoint and method, plus no token at all. To cover a new endpoint, add a {@link Row}.
 * Rows for a path no servlet serves yet are skipped (reported as aborted), so the table may run ahead of the domain
 * modules. Item rows use an id that does not exist: the domain servlets check permission before they look the row
 * up, so a denied role gets 403 and an allowed one anything but 401/403 (404, or 400 for an incomplete body).
 */
class RoleMatrixIT {
    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    static final Set<Role> MANAGERS = EnumSet.of(ADMIN, JEFE_OPERACIONES);
    static final Set<Role> MANAGERS_AND_FINANCE = EnumSet.of(ADMIN, JEFE_OPERACIONES, FINANZAS);
    static final String NO_ID = "987654321";

    /** One request and the roles that may make it. {@code body} null: none. */
    record Row(String method, String path, String body, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body);
        }
    }

    static final List<Row> ROWS = List.of(
            // a servlet that asks Caller exactly as the domain servlets do: always mounted in this test
            new Row("GET", "/api/test-caller/", null, ALL),
            new Row("POST", "/api/test-caller/", "{}", MANAGERS),
            new Row("PATCH", "/api/test-caller/1/", "{\"notas\":\"x\"}", MANAGERS_AND_FINANCE),
            new Row("PATCH", "/api/test-caller/1/", "{\"notas\":\"x\",\"nombre\":\"y\"}", MANAGERS),
            new Row("DELETE", "/api/test-caller/1/", null, MANAGERS),

            // work orders: finanzas may patch estado, estado_provision, estado_facturado, fecha_provision,
            // fecha_recepcion_factura, provision_hierarchy, comentarios
            new Row("GET", "/api/ots/", null, ALL),
            new Row("GET", "/api/ots/" + NO_ID + "/", null, ALL),
            new Row("POST", "/api/ots/", "{}", MANAGERS),
            new Row("PATCH", "/api/ots/" + NO_ID + "/", "{\"comentarios\":\"matrix\"}", MANAGERS_AND_FINANCE),
            new Row("PATCH", "/api/ots/" + NO_ID + "/", "{\"estado_provision\":\"pendiente\"}", MANAGERS_AND_FINANCE),
            new Row("PATCH", "/api/ots/" + NO_ID + "/", "{\"master_bl\":\"MATRIX\"}", MANAGERS),
            new Row("PATCH", "/api/ots/" + NO_ID + "/", "{\"comentarios\":\"x\",\"master_bl\":\"MATRIX\"}", MANAGERS),
            new Row("DELETE", "/api/ots/" + NO_ID + "/", null, MANAGERS),

            // invoices: finanzas may patch estado_provision, estado_facturacion, estado_pago, monto_pagado,
            // fecha_pago, notas
            new Row("GET", "/api/invoices/", null, ALL),
            new Row("GET", "/api/invoices/" + NO_ID + "/", null, ALL),
            new Row("POST", "/api/invoices/", "{}", MANAGERS),
            new Row("PATCH", "/api/invoices/" + NO_ID + "/", "{\"notas\":\"matrix\"}", MANAGERS_AND_FINANCE),
            new Row("PATCH", "/api/invoices/" + NO_ID + "/", "{\"estado_pago\":\"pagado\"}", MANAGERS_AND_FINANCE),
            new Row("PATCH", "/api/invoices/" + NO_ID + "/", "{\"numero_factura\":\"MATRIX-1\"}", MANAGERS),
            new Row("PUT", "/api/invoices/" + NO_ID + "/", "{\"numero_factura\":\"MATRIX-1\"}", MANAGERS),
            new Row("DELETE", "/api/invoices/" + NO_ID + "/", null, MANAGERS),

            // catalogs
            new Row("GET", "/api/catalogs/providers/", null, ALL),
            new Row("GET", "/api/catalogs/providers/" + NO_ID + "/", null, ALL),
            new Row("POST", "/api/catalogs/providers/", "{}", MANAGERS),
            new Row("GET", "/api/clients/", null, ALL),
            new Row("GET", "/api/clients/" + NO_ID + "/", null, ALL),
            new Row("POST", "/api/clients/", "{}", MANAGERS),
            new Row("GET", "/api/catalogs/cost-types/", null, ALL));

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CallerEchoServlet.routes());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleAgainstEveryEndpoint() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : ROWS) {
            for (Role role : Role.values()) {
                boolean allowed = row.allowed().contains(role);
                tests.add(DynamicTest.dynamicTest(row + " as " + role.value() + (allowed ? " is allowed" : " is 403"),
                        () -> {
                            assumeServed(row.path());
                            HttpResponse<String> r = server.send(request(row, role));
                            if (allowed) {
                                assertThat(r.statusCode()).as(r.body()).isNotIn(401, 403).isLessThan(500);
                            } else {
                                assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
                                assertThat(AuthHttp.json(r).get("code").asText()).isEqualTo("permission_denied");
                            }
                        }));
            }
            tests.add(DynamicTest.dynamicTest(row + " without a token is 401", () -> {
                assumeServed(row.path());
                HttpResponse<String> r = server.send(request(row, null));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
                assertThat(AuthHttp.json(r).get("code").asText()).isEqualTo("not_authenticated");
            }));
        }
        return tests.stream();
    }

    /** Which rows ran: printed so that a skipped endpoint is visible in the build output. */
    @TestFactory
    Stream<DynamicTest> reportsWhichEndpointsAreServed() {
        String served = ROWS.stream().map(Row::path).distinct()
                .map(p -> (isServed(p) ? "served   " : "not yet  ") + p).collect(Collectors.joining("\n  "));
        System.out.println("RoleMatrixIT endpoints:\n  " + served);
        return Stream.of(DynamicTest.dynamicTest("the reference resource is served",
                () -> assertThat(isServed(CallerEchoServlet.PATH)).isTrue()));
    }

    private static HttpRequest request(Row row, Role role) {
        HttpRequest.Builder b = role == null ? HttpRequest.newBuilder(server.uri(row.path())) : server.request(row.path(), role);
        if (row.body() == null) {
            b.method(row.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(row.method(), HttpRequest.BodyPublishers.ofString(row.body()));
        }
        return b.build();
    }

    private static void assumeServed(String path) {
        assumeTrue(isServed(path), () -> "no servlet serves " + path + " yet");
    }

    static boolean isServed(String path) {
        RouteTable.Match m = server.server().getBean(RouteTable.class).match("GET", path);
        return m.found() || m.wrongMethod();
    }
}
