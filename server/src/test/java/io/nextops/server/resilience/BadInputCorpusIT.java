package io.nextops.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nextops.web.Role;
import io.nextops.server.SeedDemoCommand;
import io.nextops.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Replays the bad-input {@link Corpus} against a real server over raw sockets: every case must be refused with a 4xx
 * (or, where stated, match or store nothing), never a 5xx, never a stack trace or exception text, always the JSON
 * envelope when there is a body; a client that stalls is cut off at the idle timeout without holding a worker; and
 * after the whole corpus the database (row counts and content of the domain tables) and the upload store are as
 * before. Cases of endpoints the server does not have yet are skipped and listed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusIT {
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final Pattern ROWS = Pattern.compile("_(\\d+)_registros");
    private static final Pattern PROCESSED = Pattern.compile("\"processed\"\\s*:\\s*(\\d+)");
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "at io.nextops", "at org.", "SQLState",
            "org.postgresql", "jdbc:", "syntax error", "stack");

    private Path dataDir;

    private TestServer server;
    private String adminToken;
    private String operativoToken;
    private long providerId;
    private Map<String, String> before;
    private final Map<String, Boolean> available = new LinkedHashMap<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<String> skipped = new ArrayList<>();
    private long totalInvoices;
    private long totalOts;
    private Corpus.Tokens tokens;

    @BeforeAll
    void start() throws Exception {
        dataDir = java.nio.file.Files.createTempDirectory("nextops-resilience-");
        server = TestServer.start(Map.of("KEEPALIVE", "2", "NEXTOPS_DATA_DIR", dataDir.toString(),
                "LOGIN_MAX_FAILURES_PER_ADDRESS", "1000", "LOGIN_MAX_FAILURES_PER_USERNAME", "1000"), s -> {});
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int seeded = SeedDemoCommand.seedInto(server.database(), new String[] {"--invoices", "60", "--ots", "30",
                "--seed", "7"}, new PrintStream(log, true), new PrintStream(log, true));
        assertThat(seeded).as(log.toString()).isZero();
        adminToken = server.accessToken(Role.ADMIN);
        operativoToken = server.accessToken(Role.OPERATIVO);
        providerId = Fingerprint.scalar(server, "SELECT min(id) FROM catalogs_provider");
        totalInvoices = Fingerprint.scalar(server, "SELECT count(*) FROM invoices_invoice WHERE NOT is_deleted");
        totalOts = Fingerprint.scalar(server, "SELECT count(*) FROM ots WHERE NOT is_deleted");
        tokens = tokens();
        probe();
        before = Fingerprint.of(server, dataDir);
    }

    /** Which endpoints exist: a well-formed request answered 404 (or 405 on the only method) means not yet. */
    private void probe() {
        available.put(Corpus.INVOICES, true);
        available.put(Corpus.OTS, true);
        available.put(Corpus.CATALOGS, true);
        available.put(Corpus.TOKEN, true);
        available.put(Corpus.PROTOCOL, true);
        available.put(Corpus.EXPORT, server.get("/api/invoices/export-excel/?format=csv&proveedor=999999999",
                Role.ADMIN).statusCode() != 404);
        available.put(Corpus.UPLOAD, Fingerprint.endpointExists(server, "/api/invoices/upload/"));
        available.put(Corpus.IMPORT, Fingerprint.endpointExists(server, "/api/ots/import_excel/"));
    }


    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyCaseIsRefusedCleanly() throws Exception {
        long invoiceId = Fingerprint.scalar(server, "SELECT min(id) FROM invoices_invoice");
        long otId = Fingerprint.scalar(server, "SELECT min(id) FROM ots");
        List<BadRequest> cases = Corpus.cases(tokens, invoiceId, otId);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> replay(c)));
    }

    private void replay(BadRequest c) throws Exception {
        if (!available.getOrDefault(c.endpoint, false)) {
            skipped.add(c.toString());
            assumeTrue(false, "endpoint " + c.endpoint + " not registered yet");
        }
        byte[] head = c.head(adminToken);
        String headText = new String(head, StandardCharsets.UTF_8).replace("{operativo}", operativoToken);
        byte[] body = new String(c.body, StandardCharsets.UTF_8).replace("{provider}", Long.toString(providerId))
                .getBytes(StandardCharsets.UTF_8);
        if (c.contentLength == null && !c.noContentLength && c.rawHead == null) {
            headText = headText.replaceFirst("Content-Length: \\d+", "Content-Length: " + body.length);
        }
        int send = c.sendBytes < 0 ? body.length : c.sendBytes;
        Map<String, String> pre = Fingerprint.counts(server, dataDir);
        RawHttp.Answer a = RawHttp.exchange(server.port(), headText.getBytes(StandardCharsets.UTF_8), body, send,
                c.stallMillis, 15_000);
        synchronized (outcomes) {
            outcomes.merge(a.status() <= 0 ? "closed" : Integer.toString(a.status()), 1, Integer::sum);
        }
        assertThat(a.status()).as("answered within 15 s: %s", a).isNotEqualTo(-1);
        if (c.stallMillis > 0 || c.contentLength != null) {
            Thread.sleep(300); // a cut-off upload cleans up after the answer
        }
        Map<String, String> post = Fingerprint.counts(server, dataDir);
        // a refused upload stores nothing, not even the files sent before proveedor_id (UploadBatch.undo())
        assertThat(post).as("database and upload store unchanged by %s: %s", c, a).isEqualTo(pre);
        if (c.expect != BadRequest.Expect.VERSION_NOT_SUPPORTED) {
            assertThat(a.status()).as("never a 5xx: %s", a).isLessThan(500);
        }
        for (String leak : LEAKS) {
            assertThat(a.body()).as("no internals in the body: %s", a).doesNotContain(leak);
        }
        switch (c.expect) {
            case VERSION_NOT_SUPPORTED -> assertThat(a.status()).as("505: %s", a).isEqualTo(505);
            case CLIENT_ERROR -> assertThat(a.status()).as("a 4xx: %s", a).isBetween(400, 499);
            case CLIENT_ERROR_OR_CLOSED -> {
                if (!a.closedWithoutAnswer()) {
                    assertThat(a.status()).as("a 4xx or closed: %s", a).isBetween(400, 499);
                }
                assertThat(a.millis()).as("cut off near the idle timeout").isLessThan(12_000);
            }
            case NO_MATCH -> {
                if (a.status() == 200) {
                    String disposition = a.header("Content-Disposition");
                    Matcher m = disposition != null ? ROWS.matcher(disposition) : COUNT.matcher(a.body());
                    assertThat(m.find()).as("a page envelope or an export file name with its count: %s", a).isTrue();
                    {
                        long count = Long.parseLong(m.group(1));
                        boolean wildcard = c.name.endsWith("=%") || c.name.endsWith("=_") || c.name.endsWith("=\\");
                        boolean ots = c.name.startsWith("ots ") || c.name.startsWith("OT export");
                        if (wildcard) {
                            assertThat(count).as("a wildcard is a literal, not 'everything': %s", a)
                                    .isLessThan(ots ? totalOts : totalInvoices);
                        } else {
                            assertThat(count).as("matched nothing: %s", a).isZero();
                        }
                    }
                } else {
                    assertThat(a.status()).as("a 4xx or an empty match: %s", a).isBetween(400, 499);
                }
            }
            case NOTHING_STORED -> {
                if (a.status() / 100 == 2) {
                    Matcher m = PROCESSED.matcher(a.body());
                    assertThat(m.find() && Long.parseLong(m.group(1)) == 0).as("stored nothing: %s", a).isTrue();
                } else {
                    assertThat(a.status()).as("a 4xx: %s", a).isBetween(400, 499);
                }
            }
        }
        if (a.status() >= 400 && !a.body().isEmpty()) {
            assertThat(a.header("Content-Type")).as("JSON envelope: %s", a).contains("application/json");
            assertThat(a.body()).as("JSON envelope: %s", a).contains("\"code\"");
        }
    }

    @Test
    @Order(2)
    void databaseAndUploadStoreAreUnchangedAndNoWorkerIsHeld() throws Exception {
        Map<String, String> after = Fingerprint.of(server, dataDir);
        // refused uploads store nothing (UploadBatch.undo()): the whole fingerprint, file rows and blobs included
        assertThat(after).as("domain tables and upload store unchanged (content md5)").isEqualTo(before);
        assertThat(Fingerprint.files(dataDir.resolve("files"))).as("no temp file").noneMatch(f -> f.startsWith("tmp/"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        double busy;
        do {
            busy = Fingerprint.busyWorkers(server);
        } while (busy > 0 && System.nanoTime() < deadline && sleep());
        assertThat(busy).as("no worker still held by a stalled client").isZero();
        assertThat(Fingerprint.activeConnections(server)).isZero();
        assertThat(server.get("/api/invoices/?page_size=1", Role.ADMIN).statusCode()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        System.out.println("bad-input corpus: answers by status " + outcomes + "; endpoints " + available
                + "; skipped " + skipped.size() + " case(s) of absent endpoints");
        if (server != null) {
            server.close();
        }
        Fingerprint.deleteTree(dataDir);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Corpus.Tokens tokens() throws Exception {
        long adminId = Fingerprint.scalar(server, "SELECT id FROM accounts_user WHERE username = 'test-admin'");
        long now = System.currentTimeMillis() / 1000;
        String refresh = refreshToken();
        return new Corpus.Tokens(
                jwt("HS256", TestServer.JWT_SECRET, "access", adminId, now - 7200, now - 3600),
                jwt("HS256", "another-secret-of-at-least-32-bytes-000000000", "access", adminId, now, now + 3600),
                refresh,
                jwt("none", null, "access", adminId, now, now + 3600),
                jwt("HS256", TestServer.JWT_SECRET, "access", 987_654_321L, now, now + 3600));
    }

    private String refreshToken() {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/token/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"test-admin\",\"password\":\"test-password\"}"))
                .build());
        Matcher m = Pattern.compile("\"refresh\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    static String jwt(String alg, String secret, String type, long userId, long iat, long exp) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"token_type\":\"" + type + "\",\"exp\":" + exp + ",\"iat\":" + iat
                + ",\"jti\":\"corpus" + System.nanoTime() + "\",\"user_id\":" + userId + "}")
                .getBytes(StandardCharsets.UTF_8));
        if (secret == null) {
            return header + "." + payload + ".";
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + payload + "." + b64.encodeToString(mac.doFinal((header + "." + payload)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
