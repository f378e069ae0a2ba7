package io.nextops.export;

/**
 * Base of every exception export-core throws while exporting: a value a column cannot write, a text over Excel's
 * limit under {@link TextOverflow#FAIL}, or (as {@link ExportAbortedException}) a sink that failed. Invalid
 * configuration is rejected earlier with {@link IllegalArgumentException}.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class ExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
