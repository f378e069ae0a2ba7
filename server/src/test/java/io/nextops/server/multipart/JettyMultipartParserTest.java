package io.nextops.server.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.web.MultipartParser;
import io.nextops.web.MultipartParser.Limits;
import io.nextops.web.MultipartParser.Part;
import io.nextops.web.MultipartParser.Parts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JettyMultipartParserTest {
    private static final String BOUNDARY = "----nextops7MA4YWxkTrZu0gW";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final Limits LIMITS = new Limits(1L << 40, 100, 4096);
    private final MultipartParser parser = new JettyMultipartParser();

    @Test
    void readsFieldsAndFilesInOrderWithTheirContent() throws IOException {
        byte[] file = random(300_000, 1); // spans many 16 KiB blocks
        byte[] body = new Body().field("proveedor_id", "42").file("files[]", "factura ñandú 日本.pdf", file)
                .field("tipo_costo", "FLETE").end();

        List<String> seen = new ArrayList<>();
        Parts parts = parser.parse(TYPE, new ByteArrayInputStream(body), LIMITS);
        for (Part p = parts.next(); p != null; p = parts.next()) {
            byte[] content = p.content().readAllBytes();
            seen.add(p.name() + "|" + p.fileName() + "|" + p.isFormField() + "|"
                    + (p.isFormField() ? new String(content, StandardCharsets.UTF_8) : sha256(content)));
        }
        assertThat(seen).containsExactly("proveedor_id|null|true|42",
                "files[]|factura ñandú 日本.pdf|false|" + sha256(file), "tipo_costo|null|true|FLETE");
        assertThat(parts.next()).isNull();
    }

    @Test
    void readsContentArrivingOneByteAtATime() throws IOException {
        byte[] file = random(5_000, 2);
        byte[] body = new Body().file("files", "a.bin", file).end();
        Parts parts = parser.parse(TYPE, new Trickle(body), LIMITS);
        Part p = parts.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = p.content().read(); b >= 0; b = p.content().read()) {
            out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(file);
        assertThat(parts.next()).isNull();
    }

    @Test
    void skipsWhatWasNotReadOfAPart() throws IOException {
        byte[] body = new Body().file("ignored", "big.bin", random(100_000, 3)).field("after", "yes").end();
        Parts parts = parser.parse(TYPE, new ByteArrayInputStream(body), LIMITS);
        Part first = parts.next();
        assertThat(first.content().read(new byte[10])).isEqualTo(10);
        Part second = parts.next();
        assertThat(second.name()).isEqualTo("after");
        assertThat(new String(second.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("yes");
        assertThat(first.content().read()).as("a skipped part reads as ended").isEqualTo(-1);
    }

    @Test
    void aBodyEndingBeforeTheClosingBoundaryIsAnEofException() throws IOException {
        byte[] whole = new Body().file("files", "a.pdf", random(50_000, 4)).end();
        byte[] cut = Arrays.copyOf(whole, whole.length - 200);
        Parts parts = parser.parse(TYPE, new ByteArrayInputStream(cut), LIMITS);
        Part p = parts.next();
        assertThatThrownBy(() -> p.content().readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void headersOverTheLimitAreMalformed() throws IOException {
        byte[] body = new Body().file("files", "n".repeat(5000) + ".pdf", random(10, 5)).end();
        Parts parts = parser.parse(TYPE, new ByteArrayInputStream(body), LIMITS);
        assertThatThrownBy(parts::next).isInstanceOf(MultipartParser.MalformedException.class)
                .hasMessageContaining("4096 bytes");
    }

    @Test
    void morePartsThanTheLimitAreMalformed() throws IOException {
        Body b = new Body();
        for (int i = 0; i < 4; i++) {
            b.field("f" + i, "v");
        }
        Parts parts = parser.parse(TYPE, new ByteArrayInputStream(b.end()), new Limits(1 << 20, 3, 4096));
        assertThatThrownBy(() -> {
            while (parts.next() != null) {
                // read them all
            }
        }).isInstanceOf(MultipartParser.MalformedException.class);
    }

    @Test
    void aBodyOverTheByteLimitStopsWithBodyTooLarge() throws IOException {
        byte[] body = new Body().file("files", "a.pdf", random(200_000, 6)).end();
        Parts parts = parser.parse(TYPE, new ByteArrayInputStream(body), new Limits(100_000, 10, 4096));
        Part p = parts.next();
        assertThatThrownBy(() -> p.content().readAllBytes())
                .isInstanceOf(MultipartParser.BodyTooLargeException.class).hasMessageContaining("100000");
        // exactly the limit passes
        Parts exact = parser.parse(TYPE, new ByteArrayInputStream(body), new Limits(body.length, 10, 4096));
        assertThat(exact.next().content().readAllBytes()).hasSize(200_000);
    }

    @Test
    void theBodysOwnFailurePropagatesUnchanged() throws IOException {
        byte[] start = Arrays.copyOf(new Body().file("files", "a.pdf", random(40_000, 7)).end(), 30_000);
        IOException gone = new IOException("client went away");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
            @Override
            public int read() throws IOException {
                throw gone;
            }
        });
        Part p = parser.parse(TYPE, failing, LIMITS).next();
        assertThatThrownBy(() -> p.content().readAllBytes()).isSameAs(gone);
    }

    @Test
    void aContentTypeWithoutBoundaryIsMalformed() {
        assertThatThrownBy(() -> parser.parse("multipart/form-data", new ByteArrayInputStream(new byte[0]), LIMITS))
                .isInstanceOf(MultipartParser.MalformedException.class).hasMessageContaining("boundary");
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new Limits(0, 1, 4096)).hasMessage("maxBodyBytes must be >= 1, was 0");
        assertThatThrownBy(() -> new Limits(1, 0, 4096)).hasMessage("maxParts must be >= 1, was 0");
        assertThatThrownBy(() -> new Limits(1, 1, 10)).hasMessage("maxPartHeaderBytes must be >= 256, was 10");
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A multipart/form-data body as a browser writes it. */
    private static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body field(String name, String value) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Body file(String name, String fileName, byte[] content) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        byte[] end() {
            write("--" + BOUNDARY + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Hands out one byte per read, the worst a network can do. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int position;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
