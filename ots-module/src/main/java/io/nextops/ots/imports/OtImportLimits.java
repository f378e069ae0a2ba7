package io.nextops.ots.imports;

/**
 * Limits of one OT import request. Immutable and thread-safe.
 *
 * <pre>{@code
 * OtImportLimits limits = OtImportLimits.defaults().withMaxFileBytes(20L << 20).withMaxRows(200_000);
 * }</pre>
 *
 * @param maxFileBytes largest uploaded file, in bytes (OT_IMPORT_MAX_FILE_MB; the original's 10 MB)
 * @param maxUncompressedBytes largest sum of the uncompressed sizes of an .xlsx's zip entries
 *        (OT_IMPORT_MAX_UNCOMPRESSED_MB): what stops a zip bomb before it is read
 * @param maxSharedStringsBytes largest uncompressed {@code xl/sharedStrings.xml}; the reader keeps the shared strings
 *        it has met on the heap (about twice this size at worst), so this bounds the heap of one import
 * @param maxRows most data rows per file (OT_IMPORT_MAX_ROWS)
 * @param maxFiles most files per request
 * @param batchRows rows per lookup and write batch
 * @param mode what a row error does to its file (OT_IMPORT_MODE)
 */
public record OtImportLimits(long maxFileBytes, long maxUncompressedBytes, long maxSharedStringsBytes, int maxRows,
                             int maxFiles, int batchRows, Mode mode) {
    public static final long MB = 1024L * 1024;

    /** The policy on row errors. */
    public enum Mode {
        /**
         * The original's: a file's valid rows are written and each bad row is reported in the answer with its row
         * number; a file is marked processed ({@code processed_files}) only when it was written. The default.
         */
        ROWS,
        /** All or nothing per file: a file with any bad row writes nothing and is not marked processed. */
        STRICT;

        /** {@code rows} or {@code strict} (case ignored), as {@code OT_IMPORT_MODE} is written. */
        public static Mode parse(String raw) {
            return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "rows" -> ROWS;
                case "strict" -> STRICT;
                default -> throw new IllegalArgumentException("mode must be rows or strict, was " + raw);
            };
        }
    }

    public OtImportLimits {
        java.util.Objects.requireNonNull(mode, "mode");
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be >= 1, was " + maxFileBytes);
        }
        if (maxUncompressedBytes < 1) {
            throw new IllegalArgumentException("maxUncompressedBytes must be >= 1, was " + maxUncompressedBytes);
        }
        if (maxSharedStringsBytes < 1) {
            throw new IllegalArgumentException("maxSharedStringsBytes must be >= 1, was " + maxSharedStringsBytes);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be >= 1, was " + maxFiles);
        }
        if (batchRows < 1 || batchRows > 10_000) {
            throw new IllegalArgumentException("batchRows must be in 1..10000, was " + batchRows);
        }
    }

    /** 10 MB per file, 200 MB uncompressed, 16 MB of shared strings, 500,000 rows, 20 files, batches of 500, ROWS. */
    public static OtImportLimits defaults() {
        return new OtImportLimits(10 * MB, 200 * MB, 16 * MB, 500_000, 20, 500, Mode.ROWS);
    }

    public OtImportLimits withMaxFileBytes(long v) {
        return new OtImportLimits(v, maxUncompressedBytes, maxSharedStringsBytes, maxRows, maxFiles, batchRows, mode);
    }

    public OtImportLimits withMaxUncompressedBytes(long v) {
        return new OtImportLimits(maxFileBytes, v, maxSharedStringsBytes, maxRows, maxFiles, batchRows, mode);
    }

    public OtImportLimits withMaxSharedStringsBytes(long v) {
        return new OtImportLimits(maxFileBytes, maxUncompressedBytes, v, maxRows, maxFiles, batchRows, mode);
    }

    public OtImportLimits withMaxRows(int v) {
        return new OtImportLimits(maxFileBytes, maxUncompressedBytes, maxSharedStringsBytes, v, maxFiles, batchRows, mode);
    }

    public OtImportLimits withMaxFiles(int v) {
        return new OtImportLimits(maxFileBytes, maxUncompressedBytes, maxSharedStringsBytes, maxRows, v, batchRows, mode);
    }

    public OtImportLimits withBatchRows(int v) {
        return new OtImportLimits(maxFileBytes, maxUncompressedBytes, maxSharedStringsBytes, maxRows, maxFiles, v, mode);
    }

    public OtImportLimits withMode(Mode v) {
        return new OtImportLimits(maxFileBytes, maxUncompressedBytes, maxSharedStringsBytes, maxRows, maxFiles, batchRows, v);
    }
}
