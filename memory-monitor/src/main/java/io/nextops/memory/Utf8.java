package io.nextops.memory;

import java.nio.charset.StandardCharsets;

/** Encoded length of characters, without encoding them. */
final class Utf8 {
    private Utf8() {
    }

    static boolean isUtf8(String charsetName) {
        return charsetName != null && (charsetName.equalsIgnoreCase("UTF-8") || charsetName.equalsIgnoreCase("UTF8")
                || charsetName.equalsIgnoreCase(StandardCharsets.UTF_8.name()));
    }

    static long length(CharSequence s, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += length(s.charAt(i));
        }
        return bytes;
    }

    static long length(char[] chars, int from, int to) {
        long bytes = 0;
        for (int i = from; i < to; i++) {
            bytes += length(chars[i]);
        }
        return bytes;
    }

    /** Bytes for one UTF-16 unit; a surrogate pair is 4 bytes, so each half counts 2. */
    static int length(int c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate((char) c)) {
            return 2;
        }
        return 3;
    }
}
