package io.nextops.server.resilience;

import io.nextops.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * State that a refused request must not change: each domain table's row count and an md5 over its rows, and the files
 * under the data dir's upload store. Plus the pool and worker gauges that show a leak. Thread-safe (stateless).
 */
final class Fingerprint {
    static final List<String> TABLES = List.of("invoices_invoice", "invoices_uploaded_file", "ots", "processed_files",
            "catalogs_provider", "client_aliases", "catalogs_cost_type", "accounts_user");

    private Fingerprint() {}

    static Map<String, String> of(TestServer server, Path dataDir) {
        return of(server.testDatabase().dataSource(), dataDir);
    }

    static Map<String, String> of(DataSource ds, Path dataDir) {
        Map<String, String> state = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY "
                        + "t::text), '')) FROM " + table + " t")) {
                    rs.next();
                    state.put(table, rs.getLong(1) + " rows, md5 " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fingerprint failed", e);
        }
        if (dataDir != null) {
            state.put("files", files(dataDir.resolve("files")).toString());
        }
        return state;
    }

    /** The cheap part, checked after every corpus case: row counts and the upload store's files. */
    static Map<String, String> counts(TestServer server, Path dataDir) {
        Map<String, String> state = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < TABLES.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM ").append(TABLES.get(i)).append(')');
        }
        try (Connection c = server.testDatabase().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < TABLES.size(); i++) {
                state.put(TABLES.get(i), rs.getLong(i + 1) + " rows");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counts failed", e);
        }
        state.put("files", files(dataDir.resolve("files")).toString());
        return state;
    }

    /** Regular files under {@code root} (blobs and temp files), relative paths; empty when it does not exist. */
    static List<String> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static long scalar(TestServer server, String sql) {
        try (Connection c = server.testDatabase().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A well-formed multipart POST to {@code path} is not answered 404/405: the endpoint is registered. */
    static boolean endpointExists(TestServer server, String path) {
        java.net.http.HttpResponse<String> r = server.send(server.request(path, io.nextops.web.Role.ADMIN)
                .header("Content-Type", "multipart/form-data; boundary=probe")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--probe--\r\n")).build());
        return r.statusCode() != 404 && r.statusCode() != 405;
    }

    static int activeConnections(TestServer server) {
        return server.database().pool().getHikariPoolMXBean().getActiveConnections();
    }

    /** The worker pool's busy gauge from {@code /metrics} (loopback needs no token). */
    static double busyWorkers(TestServer server) {
        String metrics = server.get("/metrics").body();
        for (String line : metrics.split("\n")) {
            if (!line.startsWith("#") && line.contains("busy") && line.contains("worker")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("no worker busy gauge in /metrics");
    }
}
