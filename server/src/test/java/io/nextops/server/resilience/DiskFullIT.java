package io.nextops.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload disk fills up mid-upload: an 8 MB tmpfs is mounted as the upload store (root only; skipped otherwise),
 * a 20 MB file is uploaded: the answer is a clear error envelope (the status the server chose is printed), the temp
 * file is removed, no row or blob is left, and a small upload afterwards still works.
 */
class DiskFullIT {
    @TempDir
    Path dataDir;

    @Test
    void fullDiskGivesAClearErrorRemovesTheTempFileAndLaterUploadsWork() throws Exception {
        Path files = dataDir.resolve("files");
        Files.createDirectories(files);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", files.toString()) == 0,
                "cannot mount a tmpfs (not root?)");
        try (TestServer server = TestServer.start(Map.of("NEXTOPS_DATA_DIR", dataDir.toString(),
                "UPLOAD_DIR", files.toString(), "UPLOAD_MAX_FILE_MB", "64"), s -> {})) {
            assumeTrue(Fingerprint.endpointExists(server, "/api/invoices/upload/"), "upload endpoint not registered");
            Load.seed(server.database(), 10, 5);
            long providerId = Fingerprint.scalar(server, "SELECT min(id) FROM catalogs_provider");
            Map<String, String> before = Fingerprint.of(server, null);

            HttpResponse<String> big = upload(server, providerId, 20L << 20, "big.pdf");
            System.out.println("disk full during an upload: " + big.statusCode() + " " + big.body());
            assertThat(big.body()).doesNotContain("\tat ").doesNotContain("Exception:");
            if (big.statusCode() / 100 == 2) {
                assertThat(big.body()).as("reported as a per-file error").contains("\"processed\":0");
            } else {
                assertThat(big.statusCode()).isBetween(400, 599);
                assertThat(big.body()).contains("\"code\"");
            }
            assertThat(ClientDisconnectIT.within(2_000, () -> Fingerprint.files(files).isEmpty()))
                    .as("temp file removed: %s", Fingerprint.files(files)).isTrue();
            assertThat(Fingerprint.of(server, null)).as("no row").isEqualTo(before);

            HttpResponse<String> small = upload(server, providerId, 100 * 1024, "small.pdf");
            assertThat(small.statusCode()).as(small.body()).isBetween(200, 201);
            assertThat(small.body()).contains("\"processed\":1");
            assertThat(Fingerprint.files(files)).hasSize(1);
        } finally {
            run("umount", "-l", files.toString());
        }
    }

    private static HttpResponse<String> upload(TestServer server, long providerId, long bytes, String name)
            throws Exception {
        String head = "--" + Load.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"proveedor_id\"\r\n\r\n"
                + providerId + "\r\n--" + Load.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files[]\"; "
                + "filename=\"" + name + "\"\r\nContent-Type: application/pdf\r\n\r\n";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(head.getBytes(StandardCharsets.UTF_8));
        Load.writePdfBytes(body, bytes, true, new Random(bytes));
        body.write(Load.tail());
        return server.send(server.request("/api/invoices/upload/", Role.ADMIN)
                .header("Content-Type", "multipart/form-data; boundary=" + Load.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            in.readAllBytes();
        }
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
