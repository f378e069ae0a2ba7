package io.nextops.server.uploads;

import static io.nextops.server.uploads.Multipart.pdf;
import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.web.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bodies that break off or outgrow the request limit, sent over a raw socket (1 MB per file, 4 MB per request). */
class UploadAbortIT {
    static final int MIB = 1024 * 1024;
    static UploadFixture fx;
    static long provider;

    @BeforeAll
    static void start() throws Exception {
        fx = UploadFixture.start(Map.of("UPLOAD_MAX_FILE_MB", "1", "UPLOAD_MAX_FILES", "3",
                "UPLOAD_MAX_REQUEST_MB", "4"));
        provider = fx.provider("Agente Local SA", "agente_local", "nacional");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private String head(Multipart m, String lengthHeader) {
        return "POST /api/invoices/upload/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + fx.server.accessToken(Role.ADMIN) + "\r\nContent-Type: " + m.contentType() + "\r\n" + lengthHeader
                + "\r\n";
    }

    @Test
    void aClientDroppingMidBodyLeavesNoTempFileBlobOrRow() throws Exception {
        Multipart m = new Multipart().field("proveedor_id", Long.toString(provider)).field("tipo_costo", "OTRO")
                .file("half.pdf", pdf(900_000, 21));
        byte[] body = m.bytes();
        long filesBefore = fx.scalar("SELECT count(*) FROM invoices_uploaded_file");
        long invoicesBefore = fx.scalar("SELECT count(*) FROM invoices_invoice");
        int blobsBefore = fx.blobs().size();
        try (Socket s = new Socket("127.0.0.1", fx.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(head(m, "Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            long until = System.currentTimeMillis() + 20_000; // the server gets inside store.put, writing a temp file
            while (fx.tempFiles().isEmpty() && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertThat(fx.tempFiles()).hasSize(1);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!fx.tempFiles().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fx.tempFiles()).isEmpty();
        assertThat(fx.blobs()).hasSize(blobsBefore);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file")).isEqualTo(filesBefore);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_invoice")).isEqualTo(invoicesBefore);
    }

    @Test
    void aDeclaredLengthOverTheRequestLimitIs413BeforeTheBodyIsRead() throws Exception {
        Multipart m = new Multipart().field("proveedor_id", Long.toString(provider)).file("a.pdf", pdf(100, 22));
        try (Socket s = new Socket("127.0.0.1", fx.server.port())) {
            s.setSoTimeout(60_000); // generous: the shared test machine is often loaded
            s.getOutputStream().write(head(m, "Content-Length: " + (4L * MIB + 1) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = readResponse(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"request_too_large\"")
                    .contains("4 MB");
        }
    }

    @Test
    void aChunkedBodyPassingTheRequestLimitIs413() throws Exception {
        // three files within the per-file limit plus an ignored 2 MB part: over 4 MB only in total
        Multipart m = new Multipart().field("proveedor_id", Long.toString(provider))
                .file("a.pdf", pdf(MIB - 10, 23)).file("b.pdf", pdf(MIB - 10, 24))
                .file("attachment", "big.bin", pdf(2 * MIB, 25));
        byte[] body = m.bytes();
        try (Socket s = new Socket("127.0.0.1", fx.server.port())) {
            s.setSoTimeout(60_000); // generous: the shared test machine is often loaded
            OutputStream out = s.getOutputStream();
            out.write(head(m, "Transfer-Encoding: chunked\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                for (int off = 0; off < body.length; off += 64 * 1024) {
                    int n = Math.min(64 * 1024, body.length - off);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, off, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException serverStoppedReading) {
                // the server may answer and close before the whole body was sent
            }
            String response = readResponse(s.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":\"request_too_large\"");
        }
        assertThat(fx.tempFiles()).isEmpty();
        // a request limit: the two files completed before the cut are undone too
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file WHERE filename IN ('a.pdf', 'b.pdf')"))
                .isZero();
    }

    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                b.write(buf, 0, n);
                String s = b.toString(StandardCharsets.UTF_8);
                int headerEnd = s.indexOf("\r\n\r\n");
                if (headerEnd > 0 && s.substring(headerEnd).contains("}")) {
                    break;
                }
            }
        } catch (IOException reset) {
            // a reset after the response arrived
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
