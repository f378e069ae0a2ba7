package io.nextops.server.resilience;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the bad-input corpus: a raw HTTP/1.1 request (method and path sent byte for byte, so paths may hold
 * {@code %00} or {@code ..}), the endpoint it targets (cases of an endpoint the server does not have yet are skipped),
 * and what counts as a clean refusal. Built fluently; immutable once handed to the corpus.
 */
final class BadRequest {
    /** What a clean answer is. */
    enum Expect {
        /** a 4xx */
        CLIENT_ERROR,
        /** a 4xx, or a 200 that matched nothing ({@code "count":0}, an export of 0 rows) */
        NO_MATCH,
        /** a 4xx, or a 2xx that stored nothing ({@code "processed":0}) */
        NOTHING_STORED,
        /** a 4xx, or the connection closed without an answer (a client that never finishes its body) */
        CLIENT_ERROR_OR_CLOSED,
        /** exactly 505: an HTTP version the server does not speak */
        VERSION_NOT_SUPPORTED
    }

    /** Which token the request carries. */
    enum Auth { ADMIN, NONE, CUSTOM }

    final String name;
    final String endpoint;
    String method = "GET";
    String target;
    final List<String> headers = new ArrayList<>();
    byte[] body = new byte[0];
    Auth auth = Auth.ADMIN;
    Long contentLength;
    boolean noContentLength;
    int sendBytes = -1;
    long stallMillis;
    Expect expect = Expect.CLIENT_ERROR;
    String rawHead;
    boolean keepsFileOfRefusedUpload;

    private BadRequest(String endpoint, String name) {
        this.endpoint = endpoint;
        this.name = name;
    }

    static BadRequest of(String endpoint, String name) {
        return new BadRequest(endpoint, name);
    }

    BadRequest get(String target) {
        return call("GET", target);
    }

    BadRequest call(String method, String target) {
        this.method = method;
        this.target = target;
        return this;
    }

    BadRequest json(String json) {
        return body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    BadRequest body(String contentType, byte[] bytes) {
        if (contentType != null) {
            headers.add("Content-Type: " + contentType);
        }
        this.body = bytes;
        return this;
    }

    BadRequest header(String line) {
        headers.add(line);
        return this;
    }

    BadRequest auth(Auth a) {
        this.auth = a;
        return this;
    }

    BadRequest bearer(String token) {
        this.auth = Auth.CUSTOM;
        headers.add("Authorization: Bearer " + token);
        return this;
    }

    BadRequest contentLength(long n) {
        this.contentLength = n;
        return this;
    }

    BadRequest noContentLength() {
        this.noContentLength = true;
        return this;
    }

    /** Sends only {@code bytes} of the body, then waits {@code millis} before reading the answer. */
    BadRequest stall(int bytes, long millis) {
        this.sendBytes = bytes;
        this.stallMillis = millis;
        return this;
    }

    /** Replaces the whole request head (request line and headers) with {@code head}, sent as is. */
    BadRequest rawHead(String head) {
        this.rawHead = head;
        return this;
    }

    /** The upload sends its file before {@code proveedor_id}: the server keeps the file and its row by design. */
    BadRequest keepsFileOfRefusedUpload() {
        this.keepsFileOfRefusedUpload = true;
        return this;
    }

    BadRequest expect(Expect e) {
        this.expect = e;
        return this;
    }

    byte[] head(String adminToken) {
        if (rawHead != null) {
            return rawHead.getBytes(StandardCharsets.ISO_8859_1);
        }
        StringBuilder h = new StringBuilder();
        h.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        h.append("Host: 127.0.0.1\r\n");
        if (auth == Auth.ADMIN) {
            h.append("Authorization: Bearer ").append(adminToken).append("\r\n");
        }
        headers.forEach(line -> h.append(line).append("\r\n"));
        if (!noContentLength && (body.length > 0 || contentLength != null || !method.equals("GET"))) {
            h.append("Content-Length: ").append(contentLength != null ? contentLength : body.length).append("\r\n");
        }
        h.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // UTF-8 so that unicode in paths and headers goes out as the bytes a client would send
        byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        return out.toByteArray();
    }

    int bytesToSend() {
        return sendBytes < 0 ? body.length : sendBytes;
    }

    @Override
    public String toString() {
        return "[" + endpoint + "] " + name;
    }
}
