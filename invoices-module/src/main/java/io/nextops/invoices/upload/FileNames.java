package io.nextops.invoices.upload;

import java.nio.charset.StandardCharsets;

/**
 * Client file names, which are only ever metadata: cleaned for the {@code filename} column and encoded for a
 * {@code Content-Disposition} header (RFC 6266 with an RFC 5987 {@code filename*}). Disk paths never come from them.
 */
final class FileNames {
    /** Length of {@code invoices_uploaded_file.filename}. */
    static final int MAX_LENGTH = 500;

    private FileNames() {}

    /**
     * The name as stored: control characters (NUL included) removed, surrounding blanks trimmed, at most
     * {@value #MAX_LENGTH} characters (never splitting a surrogate pair); {@code "upload"} when nothing is left.
     */
    static String clean(String raw) {
        if (raw == null) {
            return "upload";
        }
        StringBuilder b = new StringBuilder(Math.min(raw.length(), MAX_LENGTH));
        raw.codePoints().filter(cp -> !Character.isISOControl(cp) && cp != 0x2028 && cp != 0x2029)
                .forEach(b::appendCodePoint);
        String s = b.toString().strip();
        if (s.length() > MAX_LENGTH) {
            int end = Character.isHighSurrogate(s.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            s = s.substring(0, end);
        }
        return s.isEmpty() ? "upload" : s;
    }

    /**
     * {@code attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>}: the last path segment of the
     * cleaned name, with quotes, backslashes and non-ASCII replaced in the plain fallback.
     */
    static String contentDisposition(String storedName) {
        String name = clean(storedName);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0 && slash < name.length() - 1) {
            name = name.substring(slash + 1);
        }
        StringBuilder ascii = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '/' ? '_' : c);
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncode(name);
    }

    /** RFC 5987 {@code value-chars}: attr-char kept, everything else as %XX of its UTF-8 bytes. */
    static String percentEncode(String s) {
        StringBuilder b = new StringBuilder(s.length() * 3);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
