package io.nextops.hashing;

import java.util.Locale;

/** The sniffing rules documented on {@link FileType}. */
final class FileTypeDetector {
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
    private static final String HTML_DOCTYPE = "<!doctype html";
    private static final String[] HTML_TAGS = {"<html", "<head", "<body", "<script"};
    /** Characters of markup decoded from the first {@code <}: enough for the doctype and the tags. */
    private static final int MARKUP_CHARS = 16;

    private FileTypeDetector() {
    }

    static FileType detect(byte[] b, int n) {
        if (n == 0) {
            return FileType.EMPTY;
        }
        if (startsWith(b, n, 0, PDF)) {
            return FileType.PDF;
        }
        if (startsWith(b, n, 0, PNG)) {
            return FileType.PNG;
        }
        if (startsWith(b, n, 0, JPEG)) {
            return FileType.JPEG;
        }
        if (startsWith(b, n, 0, ZIP_LOCAL)) {
            return hasXlEntry(b, n) ? FileType.XLSX : FileType.ZIP;
        }
        if (startsWith(b, n, 0, ZIP_EMPTY)) {
            return FileType.ZIP;
        }
        return detectText(b, n);
    }

    /**
     * Looks at every local file header inside the sniffed bytes, not only the first: writers that stream (Java's
     * ZipOutputStream, so fastexcel) put sizes in a trailing data descriptor, so headers cannot be skipped by size.
     */
    private static boolean hasXlEntry(byte[] b, int n) {
        for (int p = 0; p + 30 <= n; p++) {
            if (startsWith(b, n, p, ZIP_LOCAL)) {
                int nameLength = (b[p + 26] & 0xFF) | (b[p + 27] & 0xFF) << 8;
                if (nameLength >= 3 && p + 33 <= n && b[p + 30] == 'x' && b[p + 31] == 'l' && b[p + 32] == '/') {
                    return true;
                }
            }
        }
        return false;
    }

    private static FileType detectText(byte[] b, int n) {
        int unit = 1;
        boolean bigEndian = false;
        int p = 0;
        if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            p = 3;
        } else if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            p = 2;
            unit = 2;
        } else if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            p = 2;
            unit = 2;
            bigEndian = true;
        }
        while (p + unit <= n && isWhitespace(charAt(b, p, unit, bigEndian))) {
            p += unit;
        }
        if (p + unit > n) {
            return FileType.UNKNOWN;
        }
        int first = charAt(b, p, unit, bigEndian);
        if (first == '{' || first == '[') {
            return FileType.JSON;
        }
        if (first != '<') {
            return FileType.UNKNOWN;
        }
        StringBuilder markup = new StringBuilder(MARKUP_CHARS);
        for (int q = p; q + unit <= n && markup.length() < MARKUP_CHARS; q += unit) {
            markup.append((char) charAt(b, q, unit, bigEndian));
        }
        String lower = markup.toString().toLowerCase(Locale.ROOT);
        if (lower.startsWith(HTML_DOCTYPE)) {
            return FileType.HTML;
        }
        for (String tag : HTML_TAGS) {
            // the tag name must end there: <header> or <bodega> are XML
            if (lower.startsWith(tag) && (lower.length() == tag.length() || isTagEnd(lower.charAt(tag.length())))) {
                return FileType.HTML;
            }
        }
        return FileType.XML;
    }

    private static int charAt(byte[] b, int p, int unit, boolean bigEndian) {
        if (unit == 1) {
            return b[p] & 0xFF;
        }
        int lo = b[bigEndian ? p + 1 : p] & 0xFF;
        int hi = b[bigEndian ? p : p + 1] & 0xFF;
        return hi << 8 | lo;
    }

    private static boolean isTagEnd(char c) {
        return c == '>' || c == '/' || isWhitespace(c);
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean startsWith(byte[] b, int n, int offset, byte[] prefix) {
        if (offset + prefix.length > n) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
