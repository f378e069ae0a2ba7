package io.nextops.export.internal;

import io.nextops.export.Columns;
import io.nextops.export.ExportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * One output format: writes the header and every row to the sink, then finishes the file. Not API: reach it through
 * {@link io.nextops.export.Exporter}.
 *
 * <p>Thread-safety: implementations are immutable; each {@code write} call runs on the calling thread only.
 */
public interface TableWriter {

    ExportFormat format();

    /**
     * Writes the whole table. Must not close {@code sink}; must stop at the first {@link IOException}, and must call
     * {@link ExportProgress#rowWritten()} after each row.
     */
    <R> void write(Columns<R> columns, Iterator<? extends R> rows, OutputStream sink, ExportProgress progress)
            throws IOException;
}
