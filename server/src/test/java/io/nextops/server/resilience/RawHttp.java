package io.nextops.server.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK client refuses to send (lying Content-Length, broken framing,
 * NUL in the path, stalled bodies). Reads the whole answer until the server closes, bounded in bytes and time.
 * Thread-safe (stateless).
 */
final class RawHttp {
    static final int MAX_RESPONSE_BYTES = 1 << 20;

    /** What came back: {@code status} 0 when the server closed without answering, -1 when it never answered. */
    record Answer(int status, String head, String body, long millis) {
        boolean closedWithoutAnswer() {
            return status == 0;
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            String b = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            return status + " after " + millis + " ms " + head.replace("\r\n", " | ") + " || " + b;
        }
    }

    private RawHttp() {}

    /**
     * Sends {@code head} then {@code body}; when {@code sendBytes} is below the body length, only that many body bytes
     * go out and the client then waits {@code stallMillis} before reading (a slow or lying client).
     */
    static Answer exchange(int port, byte[] head, byte[] body, int sendBytes, long stallMillis, long readTimeoutMillis)
            throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout((int) readTimeoutMillis);
            OutputStream out = s.getOutputStream();
            try {
                out.write(head);
                out.write(body, 0, Math.min(sendBytes, body.length));
                out.flush();
            } catch (IOException e) {
                // the server may close early (e.g. headers too large): read what it said
            }
            if (stallMillis > 0) {
                sleep(stallMillis);
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buf)) > 0 && received.size() < MAX_RESPONSE_BYTES; ) {
                    received.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                if (received.size() == 0) {
                    return new Answer(-1, "", "", (System.nanoTime() - t0) / 1_000_000);
                }
            } catch (IOException e) {
                // connection reset after (or instead of) an answer
            }
            return parse(received.toByteArray(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    static Answer parse(byte[] raw, long millis) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/")) {
            return new Answer(0, text, "", millis);
        }
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : new String(raw, end + 4, raw.length - end - 4, StandardCharsets.UTF_8);
        int status = Integer.parseInt(head.substring(9, 12));
        String te = new Answer(status, head, "", millis).header("Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(body);
        }
        return new Answer(status, head, body, millis);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(chunked.substring(i, eol).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = eol + 2;
            // sizes count bytes; bodies here are ASCII JSON/CSV, close enough to find the envelope
            out.append(chunked, start, Math.min(chunked.length(), start + size));
            i = start + size + 2;
        }
        return out.toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
