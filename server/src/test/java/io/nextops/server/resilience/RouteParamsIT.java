package io.nextops.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.server.TestServer;
import io.nextops.web.Json;
import io.nextops.web.Role;
import io.nextops.web.route.Method;
import io.nextops.web.route.Param;
import io.nextops.web.route.Route;
import io.nextops.web.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * The bad-input test generated from the route table: for every route of the running server and every query parameter
 * it declares, malformed values derived from the parameter's {@link Param.Type} (bytes that are not UTF-8, NUL,
 * overlong, non-ASCII digits, out-of-range numbers and dates, wrong types, choices with a trailing NUL or space, a
 * duplicate with one bad value) must each be answered 4xx with the envelope naming the parameter; every route also
 * refuses malformed bytes in a parameter it does not declare. The database (row count and content of the domain
 * tables) and the upload store are unchanged afterwards, and the server logged no stack trace. A new route or
 * parameter is covered without editing this test; a new {@link Param.Type} fails it until it has generators.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteParamsIT {
    private static final String NO_ID = "987654321";
    /** Bad for every type: not UTF-8 (invalid byte, overlong, lone surrogate, truncated), bad escape, NUL, too long. */
    private static final List<String> ANY = List.of("%FF", "%C0%AF", "%ED%A0%80", "%E2%82", "%", "%G1", "a%00",
            "%00", "x".repeat(256));
    private static final Map<Param.Type, List<String>> BAD = new EnumMap<>(Param.Type.class);

    static {
        BAD.put(Param.Type.TEXT, List.of());
        BAD.put(Param.Type.TEXT_LIST, List.of());
        BAD.put(Param.Type.FLAG, List.of());
        BAD.put(Param.Type.ID, List.of("%D9%A1%D9%A2", "%EF%BC%91", "%E0%A5%A7", "0", "-1", "+1", "1_0", "1.0",
                "1e3", "abc", "true", "9999999999999999999", "1234567890123456789", "%201", "1%20"));
        BAD.put(Param.Type.INTEGER, List.of("%D9%A1", "%EF%BC%91", "2147483648", "-99999999999", "1.5", "abc", "%205"));
        BAD.put(Param.Type.DATE, List.of("0000-01-01", "10000-01-01", "+10000-01-01", "-0001-01-01", "2024-02-30",
                "2023-02-29", "2024-13-01", "2024-1-1", "2024-01-01T00:00", "%D9%A2024-01-01", "01/02/2024", "12"));
        // CHOICE, CHOICE_LIST and ORDERING get theirs from the declared choices (see cases)
        BAD.put(Param.Type.CHOICE, List.of("no_such_choice", "%20"));
        BAD.put(Param.Type.CHOICE_LIST, List.of("no_such_choice"));
        BAD.put(Param.Type.ORDERING, List.of("no_such_field", "-no_such_field", "(select%201)"));
    }

    private Path dataDir;
    private TestServer server;
    private RouteTable table;
    private String token;
    private Map<String, String> before;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private int requests;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("nextops-params-");
        server = TestServer.start(Map.of("NEXTOPS_DATA_DIR", dataDir.toString()), s -> {});
        table = server.server().getBean(RouteTable.class);
        token = server.accessToken(Role.ADMIN);
        server.get("/api/invoices/?page_size=1", Role.ADMIN); // warm up
        before = Fingerprint.of(server, dataDir);
        log.start();
        root.addAppender(log);
    }

    @AfterAll
    void stop() throws Exception {
        root.detachAppender(log);
        System.out.println("route-params: " + requests + " malformed requests over " + table.routes().size()
                + " routes");
        server.close();
        Fingerprint.deleteTree(dataDir);
    }

    @Test
    @Order(0)
    void everyParameterTypeHasGenerators() {
        assertThat(BAD.keySet()).isEqualTo(EnumSet.allOf(Param.Type.class));
        for (Param.Type type : Param.Type.values()) {
            assertThat(cases(new Param("p", type, needsChoices(type) ? List.of("a") : List.of(), "")))
                    .as(type.name()).hasSizeGreaterThan(ANY.size());
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyDeclaredParameterRefusesMalformedValues() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : table.routes()) {
            for (Param p : route.params()) {
                tests.add(DynamicTest.dynamicTest(route.operationId() + " ?" + p.name() + " (" + p.type() + ")",
                        () -> {
                            for (String query : cases(p)) {
                                refused(route, query, p.name());
                            }
                        }));
            }
            tests.add(DynamicTest.dynamicTest(route.operationId() + " refuses bytes that are not UTF-8 anywhere",
                    () -> refused(route, "not_declared_anywhere=%FF%FE", "not_declared_anywhere")));
        }
        return tests.stream();
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyJsonBodyRouteRefusesADuplicateKey() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : table.routes()) {
            if (route.method() == Method.GET || route.method() == Method.DELETE) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(route.operationId() + " with a duplicate JSON key", () -> {
                Map<String, String> pre = Fingerprint.counts(server, dataDir);
                byte[] json = "{\"notas\":\"a\",\"notas\":\"b\"}".getBytes(StandardCharsets.UTF_8);
                String head = route.method().name() + " " + route.template().replace("{id}", NO_ID)
                        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
                RawHttp.Answer a = RawHttp.exchange(server.port(), head.getBytes(StandardCharsets.ISO_8859_1), json,
                        json.length, 0, 15_000);
                assertThat(a.status()).as(a.toString()).isBetween(400, 499);
                if (a.status() == 400) {
                    assertThat(a.body()).as(a.toString()).contains("\"field\":\"notas\"");
                }
                assertThat(Fingerprint.counts(server, dataDir)).isEqualTo(pre);
            }));
        }
        return tests.stream();
    }

    @Test
    @Order(2)
    void nothingWasStoredAndNoStackTraceWasLogged() {
        assertThat(Fingerprint.of(server, dataDir)).isEqualTo(before);
        assertThat(Fingerprint.files(dataDir.resolve("files"))).noneMatch(f -> f.startsWith("tmp/"));
        List<String> traces = log.list.stream().filter(e -> e.getThrowableProxy() != null
                || e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
        assertThat(traces).as("no error or stack trace logged for client mistakes").isEmpty();
    }

    /** The malformed queries for {@code p}: each one value, plus duplicates that hide one bad value. */
    static List<String> cases(Param p) {
        List<String> values = new ArrayList<>(ANY);
        values.addAll(BAD.get(p.type()));
        if (needsChoices(p.type())) {
            String first = p.choices().get(0);
            values.addAll(List.of(first + "%00", first + "%09", "%09" + first, enc(first) + "%C0", first + "%0A"));
            if (p.type() == Param.Type.CHOICE) {
                // comma-separated terms drop the spaces around them (DRF's OrderingFilter); a single choice does not
                values.addAll(List.of(first + "%20", "%20" + first));
            }
            if (p.type() == Param.Type.ORDERING) {
                values.addAll(List.of("--" + first, first + ",no_such_field"));
            }
        }
        List<String> queries = new ArrayList<>();
        for (String v : values) {
            queries.add(p.name() + "=" + v);
        }
        String good = valid(p);
        queries.add(p.name() + "=" + good + "&" + p.name() + "=" + values.get(0));
        queries.add(p.name() + "=" + values.get(values.size() - 1) + "&" + p.name() + "=" + good);
        return queries;
    }

    private static boolean needsChoices(Param.Type type) {
        return type == Param.Type.CHOICE || type == Param.Type.CHOICE_LIST || type == Param.Type.ORDERING;
    }

    private static String valid(Param p) {
        return switch (p.type()) {
            case TEXT, TEXT_LIST -> "x";
            case FLAG -> "true";
            case ID, INTEGER -> "1";
            case DATE -> "2024-01-01";
            case CHOICE, CHOICE_LIST, ORDERING -> enc(p.choices().get(0));
        };
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void refused(Route route, String query, String field) throws Exception {
        Map<String, String> pre = Fingerprint.counts(server, dataDir);
        String path = route.template().replace("{id}", NO_ID) + "?" + query;
        boolean body = route.method() != Method.GET && route.method() != Method.DELETE;
        byte[] json = body ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        String head = route.method().name() + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nConnection: close\r\n"
                + (body ? "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n" : "") + "\r\n";
        RawHttp.Answer a = RawHttp.exchange(server.port(), head.getBytes(StandardCharsets.ISO_8859_1), json,
                json.length, 0, 15_000);
        requests++;
        assertThat(a.status()).as("%s %s: %s", route, query, a).isBetween(400, 499);
        assertThat(a.header("Content-Type")).as("%s: %s", query, a).contains("application/json");
        JsonNode envelope = Json.MAPPER.readTree(a.body());
        assertThat(envelope.path("code").asText()).as(a.toString()).isNotEmpty();
        List<String> fields = new ArrayList<>();
        envelope.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as("%s %s names the parameter: %s", route, query, a).contains(field);
        assertThat(Fingerprint.counts(server, dataDir)).as("%s %s stored nothing", route, query).isEqualTo(pre);
    }
}
