package io.nextops.server.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nextops.server.SeedDemoCommand;
import io.nextops.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the invoice HTTP tests: a seeded server, JSON parsing, SQL checks. */
final class InvoiceFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    private InvoiceFixture() {}

    /** A started server whose database holds the small deterministic demo set. */
    static TestServer seededServer(int invoices, int ots) throws Exception {
        TestServer server = TestServer.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SeedDemoCommand.seedInto(server.database(),
                new String[] {"--invoices", Integer.toString(invoices), "--ots", Integer.toString(ots), "--seed", "11"},
                new PrintStream(out, true), new PrintStream(out, true));
        if (status != 0) {
            throw new IllegalStateException("seed failed: " + out);
        }
        return server;
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    static long scalar(TestServer server, String sql) throws SQLException {
        try (Connection c = server.testDatabase().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<Long> ids(TestServer server, String sql) throws SQLException {
        try (Connection c = server.testDatabase().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        }
    }

    static List<Long> ids(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.get("results").forEach(r -> out.add(r.get("id").asLong()));
        return out;
    }

    /** Every row of every table this module owns, as one fingerprint: "the database is unchanged". */
    static String fingerprint(TestServer server) throws SQLException {
        try (Connection c = server.testDatabase().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id), ''))"
                     + " || (SELECT count(*) FROM catalogs_cost_type) FROM invoices_invoice t")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
