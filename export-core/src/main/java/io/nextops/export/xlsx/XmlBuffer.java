package io.nextops.export.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A byte buffer that SpreadsheetML is written into as UTF-8, handed to the zip stream when full or when asked.
 * It replaces fastexcel's writer, whose per-cell costs (a String per escaped character, a StringBuilder copied to a
 * String and then encoded on every flush, a column-letter String per cell) were most of an export's Java time.
 *
 * <p>Thread-safety: not thread-safe; owned by the exporting thread.
 */
final class XmlBuffer {

    static final int CAPACITY = 64 * 1024;
    /** Room kept free so that one markup piece or escaped character never overflows. */
    private static final int SLACK = 64;

    private final OutputStream out;
    private final byte[] buf = new byte[CAPACITY];
    private int pos;

    XmlBuffer(OutputStream out) {
        this.out = out;
    }

    /** Bytes of ASCII markup, computed once by the caller. */
    XmlBuffer raw(byte[] bytes) throws IOException {
        if (pos + bytes.length > CAPACITY - SLACK) {
            flush();
            if (bytes.length > CAPACITY - SLACK) {
                out.write(bytes);
                return this;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /** The first {@code len} bytes of {@code bytes}, short ASCII markup (at most 64 bytes). */
    XmlBuffer raw(byte[] bytes, int len) throws IOException {
        if (pos > CAPACITY - SLACK) {
            flush();
        }
        System.arraycopy(bytes, 0, buf, pos, len);
        pos += len;
        return this;
    }

    /** Markup that is ASCII and needs no escaping (element names, numbers, fixed attributes). */
    XmlBuffer ascii(String s) throws IOException {
        int len = s.length();
        if (pos + len > CAPACITY - SLACK) {
            flush();
            if (len > CAPACITY - SLACK) {
                out.write(s.getBytes(StandardCharsets.US_ASCII));
                return this;
            }
        }
        for (int i = 0; i < len; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
        return this;
    }

    XmlBuffer ascii(char c) throws IOException {
        if (pos > CAPACITY - SLACK) {
            flush();
        }
        buf[pos++] = (byte) c;
        return this;
    }

    /** A long in decimal, without allocating. */
    XmlBuffer digits(long value) throws IOException {
        if (pos > CAPACITY - SLACK) {
            flush();
        }
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return ascii(Long.toString(value));
            }
            buf[pos++] = '-';
            value = -value;
        }
        int len = 1;
        for (long v = value; v >= 10; v /= 10) {
            len++;
        }
        int end = pos + len;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        pos = end;
        return this;
    }

    /**
     * Text content, XML-escaped and UTF-8 encoded. {@code < > &} become entities; tab, LF and CR become character
     * references (as fastexcel wrote them, so a parser keeps CR); characters XML 1.0 cannot hold (NUL, BEL, lone
     * surrogates, U+FFFE/U+FFFF) are dropped. Other non-ASCII characters are written as UTF-8, not as {@code &#x..;}.
     */
    XmlBuffer text(String s) throws IOException {
        return escaped(s, false);
    }

    /** An attribute value: as {@link #text(String)}, and {@code "} as {@code &quot;}. */
    XmlBuffer attribute(String s) throws IOException {
        return escaped(s, true);
    }

    private XmlBuffer escaped(String s, boolean attribute) throws IOException {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            if (pos > CAPACITY - SLACK) {
                flush();
            }
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                switch (c) {
                    case '<' -> entity("&lt;");
                    case '>' -> entity("&gt;");
                    case '&' -> entity("&amp;");
                    case '"' -> {
                        if (attribute) {
                            entity("&quot;");
                        } else {
                            buf[pos++] = '"';
                        }
                    }
                    default -> buf[pos++] = (byte) c;
                }
            } else if (c < 0x20) {
                switch (c) {
                    case '\t' -> entity("&#x9;");
                    case '\n' -> entity("&#xa;");
                    case '\r' -> entity("&#xd;");
                    default -> { } // not allowed in XML 1.0: dropped
                }
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[pos++] = (byte) (0xF0 | (cp >> 18));
                    buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                }
                // a lone high surrogate is dropped
            } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                // dropped: not a character XML can hold
                continue;
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    private void entity(String e) {
        for (int k = 0; k < e.length(); k++) {
            buf[pos++] = (byte) e.charAt(k);
        }
    }

    /** Hands the buffered bytes to the stream. */
    void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
