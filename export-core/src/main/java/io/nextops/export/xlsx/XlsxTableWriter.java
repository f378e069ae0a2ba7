package io.nextops.export.xlsx;

import io.nextops.export.Columns;
import io.nextops.export.ExportFormat;
import io.nextops.export.XlsxOptions;
import io.nextops.export.internal.ExportProgress;
import io.nextops.export.internal.TableWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.ZipOutputStream;

/**
 * Writes a styled XLSX workbook (SpreadsheetML in a zip, JDK only) as the rows arrive: each row goes straight into a
 * small XML buffer that is deflated into the output, so memory does not grow with the rows. A sheet that reaches
 * {@link XlsxOptions#maxRowsPerSheet()} is finished and followed by a new one with the header repeated; the workbook
 * parts that name the sheets are written after the last one. Not API: use
 * {@link io.nextops.export.Exporter#xlsx(XlsxOptions)}.
 *
 * <p>Thread-safety: immutable; each {@code write} call is confined to its thread.
 */
public final class XlsxTableWriter implements TableWriter {

    /**
     * {@link Deflater#BEST_SPEED}: deflate was half of an export's CPU at the default level 6 (JFR, 200k invoice
     * rows); level 1 is several times faster for ~1.3x larger files of this repetitive XML.
     */
    static final int COMPRESSION_LEVEL = Deflater.BEST_SPEED;
    /** Between the zip stream's 512-byte deflate chunks and the caller's stream. */
    private static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

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
        Zip zip = new Zip(new BufferedOutputStream(sink, OUTPUT_BUFFER_BYTES));
        try {
            zip.setLevel(COMPRESSION_LEVEL);
            XmlBuffer xml = new XmlBuffer(zip);
            StyleTable styles = new StyleTable(columns);
            CellWriter<R> cells = new CellWriter<>(styles, columns.size(), options, progress);
            List<String[]> sheets = new ArrayList<>(); // name, used range
            int sheetNumber = 1;
            SheetWriter<R> sheet = SheetWriter.start(zip, xml, sheetNumber, columns, cells, options, progress);
            long rowNumber = 0;
            while (rows.hasNext()) {
                if (sheet.isFull()) {
                    sheet.finish(zip);
                    sheets.add(new String[] {sheet.name(), sheet.usedRange()});
                    sheet = SheetWriter.start(zip, xml, ++sheetNumber, columns, cells, options, progress);
                }
                R row = rows.next();
                sheet.writeRow(row, ++rowNumber);
                progress.rowWritten();
            }
            sheet.finish(zip);
            sheets.add(new String[] {sheet.name(), sheet.usedRange()});
            WorkbookParts.write(zip, xml, styles, sheets);
            zip.finish();
            zip.flush(); // the buffer into the sink; the sink is not closed
        } finally {
            // on failure nothing more is written (no zip directory); either way the native deflater is freed now
            zip.release();
        }
    }

    /** The JDK zip stream, with a way to free its deflater without writing anything (closing would finish it). */
    private static final class Zip extends ZipOutputStream {

        Zip(OutputStream out) {
            super(out);
        }

        void release() {
            def.end();
        }
    }
}
