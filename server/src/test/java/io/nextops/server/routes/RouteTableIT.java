package io.nextops.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.memory.MemoryMonitor;
import io.nextops.memory.RssProbe;
import io.nextops.server.TestServer;
import io.nextops.server.http.OpenApiDocument;
import io.nextops.web.Json;
import io.nextops.web.Role;
import io.nextops.web.route.Access;
import io.nextops.web.route.Method;
import io.nextops.web.route.Route;
import io.nextops.web.route.RouteTable;
import io.nextops.web.route.Work;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks the route table of the real server and checks, for every route, what each cross-cutting concern reads from
 * it: access without a token and for every role (as the reference's permission rules say), HEAD and the trailing
 * slash, refusal of heavy routes while memory is critical, and that the API document lists exactly these routes.
 * A new route is covered without editing this test. Item routes use an id that does not exist, so nothing changes.
 */
class RouteTableIT {
    private static final long MB = 1024 * 1024;
    private static final String NO_ID = "987654321";
    private static final Set<Role> MANAGERS = EnumSet.of(Role.ADMIN, Role.JEFE_OPERACIONES);
    private static final AtomicLong rss = new AtomicLong(20 * MB);

    static TestServer server;
    static RouteTable table;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("MEMORY_BUDGET_MB", "100"), List.of(), s -> {},
                c -> MemoryMonitor.create(c.memory(), () -> new RssProbe.Reading(rss.get(), 2 * rss.get())));
        table = server.server().getBean(RouteTable.class);
        for (Role role : Role.values()) {
            server.accessToken(role); // log in before the walk
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theTableHasTheOriginalsRoutes() {
        assertThat(table.routes()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(table.routes()).filteredOn(r -> r.work() == Work.HEAVY).extracting(Route::operationId)
                .contains("ots_export", "invoices_export", "invoices_upload", "ots_import_excel");
        assertThat(table.routes()).filteredOn(r -> r.work() == Work.HEAVY)
                .allSatisfy(r -> assertThat(r.reserveBytes()).as(r.toString()).isPositive());
    }

    @TestFactory
    Stream<DynamicTest> everyRouteRefusesCallersItShouldAndAdmitsTheOthers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : table.routes()) {
            tests.add(DynamicTest.dynamicTest(route + " without a token", () -> {
                HttpResponse<String> r = server.send(request(route, path(route), null));
                if (route.access().needsUser()) {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
                    assertThat(json(r).path("code").asText()).isEqualTo("not_authenticated");
                } else {
                    // open routes, and the metrics ones from loopback
                    assertThat(r.statusCode()).as(r.body()).isNotIn(401, 403).isLessThan(500);
                }
            }));
            if (!route.access().needsUser()) {
                continue;
            }
            for (Role role : Role.values()) {
                boolean allowed = allowed(route, role);
                tests.add(DynamicTest.dynamicTest(route + " as " + role.value() + (allowed ? " is allowed" : " is 403"),
                        () -> {
                            HttpResponse<String> r = server.send(request(route, path(route), role));
                            if (allowed) {
                                assertThat(r.statusCode()).as(r.body()).isNotIn(401, 403).isLessThan(500);
                            } else {
                                assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
                                assertThat(json(r).path("code").asText()).isEqualTo("permission_denied");
                            }
                        }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersTheSameWithAndWithoutTheFinalSlashAndHeadLikeGet() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : table.routes()) {
            tests.add(DynamicTest.dynamicTest(route + " with and without the final slash", () -> {
                String canonical = path(route);
                String other = canonical.endsWith("/") ? canonical.substring(0, canonical.length() - 1) : canonical + "/";
                HttpResponse<String> a = server.send(request(route, canonical, Role.ADMIN));
                HttpResponse<String> b = server.send(request(route, other, Role.ADMIN));
                assertThat(b.statusCode()).as(other + ": " + b.body()).isEqualTo(a.statusCode());
                assertThat(a.statusCode()).as(a.body()).isLessThan(500);
                if (route.variables().isEmpty()) {
                    assertThat(a.statusCode()).as("a route without an id is served: " + a.body()).isNotEqualTo(404);
                }
            }));
            if (route.method() == Method.GET) {
                tests.add(DynamicTest.dynamicTest(route + " answers HEAD as GET, without a body", () -> {
                    HttpResponse<String> get = server.send(request(route, path(route), Role.ADMIN));
                    HttpResponse<String> head = server.send(server.request(path(route), Role.ADMIN)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
                    assertThat(head.statusCode()).isEqualTo(get.statusCode());
                    assertThat(head.body()).isEmpty();
                    assertThat(head.headers().firstValue("Content-Type"))
                            .isEqualTo(get.headers().firstValue("Content-Type"));
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void heavyRoutesAreRefusedAtCriticalMemoryAndLightOnesAreNot() {
        List<String> wrong = new ArrayList<>();
        rss.set(90 * MB); // CRITICAL: >= 85% of the 100 MB budget
        try {
            for (Route route : table.routes()) {
                HttpResponse<String> r = server.send(request(route, path(route), Role.ADMIN));
                boolean refused = r.statusCode() == 503 && r.body().contains("\"code\":\"memory_pressure\"");
                if (refused != (route.work() == Work.HEAVY)) {
                    wrong.add(route + " answered " + r.statusCode());
                }
                if (refused && r.headers().firstValue("Retry-After").isEmpty()) {
                    wrong.add(route + " refused without Retry-After");
                }
            }
        } finally {
            rss.set(20 * MB);
        }
        assertThat(wrong).isEmpty();
        // below WARNING again: heavy routes are admitted
        assertThat(server.get("/api/invoices/export-excel/", Role.ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiDocumentListsExactlyTheseRoutes() throws Exception {
        JsonNode doc = Json.MAPPER.readTree(server.get("/api/schema/").body());
        Set<String> routes = new TreeSet<>();
        table.routes().forEach(r -> routes.add(r.method().lowerCase().toUpperCase() + " " + r.template()));
        assertThat(new TreeSet<>(OpenApiDocument.operations(doc))).isEqualTo(routes);
        for (Route r : table.routes()) {
            JsonNode op = doc.path("paths").path(r.template()).path(r.method().lowerCase());
            assertThat(op.path("x-access").asText()).as(r.toString()).isEqualTo(r.access().name().toLowerCase());
            assertThat(op.path("x-work").asText()).as(r.toString()).isEqualTo(r.work().name().toLowerCase());
        }
    }

    /**
     * The reference's rules (nextops-domain.md section 6): reads and exports any role; create, delete, uploads and
     * imports managers only; update and patch managers, and finanzas for its fields (an empty body names none);
     * operativo may change nothing.
     */
    private static boolean allowed(Route route, Role role) {
        if (route.access() == Access.MANAGER) {
            return MANAGERS.contains(role);
        }
        if (route.method() == Method.PUT || route.method() == Method.PATCH) {
            return role != Role.OPERATIVO;
        }
        return true;
    }

    private static String path(Route route) {
        return route.template().replace("{id}", NO_ID);
    }

    private static HttpRequest request(Route route, String path, Role role) {
        HttpRequest.Builder b = role == null ? HttpRequest.newBuilder(server.uri(path)) : server.request(path, role);
        if (route.method() == Method.GET || route.method() == Method.DELETE) {
            b.method(route.method().name(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(route.method().name(),
                    HttpRequest.BodyPublishers.ofString("{}"));
        }
        return b.build();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }
}
