package io.nextops.export.internal;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Counters of one running export, kept outside the writer so they survive an abort. Not API.
 *
 * <p>Thread-safety: not thread-safe; owned by the exporting thread.
 */
public final class ExportProgress {

    /** Rows between checks of the thread's interrupt flag. */
    private static final int INTERRUPT_CHECK_MASK = 1023;

    private long rowsWritten;
    private long truncatedCells;
    private final List<String> sheetNames = new ArrayList<>();

    /** Counts one finished row; every 1,024 rows stops the export if the thread was interrupted. */
    public void rowWritten() throws InterruptedIOException {
        rowsWritten++;
        if ((rowsWritten & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("thread interrupted");
        }
    }

    public void cellTruncated() {
        truncatedCells++;
    }

    public void sheetStarted(String name) {
        sheetNames.add(name);
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    public long truncatedCells() {
        return truncatedCells;
    }

    public List<String> sheetNames() {
        return List.copyOf(sheetNames);
    }
}
