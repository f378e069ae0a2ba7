package io.nextops.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Clients that vanish mid-export and mid-upload: the pool's active connections are back to 0 within 2 s, no temp
 * file or blob stays in the upload store, no row is added, and the server serves the next request normally.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientDisconnectIT {
    private Path dataDir;

    private TestServer server;
    private String token;

    @BeforeAll
    void start() throws Exception {
        dataDir = java.nio.file.Files.createTempDirectory("nextops-resilience-");
        server = TestServer.start(Map.of("NEXTOPS_DATA_DIR", dataDir.toString(), "UPLOAD_MAX_FILE_MB", "64"), s -> {});
        Load.seed(server.database(), 20_000, 200);
        token = server.accessToken(Role.ADMIN);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        Fingerprint.deleteTree(dataDir);
    }

    @Test
    void exportCutOffMidStreamReleasesItsConnection() throws Exception {
        for (String format : new String[] {"csv", "xlsx"}) {
            Socket s = Load.startExport(server.port(), token, "/api/invoices/export-excel/?format=" + format);
            String first = Load.read(s, 2048);
            assumeTrue(!first.startsWith("HTTP/1.1 404"), "export endpoint not registered yet");
            assertThat(first).startsWith("HTTP/1.1 200");
            assertThat(Fingerprint.activeConnections(server)).as("the %s export holds its cursor while the client "
                    + "stalls (mid-stream)", format).isEqualTo(1);
            Load.abort(s);
            assertThat(within(2_000, () -> Fingerprint.activeConnections(server) == 0))
                    .as("%s export: connection back in the pool within 2 s of the disconnect", format).isTrue();
        }
        assertThat(server.get("/api/invoices/export-excel/?format=csv&proveedor=999999999", Role.ADMIN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void uploadCutOffMidBodyLeavesNoTempFileBlobOrRow() throws Exception {
        assumeTrue(Fingerprint.endpointExists(server, "/api/invoices/upload/"), "upload endpoint not registered yet");
        long providerId = Fingerprint.scalar(server, "SELECT min(id) FROM catalogs_provider");
        Map<String, String> before = Fingerprint.of(server, dataDir);
        Socket s = Load.startUpload(server.port(), token, providerId, 40L << 20, "cut.pdf");
        Random random = new Random(1);
        Load.writePdfBytes(s.getOutputStream(), 8L << 20, true, random);
        boolean midUpload = within(5_000, () -> !Fingerprint.files(dataDir.resolve("files")).isEmpty());
        assertThat(midUpload).as("a temp file is being written (the upload is mid-body)").isTrue();
        Load.abort(s);
        assertThat(within(2_000, () -> Fingerprint.files(dataDir.resolve("files")).isEmpty()))
                .as("temp file removed within 2 s: %s", Fingerprint.files(dataDir.resolve("files"))).isTrue();
        assertThat(within(2_000, () -> Fingerprint.activeConnections(server) == 0)).isTrue();
        assertThat(Fingerprint.of(server, dataDir)).as("no row, no blob").isEqualTo(before);
    }

    static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
