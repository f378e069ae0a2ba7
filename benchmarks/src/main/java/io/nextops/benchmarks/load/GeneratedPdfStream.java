package io.nextops.benchmarks.load;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A PDF-like byte stream of an exact length, generated as it is read: a {@code %PDF-1.4} header, pseudo-random
 * filler lines seeded per instance (so every upload has its own digest), and a {@code %%EOF} trailer. Nothing but a
 * small fixed buffer is held, whatever the length. Not thread-safe (one reader).
 */
final class GeneratedPdfStream extends InputStream {
    private static final byte[] HEADER = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] TRAILER = "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    private final long length;
    private final SplittableRandom random;
    private long position;

    GeneratedPdfStream(long lengthBytes, long seed) {
        if (lengthBytes < HEADER.length + TRAILER.length) {
            throw new IllegalArgumentException("lengthBytes must be >= " + (HEADER.length + TRAILER.length)
                    + ", was " + lengthBytes);
        }
        this.length = lengthBytes;
        this.random = new SplittableRandom(seed);
    }

    long length() {
        return length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = byteAt(position + i);
        }
        position += n;
        return n;
    }

    private byte byteAt(long p) {
        if (p < HEADER.length) {
            return HEADER[(int) p];
        }
        long fromEnd = length - p;
        if (fromEnd <= TRAILER.length) {
            return TRAILER[TRAILER.length - (int) fromEnd];
        }
        // filler: printable bytes with a newline every 80, like a stream object's text
        return (p % 80 == 0) ? (byte) '\n' : (byte) (0x21 + random.nextInt(0x5d));
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - position);
    }
}
