package io.nextops.export.xlsx;

import io.nextops.export.Column;
import io.nextops.export.Columns;
import io.nextops.export.ExportFormat;
import io.nextops.export.XlsxOptions;
import io.nextops.export.internal.ExportProgress;
import io.nextops.export.internal.TableWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Objects;
import org.dhatim.fastexcel.Workbook;

/**
 * Writes a styled XLSX workbook with fastexcel's streaming writer: rows are kept in memory only until the next
 * flush (every {@link XlsxOptions#flushEveryRows()} rows), and a sheet that reaches
 * {@link XlsxOptions#maxRowsPerSheet()} is finished and followed by a new one with the header repeated. Not API: use
 * {@link io.nextops.export.Exporter#xlsx(XlsxOptions)}.
 *
 * <p>Thread-safety: immutable; each {@code write} call is confined to its thread.
 */
public final class XlsxTableWriter implements TableWriter {

    private static final String APPLICATION = "NextOps";
    private static final String APPLICATION_VERSION = "1.0";

    /** {@link java.util.zip.Deflater#BEST_SPEED}. */
    static final int COMPRESSION_LEVEL = java.util.zip.Deflater.BEST_SPEED;

    private final XlsxOptions options;

    public XlsxTableWriter(XlsxOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.XLSX;
    }

    @Override
    public <R> void write(Columns<R> columns, Iterator<? extends R> rows, OutputStream sink, ExportProgress progress)
            throws IOException {
        // Workbook.finish() finishes the zip but does not close the sink; on failure nothing more is written.
        Workbook workbook = new Workbook(sink, APPLICATION, APPLICATION_VERSION);
        // Deflate was half of an export's CPU at the default level 6 (JFR, 200k invoice rows); level 1 is several
        // times faster for ~1.3x larger files of this repetitive XML (docs/benchmarks/side-by-side.md)
        workbook.setCompressionLevel(COMPRESSION_LEVEL);
        CellWriter<R> cells = new CellWriter<>(options, progress);
        int sheetNumber = 1;
        SheetWriter<R> sheet = SheetWriter.start(workbook, sheetNumber, columns, cells, options, progress);
        long rowNumber = 0;
        while (rows.hasNext()) {
            if (sheet.isFull()) {
                sheet.finish();
                sheet = SheetWriter.start(workbook, ++sheetNumber, columns, cells, options, progress);
            }
            R row = rows.next();
            sheet.writeRow(row, ++rowNumber);
            progress.rowWritten();
        }
        sheet.finish();
        workbook.finish();
    }
}
