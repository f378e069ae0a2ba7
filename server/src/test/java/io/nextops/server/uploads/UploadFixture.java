package io.nextops.server.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A test server with its upload store in a temp dir, providers in the catalog, and upload helpers. */
final class UploadFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TestServer server;
    final Path uploadDir;

    private UploadFixture(TestServer server, Path uploadDir) {
        this.server = server;
        this.uploadDir = uploadDir;
    }

    static UploadFixture start(Map<String, String> env) throws IOException {
        Path dir = Files.createTempDirectory("nextops-uploads-it");
        Map<String, String> all = new HashMap<>(env);
        all.put("UPLOAD_DIR", dir.toString());
        return new UploadFixture(TestServer.start(all, s -> {}), dir);
    }

    /** A live provider; returns its id. */
    long provider(String name, String tipo, String categoria) throws SQLException {
        return scalar("INSERT INTO catalogs_provider (nombre, nit, tipo, categoria) VALUES (?, ?, ?, ?) RETURNING id",
                name, "N-" + Math.abs(name.hashCode()), tipo, categoria);
    }

    long scalar(String sql, Object... args) throws SQLException {
        try (Connection c = server.testDatabase().dataSource().getConnection();
             PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = server.testDatabase().dataSource().getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    HttpResponse<String> upload(Multipart body, Role role) {
        return server.send(server.request("/api/invoices/upload/", role)
                .header("Content-Type", body.contentType()).POST(body.publisher()).build());
    }

    HttpRequest.Builder uploadRequest(Multipart body, Role role) {
        return server.request("/api/invoices/upload/", role).header("Content-Type", body.contentType())
                .POST(body.publisher());
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** 200 and the body, else a failure showing the body. */
    static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    /** Regular files under the store root: blobs (ab/cd/digest) and temp files (tmp/). */
    List<Path> blobs() throws IOException {
        return files(uploadDir).stream().filter(p -> !uploadDir.relativize(p).startsWith("tmp")).toList();
    }

    List<Path> tempFiles() throws IOException {
        return files(uploadDir.resolve("tmp"));
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        try (Stream<Path> s = Files.walk(uploadDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
