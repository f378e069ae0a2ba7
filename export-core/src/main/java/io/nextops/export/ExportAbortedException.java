package io.nextops.export;

/**
 * The export stopped because its {@link java.io.OutputStream} threw (typically the HTTP client went away) or the
 * exporting thread was interrupted. Nothing more is written once this is thrown; the caller should log one line and
 * close its row cursor. The {@linkplain #getCause() cause} is the sink's {@link java.io.IOException}
 * ({@code null} when interrupted).
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class ExportAbortedException extends ExportException {
    private static final long serialVersionUID = 1L;

    private final ExportFormat format;
    private final long rowsWritten;

    public ExportAbortedException(ExportFormat format, long rowsWritten, String reason, Throwable cause) {
        super(format.fileExtension() + " export aborted after " + rowsWritten + " rows: " + reason, cause);
        this.format = format;
        this.rowsWritten = rowsWritten;
    }

    /** The format that was being written. */
    public ExportFormat format() {
        return format;
    }

    /** Rows handed to the writer before it stopped (not all of them necessarily reached the client). */
    public long rowsWritten() {
        return rowsWritten;
    }
}
