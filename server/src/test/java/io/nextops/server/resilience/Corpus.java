package io.nextops.server.resilience;

import static io.nextops.server.resilience.BadRequest.Expect.CLIENT_ERROR_OR_CLOSED;
import static io.nextops.server.resilience.BadRequest.Expect.NOTHING_STORED;
import static io.nextops.server.resilience.BadRequest.Expect.NO_MATCH;

import io.nextops.server.resilience.BadRequest.Auth;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bad-input corpus: malformed and hostile requests for every endpoint, as a table. To add a case, add a line to
 * the section of its endpoint. Endpoint tags are the keys {@link BadInputCorpusIT} probes before the run.
 */
final class Corpus {
    static final String INVOICES = "invoices";
    static final String OTS = "ots";
    static final String CATALOGS = "catalogs";
    static final String TOKEN = "token";
    static final String EXPORT = "export";
    static final String UPLOAD = "upload";
    static final String IMPORT = "import";
    static final String PROTOCOL = "protocol";

    /** SQL metacharacters and LIKE wildcards sent in every text filter. */
    static final List<String> INJECTIONS = List.of("' OR 1=1 --", ";DROP TABLE invoices_invoice;--", "%", "_", "\\",
            "zz\u0000zz", "\uD83D\uDCA3' UNION SELECT password FROM accounts_user --");

    private Corpus() {}

    /** Tokens the corpus needs, made by the test: expired, forged, refresh, alg none, unknown user. */
    record Tokens(String expired, String forged, String refresh, String algNone, String unknownUser) {}

    static List<BadRequest> cases(Tokens t, long invoiceId, long otId) {
        List<BadRequest> c = new ArrayList<>();
        auth(c, t);
        token(c, t);
        json(c, invoiceId, otId);
        pages(c);
        filters(c);
        paths(c);
        methods(c);
        uploads(c);
        imports(c);
        protocol(c);
        return c;
    }

    private static void auth(List<BadRequest> c, Tokens t) {
        for (String target : List.of("/api/invoices/", "/api/ots/export-excel/?format=csv")) {
            String ep = target.contains("export") ? EXPORT : INVOICES;
            c.add(BadRequest.of(ep, "no token " + target).get(target).auth(Auth.NONE));
            c.add(BadRequest.of(ep, "expired token " + target).get(target).bearer(t.expired()));
            c.add(BadRequest.of(ep, "token signed with another key " + target).get(target).bearer(t.forged()));
            c.add(BadRequest.of(ep, "alg none token " + target).get(target).bearer(t.algNone()));
            c.add(BadRequest.of(ep, "refresh token as access " + target).get(target).bearer(t.refresh()));
        }
        c.add(BadRequest.of(INVOICES, "token of a user that does not exist").get("/api/invoices/").bearer(t.unknownUser()));
        c.add(BadRequest.of(INVOICES, "garbage bearer").get("/api/invoices/").bearer("not.a.jwt"));
        c.add(BadRequest.of(INVOICES, "empty bearer").get("/api/invoices/").auth(Auth.NONE).header("Authorization: Bearer"));
        c.add(BadRequest.of(INVOICES, "basic auth").get("/api/invoices/").auth(Auth.NONE)
                .header("Authorization: Basic YWRtaW46YWRtaW4="));
        c.add(BadRequest.of(INVOICES, "16 KB token").get("/api/invoices/").bearer("a".repeat(16 * 1024)));
        c.add(BadRequest.of(UPLOAD, "upload without token").call("POST", "/api/invoices/upload/").auth(Auth.NONE)
                .body("multipart/form-data; boundary=x", "--x--\r\n".getBytes(StandardCharsets.UTF_8)));
        c.add(BadRequest.of(INVOICES, "create without token").call("POST", "/api/invoices/").auth(Auth.NONE).json("{}"));
        c.add(BadRequest.of(INVOICES, "delete with expired token").call("DELETE", "/api/invoices/1/").bearer(t.expired()));
    }

    private static void token(List<BadRequest> c, Tokens t) {
        String p = "/api/token/";
        c.add(BadRequest.of(TOKEN, "login invalid JSON").call("POST", p).auth(Auth.NONE).json("{\"username\":"));
        c.add(BadRequest.of(TOKEN, "login JSON array").call("POST", p).auth(Auth.NONE).json("[]"));
        c.add(BadRequest.of(TOKEN, "login wrong types").call("POST", p).auth(Auth.NONE).json("{\"username\":1,\"password\":[]}"));
        c.add(BadRequest.of(TOKEN, "login missing password").call("POST", p).auth(Auth.NONE).json("{\"username\":\"admin\"}"));
        c.add(BadRequest.of(TOKEN, "login empty body").call("POST", p).auth(Auth.NONE).json(""));
        c.add(BadRequest.of(TOKEN, "login injection").call("POST", p).auth(Auth.NONE)
                .json("{\"username\":\"' OR 1=1 --\",\"password\":\"' OR '1'='1\"}"));
        c.add(BadRequest.of(TOKEN, "login 100 KB username").call("POST", p).auth(Auth.NONE)
                .json("{\"username\":\"" + "u".repeat(100_000) + "\",\"password\":\"x\"}"));
        c.add(BadRequest.of(TOKEN, "login NUL and emoji username").call("POST", p).auth(Auth.NONE)
                .json("{\"username\":\"adm\\u0000in\uD83D\uDE00\",\"password\":\"x\"}"));
        c.add(BadRequest.of(TOKEN, "login form-encoded").call("POST", p).auth(Auth.NONE)
                .body("application/x-www-form-urlencoded", "username=admin&password=x".getBytes(StandardCharsets.UTF_8)));
        c.add(BadRequest.of(TOKEN, "login via GET").get(p).auth(Auth.NONE));
        c.add(BadRequest.of(TOKEN, "refresh garbage").call("POST", "/api/token/refresh/").auth(Auth.NONE)
                .json("{\"refresh\":\"garbage\"}"));
        c.add(BadRequest.of(TOKEN, "refresh with an expired access token").call("POST", "/api/token/refresh/")
                .auth(Auth.NONE).json("{\"refresh\":\"" + t.expired() + "\"}"));
        c.add(BadRequest.of(TOKEN, "refresh wrong type").call("POST", "/api/token/refresh/").auth(Auth.NONE)
                .json("{\"refresh\":12345}"));
        c.add(BadRequest.of(TOKEN, "refresh invalid JSON").call("POST", "/api/token/refresh/").auth(Auth.NONE)
                .json("{{{"));
    }

    private static void json(List<BadRequest> c, long invoiceId, long otId) {
        List<String[]> targets = List.of(
                new String[] {INVOICES, "POST", "/api/invoices/"},
                new String[] {OTS, "POST", "/api/ots/"},
                new String[] {CATALOGS, "POST", "/api/catalogs/providers/"},
                new String[] {CATALOGS, "POST", "/api/clients/"},
                new String[] {INVOICES, "PATCH", "/api/invoices/" + invoiceId + "/"},
                new String[] {INVOICES, "PUT", "/api/invoices/" + invoiceId + "/"},
                new String[] {OTS, "PATCH", "/api/ots/" + otId + "/"});
        for (String[] t : targets) {
            String ep = t[0];
            String m = t[1];
            String p = t[2];
            String label = m + " " + p.replaceAll("\\d+", "{id}");
            c.add(BadRequest.of(ep, label + " invalid JSON").call(m, p).json("{\"notas\": "));
            c.add(BadRequest.of(ep, label + " JSON array").call(m, p).json("[1,2]"));
            c.add(BadRequest.of(ep, label + " JSON null").call(m, p).json("null"));
            c.add(BadRequest.of(ep, label + " wrong content type").call(m, p)
                    .body("text/plain", "{\"notas\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
            c.add(BadRequest.of(ep, label + " unknown field only").call(m, p).json("{\"hacker_field\": true}"));
            if (!m.equals("POST") || ep.equals(INVOICES)) {
                c.add(BadRequest.of(ep, label + " wrong types").call(m, p)
                        .json(ep.equals(OTS) ? "{\"fecha_eta\": 12, \"contenedores\": \"x\"}"
                                : "{\"monto\": \"abc\", \"fecha_emision\": true, \"proveedor\": \"x\"}"));
                c.add(BadRequest.of(ep, label + " huge number").call(m, p)
                        .json(ep.equals(OTS) ? "{\"proveedor\": 1e400}" : "{\"monto\": 1e400}"));
            }
        }
        c.add(BadRequest.of(INVOICES, "PATCH invoice 25-digit amount").call("PATCH", "/api/invoices/" + invoiceId + "/")
                .json("{\"monto\": 9999999999999999999999999.99}"));
        c.add(BadRequest.of(INVOICES, "PATCH invoice NUL in notes").call("PATCH", "/api/invoices/" + invoiceId + "/")
                .json("{\"notas\": \"a\\u0000b\", \"monto\": -5}"));
        c.add(BadRequest.of(OTS, "PATCH OT bad container").call("PATCH", "/api/ots/" + otId + "/")
                .json("{\"contenedores\": [\"'; DROP TABLE ots;--\"]}"));
        c.add(BadRequest.of(INVOICES, "POST invoice 2 MB notes").call("POST", "/api/invoices/")
                .json("{\"notas\": \"" + "x".repeat(2_000_000) + "\"}"));
    }

    private static void pages(List<BadRequest> c) {
        for (String base : List.of("/api/invoices/", "/api/ots/", "/api/catalogs/providers/", "/api/clients/")) {
            String ep = base.contains("invoices") ? INVOICES : base.contains("ots") ? OTS : CATALOGS;
            for (String q : List.of("page_size=10001", "page_size=0", "page_size=-1", "page_size=abc",
                    "page=999999999999", "page=0", "page=abc", "page=99999999999999999999999")) {
                c.add(BadRequest.of(ep, "GET " + base + "?" + q).get(base + "?" + q));
            }
        }
        c.add(BadRequest.of(INVOICES, "unknown ordering").get("/api/invoices/?ordering=password"));
        c.add(BadRequest.of(INVOICES, "ordering injection").get("/api/invoices/?ordering=" + enc("id; DROP TABLE x")));
        c.add(BadRequest.of(OTS, "unknown ordering").get("/api/ots/?ordering=" + enc("(select 1)")));
    }

    private static void filters(List<BadRequest> c) {
        List<String> invoiceFilters = List.of("search", "estado_pago", "proveedor_nombre", "ot",
                "ot_number", "proveedor", "estado_provision", "fecha_emision_desde", "tipo_costo");
        List<String> otFilters = List.of("search", "numero_ot", "cliente", "contenedor", "mbl", "operativo",
                "puerto_destino", "proveedor", "estado", "tipo_operacion");
        for (String f : invoiceFilters) {
            for (String v : INJECTIONS) {
                c.add(BadRequest.of(INVOICES, "invoices " + f + "=" + printable(v))
                        .get("/api/invoices/?" + f + "=" + enc(v)).expect(NO_MATCH));
            }
        }
        for (String f : otFilters) {
            for (String v : INJECTIONS.subList(0, 5)) {
                c.add(BadRequest.of(OTS, "ots " + f + "=" + printable(v)).get("/api/ots/?" + f + "=" + enc(v))
                        .expect(NO_MATCH));
            }
        }
        for (String v : INJECTIONS.subList(0, 3)) {
            c.add(BadRequest.of(CATALOGS, "providers search=" + printable(v))
                    .get("/api/catalogs/providers/?search=" + enc(v)).expect(NO_MATCH));
            c.add(BadRequest.of(CATALOGS, "clients search=" + printable(v)).get("/api/clients/?search=" + enc(v))
                    .expect(NO_MATCH));
            c.add(BadRequest.of(EXPORT, "invoice export search=" + printable(v))
                    .get("/api/invoices/export-excel/?format=csv&search=" + enc(v)).expect(NO_MATCH));
            c.add(BadRequest.of(EXPORT, "OT export search=" + printable(v))
                    .get("/api/ots/export-excel/?format=csv&search=" + enc(v)).expect(NO_MATCH));
        }
        c.add(BadRequest.of(EXPORT, "export format=pdf").get("/api/invoices/export-excel/?format=pdf"));
        c.add(BadRequest.of(EXPORT, "export bad date filter").get("/api/invoices/export-excel/?fecha_desde=2024-13-45"));
        c.add(BadRequest.of(EXPORT, "OT export proveedor=abc (a name filter)").get("/api/ots/export-excel/?proveedor=abc")
                .expect(NO_MATCH));
        c.add(BadRequest.of(EXPORT, "export bad id filter").get("/api/invoices/export-excel/?proveedor=abc"));
        c.add(BadRequest.of(EXPORT, "export unknown ordering").get("/api/invoices/export-excel/?ordering=secret"));
    }

    private static void paths(List<BadRequest> c) {
        for (String p : List.of("/api/invoices/../../etc/passwd/", "/api/invoices/%2e%2e/%2e%2e/etc/passwd/",
                "/api/invoices/%2e%2e%2f%2e%2e%2fetc%2fpasswd/", "/api/invoices/1%00/", "/api/invoices/-1/",
                "/api/invoices/99999999999999999999/", "/api/invoices/1.5/", "/api/invoices/0x10/",
                "/api/invoices/%20/", "/api/invoices/999999999;rm%20-rf/", "/api/invoices/999999999/",
                "/api/invoices/..%5c..%5cwindows/", "/api/invoices/999999999/file/", "/api/ots/..%2f..%2fetc%2fpasswd/",
                "/api/ots/%00/", "/api/ots/999999999/", "/api/catalogs/providers/abc/", "/api/clients/-7/",
                "/api/invoices/\uD83D\uDE00/", "/api/%2e%2e/metrics", "/api/invoices//etc/passwd")) {
            String ep = p.startsWith("/api/ots") ? OTS : p.startsWith("/api/invoices") ? INVOICES : CATALOGS;
            c.add(BadRequest.of(ep, "path " + p).get(p));
        }
        c.add(BadRequest.of(INVOICES, "delete a missing id").call("DELETE", "/api/invoices/999999999/"));
    }

    private static void methods(List<BadRequest> c) {
        c.add(BadRequest.of(INVOICES, "DELETE collection").call("DELETE", "/api/invoices/"));
        c.add(BadRequest.of(OTS, "PUT collection").call("PUT", "/api/ots/").json("{}"));
        c.add(BadRequest.of(INVOICES, "TRACE").call("TRACE", "/api/invoices/"));
        c.add(BadRequest.of(INVOICES, "unknown method FOO").call("FOO", "/api/invoices/"));
        c.add(BadRequest.of(TOKEN, "PATCH token").call("PATCH", "/api/token/").auth(Auth.NONE).json("{}"));
        c.add(BadRequest.of(EXPORT, "DELETE export").call("DELETE", "/api/invoices/export-excel/"));
        c.add(BadRequest.of(EXPORT, "POST export").call("POST", "/api/ots/export-excel/").json("{}"));
        c.add(BadRequest.of(UPLOAD, "GET upload").get("/api/invoices/upload/"));
        c.add(BadRequest.of(IMPORT, "PUT import").call("PUT", "/api/ots/import_excel/").json("{}"));
        c.add(BadRequest.of(CATALOGS, "DELETE providers collection").call("DELETE", "/api/catalogs/providers/"));
    }

    private static final String B = "corpusBoundary";

    static byte[] multipart(String... parts) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i + 2 < parts.length + 1; i += 3) {
            s.append("--").append(B).append("\r\n").append("Content-Disposition: form-data; name=\"").append(parts[i])
                    .append('"');
            if (parts[i + 1] != null) {
                s.append("; filename=\"").append(parts[i + 1]).append("\"\r\nContent-Type: application/pdf");
            }
            s.append("\r\n\r\n").append(parts[i + 2]).append("\r\n");
        }
        s.append("--").append(B).append("--\r\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void uploads(List<BadRequest> c) {
        String p = "/api/invoices/upload/";
        String mp = "multipart/form-data; boundary=" + B;
        String pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
        c.add(BadRequest.of(UPLOAD, "upload JSON instead of multipart").call("POST", p).json("{\"proveedor_id\":1}"));
        c.add(BadRequest.of(UPLOAD, "multipart without boundary").call("POST", p)
                .body("multipart/form-data", multipart("proveedor_id", null, "1")));
        c.add(BadRequest.of(UPLOAD, "boundary mismatch").call("POST", p)
                .body("multipart/form-data; boundary=other", multipart("proveedor_id", null, "1", "files[]", "a.pdf", pdf)));
        byte[] full = multipart("proveedor_id", null, "1", "files[]", "a.pdf", pdf);
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 12);
        c.add(BadRequest.of(UPLOAD, "no closing boundary").call("POST", p).body(mp, truncated));
        c.add(BadRequest.of(UPLOAD, "garbage body").call("POST", p).body(mp, "\u0000\u0001garbage".getBytes(StandardCharsets.UTF_8)));
        c.add(BadRequest.of(UPLOAD, "missing proveedor_id").call("POST", p).body(mp, multipart("files[]", "a.pdf", pdf))
                .keepsFileOfRefusedUpload());
        c.add(BadRequest.of(UPLOAD, "proveedor_id not a number").call("POST", p)
                .body(mp, multipart("proveedor_id", null, "abc", "files[]", "a.pdf", pdf)));
        c.add(BadRequest.of(UPLOAD, "unknown proveedor_id").call("POST", p)
                .body(mp, multipart("proveedor_id", null, "999999999", "files[]", "a.pdf", pdf)));
        c.add(BadRequest.of(UPLOAD, "proveedor_id injection").call("POST", p)
                .body(mp, multipart("proveedor_id", null, "1 OR 1=1", "files[]", "a.pdf", pdf)));
        c.add(BadRequest.of(UPLOAD, "proveedor_id huge").call("POST", p)
                .body(mp, multipart("proveedor_id", null, "99999999999999999999999", "files[]", "a.pdf", pdf)));
        c.add(BadRequest.of(UPLOAD, "no files").call("POST", p).body(mp, multipart("proveedor_id", null, "{provider}")));
        c.add(BadRequest.of(UPLOAD, "traversal filename, not a PDF").call("POST", p).expect(NOTHING_STORED)
                .body(mp, multipart("proveedor_id", null, "{provider}", "files[]", "../../../etc/passwd", "root:x:0:0")));
        c.add(BadRequest.of(UPLOAD, "executable named .pdf").call("POST", p).expect(NOTHING_STORED)
                .body(mp, multipart("proveedor_id", null, "{provider}", "files[]", "invoice.pdf", "MZ\u0090\u0000\u0003")));
        c.add(BadRequest.of(UPLOAD, "empty file").call("POST", p).expect(NOTHING_STORED)
                .body(mp, multipart("proveedor_id", null, "{provider}", "files[]", "empty.pdf", "")));
        c.add(BadRequest.of(UPLOAD, "NUL in filename, html content").call("POST", p).expect(NOTHING_STORED)
                .body(mp, multipart("proveedor_id", null, "{provider}", "files[]", "a.pdf\u0000.html", "<script>x</script>")));
        c.add(BadRequest.of(UPLOAD, "Content-Length shorter than the body").call("POST", p)
                .body(mp, full).contentLength(full.length / 2));
        // the declared length is longer and the closing boundary never comes: nothing may be stored
        c.add(BadRequest.of(UPLOAD, "Content-Length longer than the body").call("POST", p).expect(CLIENT_ERROR_OR_CLOSED)
                .body(mp, truncated).contentLength(full.length + 5000L));
        c.add(BadRequest.of(UPLOAD, "slow body: stalls past the idle timeout").call("POST", p)
                .expect(CLIENT_ERROR_OR_CLOSED).body(mp, full).stall(20, 3_500));
        c.add(BadRequest.of(UPLOAD, "64 KB part header").call("POST", p).body(mp, ("--" + B
                + "\r\nContent-Disposition: form-data; name=\"proveedor_id\"; x=\"" + "h".repeat(65_536) + "\"\r\n\r\n1\r\n--"
                + B + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        c.add(BadRequest.of(UPLOAD, "operativo may not upload").call("POST", p).auth(Auth.CUSTOM)
                .header("Authorization: Bearer {operativo}").body(mp, full));
    }

    private static void imports(List<BadRequest> c) {
        String p = "/api/ots/import_excel/";
        String mp = "multipart/form-data; boundary=" + B;
        c.add(BadRequest.of(IMPORT, "import JSON instead of multipart").call("POST", p).json("{}"));
        c.add(BadRequest.of(IMPORT, "import no files").call("POST", p).body(mp, multipart("tipos_operacion", null, "[]")));
        c.add(BadRequest.of(IMPORT, "import text as xlsx").call("POST", p).expect(NOTHING_STORED)
                .body(mp, multipart("files", "ots.xlsx", "not a spreadsheet", "tipos_operacion", null, "[\"importacion\"]")));
        c.add(BadRequest.of(IMPORT, "import tipos_operacion not JSON").call("POST", p)
                .body(mp, multipart("files", "ots.xlsx", "PK\u0003\u0004", "tipos_operacion", null, "[importacion")));
        c.add(BadRequest.of(IMPORT, "import tipos_operacion wrong value").call("POST", p).expect(NOTHING_STORED)
                .body(mp, multipart("files", "ots.xlsx", "PK\u0003\u0004", "tipos_operacion", null, "[\"'; DROP TABLE ots;--\"]")));
        c.add(BadRequest.of(IMPORT, "import traversal filename").call("POST", p).expect(NOTHING_STORED)
                .body(mp, multipart("files", "../../x.xlsx", "PK\u0003\u0004", "tipos_operacion", null, "[\"importacion\"]")));
        c.add(BadRequest.of(IMPORT, "import broken boundary").call("POST", p)
                .body("multipart/form-data; boundary=nope", multipart("files", "a.xlsx", "x")));
    }

    private static void protocol(List<BadRequest> c) {
        c.add(BadRequest.of(PROTOCOL, "64 KB header").get("/api/invoices/").header("X-Big: " + "b".repeat(65_536)));
        c.add(BadRequest.of(PROTOCOL, "64 KB URL").get("/api/invoices/?search=" + "q".repeat(65_536)));
        c.add(BadRequest.of(PROTOCOL, "JSON with Content-Length shorter than the body").call("POST", "/api/invoices/")
                .json("{\"numero_factura\":\"SHORT-1\",\"monto\":\"10\"}").contentLength(10));
        c.add(BadRequest.of(PROTOCOL, "JSON with Content-Length longer than the body").call("POST", "/api/ots/")
                .expect(CLIENT_ERROR_OR_CLOSED).json("{\"numero_ot\":\"LONG-1\"}").contentLength(5000));
        c.add(BadRequest.of(PROTOCOL, "slow JSON body").call("POST", "/api/catalogs/providers/")
                .expect(CLIENT_ERROR_OR_CLOSED).json("{\"nombre\":\"Slow\",\"tipo\":\"naviera\"}").stall(3, 3_500));
        c.add(BadRequest.of(PROTOCOL, "bad chunk size").call("POST", "/api/invoices/").noContentLength()
                .header("Transfer-Encoding: chunked").body("application/json",
                        "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        c.add(BadRequest.of(PROTOCOL, "Content-Length and chunked together").call("POST", "/api/invoices/")
                .header("Transfer-Encoding: chunked").body("application/json",
                        "2\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8)).contentLength(2));
        c.add(BadRequest.of(PROTOCOL, "two Content-Length headers").call("POST", "/api/invoices/")
                .header("Content-Length: 1").json("{}"));
        c.add(BadRequest.of(PROTOCOL, "negative Content-Length").call("POST", "/api/invoices/").json("{}").contentLength(-5));
        c.add(BadRequest.of(PROTOCOL, "no Host header").rawHead("GET /api/invoices/ HTTP/1.1\r\nConnection: close\r\n\r\n"));
        c.add(BadRequest.of(PROTOCOL, "garbage request line").rawHead("\u0001\u0002 GARBAGE\r\n\r\n"));
        c.add(BadRequest.of(PROTOCOL, "NUL in a header").get("/api/invoices/").header("X-Nul: a\u0000b"));
        c.add(BadRequest.of(PROTOCOL, "header without colon").get("/api/invoices/").header("NoColonHere"));
        // 505 is the status HTTP prescribes for an unsupported version (Jetty's answer): the one 5xx the corpus accepts
        c.add(BadRequest.of(PROTOCOL, "HTTP/9.9").rawHead("GET /api/invoices/ HTTP/9.9\r\nHost: x\r\n\r\n")
                .expect(BadRequest.Expect.VERSION_NOT_SUPPORTED));
        c.add(BadRequest.of(PROTOCOL, "HTTP/1.0 without Host to the API").rawHead("GET /api/ots/?page=abc HTTP/1.0\r\n\r\n")
                .auth(Auth.NONE));
        c.add(BadRequest.of(PROTOCOL, "absolute URI to another host").get("http://evil.example/api/invoices/")
                .auth(Auth.NONE));
    }

    static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static String printable(String v) {
        return v.replace("\u0000", "\\0");
    }
}
