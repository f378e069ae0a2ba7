package io.nextops.invoices.upload;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where uploaded invoice files are stored and how large an upload may be. Immutable, thread-safe.
 *
 * <pre>{@code
 * UploadConfig config = UploadConfig.defaults(dataDir).withMaxFileBytes(1024 * 1024);
 * }</pre>
 *
 * @param dir root of the blob store ({@code UPLOAD_DIR}; by default {@code $NEXTOPS_DATA_DIR/files})
 * @param maxFileBytes largest accepted file, in bytes; exactly this many pass ({@code UPLOAD_MAX_FILE_MB})
 * @param maxFiles most files per request; later ones are reported as per-file errors ({@code UPLOAD_MAX_FILES})
 * @param maxRequestBytes largest multipart body, in bytes; a larger one is answered 413
 *                        ({@code UPLOAD_MAX_REQUEST_MB}; by default maxFiles x maxFileBytes + 1 MiB)
 */
public record UploadConfig(Path dir, long maxFileBytes, int maxFiles, long maxRequestBytes) {
    public static final long MIB = 1024L * 1024;
    public static final long DEFAULT_MAX_FILE_BYTES = 10 * MIB;
    public static final int DEFAULT_MAX_FILES = 20;

    public UploadConfig {
        Objects.requireNonNull(dir, "dir");
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be >= 1, was " + maxFileBytes);
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be >= 1, was " + maxFiles);
        }
        if (maxRequestBytes < maxFileBytes) {
            throw new IllegalArgumentException("maxRequestBytes must be >= maxFileBytes (" + maxFileBytes + "), was "
                    + maxRequestBytes);
        }
    }

    /** 10 MiB per file, 20 files, files under {@code dataDir/files}. */
    public static UploadConfig defaults(Path dataDir) {
        return new UploadConfig(dataDir.resolve("files"), DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES,
                defaultMaxRequestBytes(DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_BYTES));
    }

    /** Room for {@code maxFiles} full files plus 1 MiB of multipart framing and form fields. */
    public static long defaultMaxRequestBytes(int maxFiles, long maxFileBytes) {
        return Math.multiplyExact(maxFiles, maxFileBytes) + MIB;
    }

    public UploadConfig withDir(Path dir) {
        return new UploadConfig(dir, maxFileBytes, maxFiles, maxRequestBytes);
    }

    /** Also raises {@code maxRequestBytes} to the default for the new size when it would be too small. */
    public UploadConfig withMaxFileBytes(long maxFileBytes) {
        return new UploadConfig(dir, maxFileBytes, maxFiles,
                Math.max(maxRequestBytes, defaultMaxRequestBytes(maxFiles, maxFileBytes)));
    }

    public UploadConfig withMaxFiles(int maxFiles) {
        return new UploadConfig(dir, maxFileBytes, maxFiles, maxRequestBytes);
    }

    public UploadConfig withMaxRequestBytes(long maxRequestBytes) {
        return new UploadConfig(dir, maxFileBytes, maxFiles, maxRequestBytes);
    }
}
