package io.nextops.export.xlsx;

import io.nextops.export.Column;
import io.nextops.export.ExportException;
import io.nextops.export.TextOverflow;
import io.nextops.export.XlsxOptions;
import io.nextops.export.internal.CellValues;
import io.nextops.export.internal.ExportProgress;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes one value as a typed cell. Text goes in as inline strings: fastexcel's shared-string table would keep every
 * distinct text in memory until the workbook ends.
 */
final class CellWriter<R> {

    private final XlsxOptions options;
    private final ExportProgress progress;

    CellWriter(XlsxOptions options, ExportProgress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Writes the column's value for {@code row} at ({@code r}, {@code c}); returns whether the cell holds a value. */
    boolean write(Worksheet sheet, int r, int c, Column<R> column, R row, long rowNumber) {
        Object value = CellValues.extract(column, row, rowNumber);
        if (value == null) {
            return false;
        }
        switch (column.type()) {
            case TEXT -> sheet.inlineString(r, c, text(column, value.toString(), rowNumber));
            case INTEGER, DECIMAL, MONEY, PERCENT -> {
                if (!(value instanceof Number n)) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                if (CellValues.isNonFinite(n)) {
                    return false;
                }
                sheet.value(r, c, excelNumber(n));
            }
            case DATE -> {
                LocalDate date = CellValues.toLocalDate(value, options.zone());
                if (date == null) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                sheet.value(r, c, date);
            }
            case DATETIME -> {
                LocalDateTime dateTime = CellValues.toLocalDateTime(value, options.zone());
                if (dateTime == null) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                sheet.value(r, c, dateTime);
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                sheet.value(r, c, b);
            }
            default -> throw new IllegalStateException("unknown column type " + column.type());
        }
        return true;
    }

    private String text(Column<R> column, String raw, long rowNumber) {
        String text = options.neutralizeFormulas() ? CellValues.neutralize(raw) : raw;
        int limit = TextOverflow.EXCEL_MAX_CELL_CHARS;
        if (text.length() <= limit) {
            return text;
        }
        if (options.textOverflow() == TextOverflow.FAIL) {
            throw new ExportException("column '" + column.header() + "' has " + text.length()
                    + " characters at row " + rowNumber + ", over Excel's cell limit of " + limit);
        }
        progress.cellTruncated();
        int cut = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, cut);
    }

    /** fastexcel writes Integer, Long and Double natively and anything else with {@code toString()}. */
    private static Number excelNumber(Number n) {
        if (n instanceof BigInteger) {
            return n;
        }
        if (CellValues.isIntegral(n)) {
            return n.longValue();
        }
        return n.doubleValue();
    }
}
