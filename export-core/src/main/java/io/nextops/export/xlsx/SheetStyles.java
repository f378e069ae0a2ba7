package io.nextops.export.xlsx;

import io.nextops.export.CellAlignment;
import io.nextops.export.Column;
import io.nextops.export.Columns;
import org.dhatim.fastexcel.StyleSetter;
import org.dhatim.fastexcel.Worksheet;

/**
 * The NextOps export look (nextops-domain.md 3.1): a blue bold header, Calibri 11 data with thin grey borders,
 * vertically centred, {@code F3F4F6} on even sheet rows (so the first data row is shaded). A column's number format
 * and alignment apply to non-null values only; an empty cell keeps the plain left-aligned data style.
 */
final class SheetStyles {

    // ARGB, as SpreadsheetML expects; the RGB part is what the original used
    static final String HEADER_FILL = "FF1E40AF";
    static final String HEADER_FONT_COLOR = "FFFFFFFF";
    static final String BORDER_COLOR = "FFD1D5DB";
    static final String ZEBRA_FILL = "FFF3F4F6";
    static final String FONT = "Calibri";
    static final int HEADER_FONT_SIZE = 12;
    static final int DATA_FONT_SIZE = 11;

    private final Worksheet sheet;
    private final Columns<?> columns;

    SheetStyles(Worksheet sheet, Columns<?> columns) {
        this.sheet = sheet;
        this.columns = columns;
    }

    void styleHeader() {
        sheet.range(0, 0, 0, columns.size() - 1).style()
                .fontName(FONT).fontSize(HEADER_FONT_SIZE).bold().fontColor(HEADER_FONT_COLOR)
                .fillColor(HEADER_FILL)
                .horizontalAlignment("center").verticalAlignment("center").wrapText(true)
                .borderStyle("thin").borderColor(BORDER_COLOR)
                .set();
    }

    /**
     * Styles sheet rows {@code top..bottom} (0-based, inclusive): per column, each run of rows with the same
     * filled/empty state gets one range style (one range for the whole block when both states look the same); then
     * each even sheet row gets the zebra fill merged on top. fastexcel maps each distinct old style to a merged one
     * per range, so this costs a few cache lookups per range instead of one style build per cell.
     */
    void styleBlock(int top, int bottom, boolean[] filled) {
        int width = columns.size();
        for (int c = 0; c < width; c++) {
            Column<?> column = columns.get(c);
            if (column.numberFormat() == null && column.alignment() == CellAlignment.LEFT) {
                // filled and empty cells look the same: one range for the whole block
                dataStyle(sheet.range(top, c, bottom, c).style(), column);
                continue;
            }
            int runStart = top;
            boolean runFilled = filled[c];
            for (int r = top + 1; r <= bottom + 1; r++) {
                boolean cellFilled = r <= bottom && filled[(r - top) * width + c];
                if (r > bottom || cellFilled != runFilled) {
                    dataStyle(sheet.range(runStart, c, r - 1, c).style(), runFilled ? column : null);
                    runStart = r;
                    runFilled = cellFilled;
                }
            }
        }
        // Sheet row numbers are 1-based: 0-based odd rows are the even sheet rows 2, 4, ...
        for (int r = top | 1; r <= bottom; r += 2) {
            sheet.range(r, 0, r, width - 1).style().fillColor(ZEBRA_FILL).set();
        }
    }

    private static void dataStyle(StyleSetter style, Column<?> filledColumn) {
        style.fontName(FONT).fontSize(DATA_FONT_SIZE)
                .verticalAlignment("center")
                .borderStyle("thin").borderColor(BORDER_COLOR);
        if (filledColumn == null) {
            style.horizontalAlignment(CellAlignment.LEFT.xmlValue());
        } else {
            style.horizontalAlignment(filledColumn.alignment().xmlValue());
            if (filledColumn.numberFormat() != null) {
                style.format(filledColumn.numberFormat());
            }
        }
        style.set();
    }
}
