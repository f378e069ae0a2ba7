package io.nextops.hashing;

import java.io.InputStream;

/**
 * A stream whose type has been sniffed: {@code stream} yields every byte of the original, including the few that
 * were read to decide {@code type}. Read from {@code stream}, no longer from the original. Thread-safety: as the
 * wrapped stream (not thread-safe in general).
 *
 * @param type the type found in the first {@link FileType#SNIFF_BYTES} bytes
 * @param stream the original content from its first byte
 */
public record SniffedStream(FileType type, InputStream stream) {
    public SniffedStream {
        if (type == null || stream == null) {
            throw new IllegalArgumentException("type and stream must not be null, were " + type + ", " + stream);
        }
    }
}
