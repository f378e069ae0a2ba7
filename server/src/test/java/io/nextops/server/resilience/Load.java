package io.nextops.server.resilience;

import io.nextops.server.SeedDemoCommand;
import io.nextops.server.db.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Helpers shared by the fault tests: seeding, a raw upload or export that the test can cut off at any byte, and
 * PDF-like bytes made on the fly. Thread-safe (stateless).
 */
final class Load {
    static final String BOUNDARY = "resilienceBoundary";

    private Load() {}

    static void seed(Database database, int invoices, int ots) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = SeedDemoCommand.seedInto(database, new String[] {"--invoices", Integer.toString(invoices),
                "--ots", Integer.toString(ots), "--seed", "5"}, new PrintStream(log, true), new PrintStream(log, true));
        if (status != 0) {
            throw new IllegalStateException("seed-demo failed: " + log);
        }
    }

    /** An open connection that has sent the head of a multipart upload of one {@code fileBytes} PDF file. */
    static Socket startUpload(int port, String token, long providerId, long fileBytes, String fileName)
            throws IOException {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"proveedor_id\"\r\n\r\n" + providerId
                + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files[]\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        long length = head.length + fileBytes + tail().length;
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(60_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /api/invoices/upload/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(head);
        return s;
    }

    static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code n} bytes of PDF-like content (the first call of a file must start it: {@code first}). */
    static void writePdfBytes(OutputStream out, long n, boolean first, Random random) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        if (first) {
            byte[] magic = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
            out.write(magic);
            left -= magic.length;
        }
        while (left > 0) {
            int k = (int) Math.min(buf.length, left);
            for (int i = 0; i < k; i++) {
                buf[i] = (byte) (0x21 + random.nextInt(0x5d));
            }
            out.write(buf, 0, k);
            left -= k;
        }
    }

    /** An open connection that asked for an export; nothing of the answer read yet; small receive buffer. */
    static Socket startExport(int port, String token, String pathAndQuery) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(60_000);
        s.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** Reads up to {@code n} bytes; returns the text read (ISO-8859-1). */
    static String read(Socket s, int n) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int k = in.read(buf, got, n - got);
            if (k < 0) {
                break;
            }
            got += k;
        }
        return new String(buf, 0, got, StandardCharsets.ISO_8859_1);
    }

    /** Closes with a reset (SO_LINGER 0), as a client that dies does. */
    static void abort(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }
}
