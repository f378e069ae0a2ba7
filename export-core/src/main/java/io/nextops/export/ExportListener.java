package io.nextops.export;

/**
 * Told how far a running export has got, every {@value #EVERY_ROWS} rows, on the exporting thread: for progress logs
 * and "exports in progress" views of long exports. It is called from inside the row loop, so it must be cheap (read a
 * clock at most, no I/O on most calls) and must not throw; a listener that needs the time reads it itself, so the
 * exporter reads no clock per row.
 *
 * <pre>{@code
 * exporter.export(columns, rows, out, (rows, bytes) -> counter.set(rows, bytes));
 * }</pre>
 *
 * <p>Thread-safety: called by one thread at a time (the exporting one); implementations publish what they keep
 * themselves if other threads read it.
 */
@FunctionalInterface
public interface ExportListener {
    /** Rows between two calls. */
    int EVERY_ROWS = 1024;

    /** A listener that does nothing. */
    ExportListener NONE = (rows, bytes) -> { };

    /**
     * @param rowsWritten  data rows written so far (a multiple of {@value #EVERY_ROWS})
     * @param bytesWritten bytes handed to the output stream so far (the XLSX writer buffers, so it lags the rows)
     */
    void progress(long rowsWritten, long bytesWritten);
}
