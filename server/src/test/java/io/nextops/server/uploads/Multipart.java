package io.nextops.server.uploads;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A multipart/form-data body written by hand, as a browser would: fields and files in the order added, file names
 * raw UTF-8 in {@code filename="..."}. Large files are generated while the body is sent, never held in memory.
 */
public final class Multipart {
    private record Piece(long length, Supplier<InputStream> content) {}

    final String boundary = "----NextOpsTestBoundary" + Long.toHexString(new Random().nextLong());
    private final List<Piece> pieces = new ArrayList<>();

    Multipart field(String name, String value) {
        bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    Multipart file(String name, String filename, byte[] content) {
        return file(name, filename, content.length, () -> new ByteArrayInputStream(content));
    }

    Multipart file(String filename, byte[] content) {
        return file("files[]", filename, content);
    }

    /** A file of {@code length} bytes read from {@code content} when the body is sent. */
    Multipart file(String name, String filename, long length, Supplier<InputStream> content) {
        bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + filename.replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        pieces.add(new Piece(length, content));
        bytes("\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    long length() {
        return pieces.stream().mapToLong(Piece::length).sum() + closing().length;
    }

    InputStream stream() {
        List<InputStream> streams = new ArrayList<>();
        for (Piece p : pieces) {
            streams.add(p.content().get());
        }
        streams.add(new ByteArrayInputStream(closing()));
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    byte[] bytes() {
        try (InputStream in = stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Streams the body with a Content-Length. */
    HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(this::stream),
                length());
    }

    private byte[] closing() {
        return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private void bytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        pieces.add(new Piece(b.length, () -> new ByteArrayInputStream(b)));
    }

    /** {@code %PDF-1.7} then {@code seed}-determined bytes, {@code length} in all. */
    static byte[] pdf(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, Math.min(head.length, length));
        return b;
    }

    /** A generated PDF-looking stream of {@code length} bytes: one random 64 KiB block repeated. */
    public static InputStream generatedPdf(long length, long seed) {
        byte[] block = pdf(64 * 1024, seed);
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                if (pos >= length) {
                    return -1;
                }
                int b = pos < block.length ? block[(int) pos] : block[(int) (pos % block.length)];
                pos++;
                return b & 0xff;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (pos >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - pos);
                int done = 0;
                while (done < n) {
                    int at = (int) (pos % block.length);
                    int k = Math.min(n - done, block.length - at);
                    System.arraycopy(block, at, buf, off + done, k);
                    done += k;
                    pos += k;
                }
                return n;
            }
        };
    }
}
