package io.nextops.export.internal;

import io.nextops.export.ExportListener;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Counters of one running export, kept outside the writer so they survive an abort. Not API.
 *
 * <p>Thread-safety: not thread-safe; owned by the exporting thread.
 */
public final class ExportProgress {

    /** Rows between checks of the thread's interrupt flag and calls of the listener. */
    private static final int CHECK_MASK = ExportListener.EVERY_ROWS - 1;

    private final ExportListener listener;
    private final SinkGuard sink;
    private long rowsWritten;
    private long truncatedCells;
    private final List<String> sheetNames = new ArrayList<>();

    /** Counters for an export into {@code sink}, reporting to {@code listener}. */
    public ExportProgress(ExportListener listener, SinkGuard sink) {
        this.listener = listener;
        this.sink = sink;
    }

    /**
     * Counts one finished row; every 1,024 rows stops the export if the thread was interrupted, else tells the
     * listener (one mask test per row; nothing allocated).
     */
    public void rowWritten() throws InterruptedIOException {
        rowsWritten++;
        if ((rowsWritten & CHECK_MASK) == 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("thread interrupted");
            }
            listener.progress(rowsWritten, sink.bytesWritten());
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
