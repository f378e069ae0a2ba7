package io.nextops.export.xlsx;

import io.nextops.export.Column;
import io.nextops.export.Columns;
import io.nextops.export.XlsxOptions;
import io.nextops.export.internal.ExportProgress;
import java.io.IOException;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One sheet being written: header on row 1, then data rows in blocks that are styled and flushed together.
 *
 * <p>Styling a block at once (a range per column, a range per shaded row) instead of cell by cell keeps fastexcel's
 * style cache lookups to a handful per block; see {@link SheetStyles}.
 */
final class SheetWriter<R> {

    private final Worksheet sheet;
    private final Columns<R> columns;
    private final CellWriter<R> cells;
    private final SheetStyles styles;
    private final int maxRows;
    private final int flushEveryRows;
    /** Whether each cell of the current block holds a value: {@code [(row - blockStart) * columns + column]}. */
    private final boolean[] filled;
    private int nextRow;
    private int blockStart;

    private SheetWriter(Worksheet sheet, Columns<R> columns, CellWriter<R> cells, XlsxOptions options) {
        this.sheet = sheet;
        this.columns = columns;
        this.cells = cells;
        this.styles = new SheetStyles(sheet, columns);
        this.maxRows = options.maxRowsPerSheet();
        this.flushEveryRows = options.flushEveryRows();
        this.filled = new boolean[flushEveryRows * columns.size()];
    }

    static <R> SheetWriter<R> start(Workbook workbook, int sheetNumber, Columns<R> columns, CellWriter<R> cells,
                                    XlsxOptions options, ExportProgress progress) {
        String name = SheetNames.name(options.sheetName(), sheetNumber);
        Worksheet sheet = workbook.newWorksheet(name);
        progress.sheetStarted(name);
        SheetWriter<R> writer = new SheetWriter<>(sheet, columns, cells, options);
        writer.writeHeader();
        return writer;
    }

    /** Widths and the frozen pane go into the sheet preamble, so they are set before the first flush. */
    private void writeHeader() {
        for (int c = 0; c < columns.size(); c++) {
            Column<R> column = columns.get(c);
            sheet.width(c, column.width());
            sheet.inlineString(0, c, column.header());
        }
        sheet.freezePane(0, 1);
        styles.styleHeader();
        nextRow = 1;
        blockStart = 1;
    }

    boolean isFull() {
        return nextRow >= maxRows;
    }

    void writeRow(R row, long rowNumber) throws IOException {
        int offset = (nextRow - blockStart) * columns.size();
        for (int c = 0; c < columns.size(); c++) {
            filled[offset + c] = cells.write(sheet, nextRow, c, columns.get(c), row, rowNumber);
        }
        nextRow++;
        if (nextRow - blockStart == flushEveryRows) {
            flushBlock();
        }
    }

    private void flushBlock() throws IOException {
        if (nextRow > blockStart) {
            styles.styleBlock(blockStart, nextRow - 1, filled);
        }
        sheet.flush();
        blockStart = nextRow;
    }

    /** Flushes the last block, sets the autofilter over the used range and closes the sheet's XML part. */
    void finish() throws IOException {
        flushBlock();
        sheet.setAutoFilter(0, 0, nextRow - 1, columns.size() - 1);
        sheet.finish();
    }
}
