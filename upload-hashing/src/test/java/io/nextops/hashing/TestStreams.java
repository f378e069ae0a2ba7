package io.nextops.hashing;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/** Deterministic and misbehaving input streams for tests; nothing here allocates the content it produces. */
public final class TestStreams {
    /** A prime period, so the pattern never lines up with power-of-two chunk boundaries. */
    private static final int PERIOD = 1_000_003;
    private static final byte[] PATTERN = new byte[PERIOD];

    static {
        new Random(20240917L).nextBytes(PATTERN);
    }

    private TestStreams() {
    }

    /** {@code length} pseudo-random bytes, the same for every call. */
    public static InputStream deterministic(long length) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= length) {
                    return -1;
                }
                return PATTERN[(int) (position++ % PERIOD)] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - position);
                int done = 0;
                while (done < n) {
                    int at = (int) ((position + done) % PERIOD);
                    int step = Math.min(n - done, PERIOD - at);
                    System.arraycopy(PATTERN, at, b, off + done, step);
                    done += step;
                }
                position += n;
                return n;
            }
        };
    }

    public static byte[] deterministicBytes(int length) throws IOException {
        return deterministic(length).readAllBytes();
    }

    /** Delivers {@code delegate} at most {@code maxPerRead} bytes per read call, like a slow socket. */
    public static InputStream shortReads(InputStream delegate, int maxPerRead) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return delegate.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return delegate.read(b, off, Math.min(len, maxPerRead));
            }
        };
    }

    /** Delivers {@code failAfterBytes} bytes of {@code delegate}, then throws as a dropped client connection does. */
    public static InputStream failingAfter(InputStream delegate, long failAfterBytes) {
        return new InputStream() {
            private long delivered;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (delivered >= failAfterBytes) {
                    throw new IOException("Connection reset by peer");
                }
                int n = delegate.read(b, off, (int) Math.min(len, failAfterBytes - delivered));
                if (n > 0) {
                    delivered += n;
                }
                return n;
            }
        };
    }

    /** Counts the bytes taken from {@code delegate}. */
    public static final class Counting extends InputStream {
        private final InputStream delegate;
        private long count;

        public Counting(InputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = delegate.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        public long count() {
            return count;
        }
    }

    /** The reference: MessageDigest over the whole stream, in lower-case hex. */
    public static String referenceDigest(String algorithm, InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        byte[] buffer = new byte[1 << 20];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
