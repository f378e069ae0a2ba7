package io.nextops.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nextops.server.Main;
import io.nextops.server.TestServer;
import io.nextops.server.config.ServerConfig;
import io.nextops.server.db.Database;
import io.nextops.testsupport.SharedPostgres;
import io.nextops.testsupport.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a slow upload and a slow export are in flight: the process exits 0 within GRACEFUL_TIMEOUT plus a
 * margin, and afterwards every stored blob has its row and every row its blob, no temp file is left, and the
 * interrupted upload either completed fully or left nothing.
 */
class SigtermIT {
    private static final int GRACEFUL_SECONDS = 6;
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void sigtermDuringUploadAndExportExitsCleanlyAndLeavesNoOrphans() throws Exception {
        TestDatabase db = SharedPostgres.newDatabase("sigterm_faults");
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1", "LOG_FORMAT", "text",
                "DATABASE_URL", db.postgresUrl(), "JWT_SECRET", TestServer.JWT_SECRET,
                "NEXTOPS_ADMIN_PASSWORD", "sigterm-password", "NEXTOPS_DATA_DIR", dataDir.toString(),
                "GRACEFUL_TIMEOUT", Integer.toString(GRACEFUL_SECONDS), "UPLOAD_MAX_FILE_MB", "64",
                "PASSWORD_HASH_ITERATIONS", "1000");
        ServerConfig config = ServerConfig.fromEnv(env);
        try (Database database = Database.open(config.database(), config.dataDir(), Database.MIGRATIONS)) {
            Load.seed(database, 20_000, 200);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the jar built by this very `mvn verify` (package runs before integration-test): immune to other builds
        // rewriting jars in ~/.m2 while the test runs; the test classpath when it is not there
        Path jar = Path.of("target", "nextops-server.jar");
        ProcessBuilder pb = new ProcessBuilder(Files.isRegularFile(jar)
                ? List.of(java, "-Xmx96m", "-jar", jar.toString(), "serve")
                : List.of(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Path log = dataDir.resolve("serve.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        List<Socket> sockets = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            int port = awaitPort(p, log);
            HttpClient client = HttpClient.newHttpClient();
            String token = login(client, port);
            long providerId = providerId(db);
            boolean uploads = probe(client, port, token, "/api/invoices/upload/");
            boolean exports = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/invoices/export-excel/?format=csv&proveedor=999999999"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode() != 404;
            assumeTrue(uploads || exports, "neither upload nor export is registered yet");

            Thread uploader = null;
            if (uploads) {
                // 48 MB at ~4 MB/s: still in flight when SIGTERM comes, and longer than the graceful timeout
                Socket up = Load.startUpload(port, token, providerId, 48L << 20, "sigterm.pdf");
                sockets.add(up);
                uploader = new Thread(() -> slowBody(up, 48L << 20, stop), "slow-upload");
                uploader.start();
                assertThat(ClientDisconnectIT.within(10_000,
                        () -> !Fingerprint.files(dataDir.resolve("files")).isEmpty())).as("upload in flight").isTrue();
            }
            if (exports) {
                Socket ex = Load.startExport(port, token, "/api/invoices/export-excel/?format=csv");
                sockets.add(ex);
                assertThat(Load.read(ex, 1024)).startsWith("HTTP/1.1 200");
            }

            long t0 = System.nanoTime();
            p.destroy(); // SIGTERM
            boolean exited = p.waitFor(GRACEFUL_SECONDS + 15, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            stop.set(true);
            assertThat(exited).as("exited within GRACEFUL_TIMEOUT + 15 s: %s", Files.readString(log)).isTrue();
            System.out.println("SIGTERM with upload=" + uploads + " export=" + exports + " in flight: exit "
                    + p.exitValue() + " after " + ms + " ms (GRACEFUL_TIMEOUT " + GRACEFUL_SECONDS + " s)");
            if (uploader != null) {
                uploader.join(5_000);
            }
            assertNoOrphans(db);
            // last, so that the orphan checks above run either way
            assertThat(p.exitValue()).as("exit status after SIGTERM (docs/deploy.md: exits 0): %s",
                    Files.readString(log)).isZero();
        } finally {
            stop.set(true);
            for (Socket s : sockets) {
                s.close();
            }
            p.destroyForcibly();
        }
    }

    private void assertNoOrphans(TestDatabase db) throws Exception {
        Path files = dataDir.resolve("files");
        List<String> onDisk = Fingerprint.files(files);
        assertThat(onDisk).as("no temp file left").noneMatch(f -> f.startsWith("tmp/") || f.endsWith(".part"));
        Set<String> blobDigests = new TreeSet<>();
        onDisk.forEach(f -> blobDigests.add(Path.of(f).getFileName().toString()));
        Set<String> rowDigests = new TreeSet<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sha256 FROM invoices_uploaded_file")) {
            while (rs.next()) {
                rowDigests.add(rs.getString(1));
            }
        }
        assertThat(blobDigests).as("every blob has its row and every row its blob").isEqualTo(rowDigests);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM invoices_uploaded_file f WHERE NOT EXISTS "
                     + "(SELECT 1 FROM invoices_invoice i WHERE i.uploaded_file_id = f.id)")) {
            rs.next();
            assertThat(rs.getLong(1)).as("no uploaded file without its invoice").isZero();
        }
    }

    private static void slowBody(Socket s, long bytes, AtomicBoolean stop) {
        Random random = new Random(3);
        try {
            OutputStream out = s.getOutputStream();
            long sent = 0;
            long chunk = 256 * 1024;
            while (sent < bytes && !stop.get()) {
                Load.writePdfBytes(out, Math.min(chunk, bytes - sent), sent == 0, random);
                sent += chunk;
                Thread.sleep(60);
            }
            if (!stop.get()) {
                out.write(Load.tail());
            }
        } catch (IOException | InterruptedException e) {
            // the server stopped: expected
        }
    }

    private static int awaitPort(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not print its port: " + Files.readString(log));
    }

    private static String login(HttpClient client, int port) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/token/")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"sigterm-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    private static boolean probe(HttpClient client, int port, String token, String path) throws Exception {
        int status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=p")
                .POST(HttpRequest.BodyPublishers.ofString("--p--\r\n")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
        return status != 404 && status != 405;
    }

    private static long providerId(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT min(id) FROM catalogs_provider")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
