package io.nextops.export.xlsx;

import io.nextops.export.Column;
import io.nextops.export.ExportException;
import io.nextops.export.TextOverflow;
import io.nextops.export.XlsxOptions;
import io.nextops.export.internal.CellValues;
import io.nextops.export.internal.ExportProgress;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Writes one value as a typed {@code <c>} element straight into the sheet's XML. Text goes in as inline strings: a
 * shared-string table would keep every distinct text in memory until the workbook ends.
 *
 * <p>Thread-safety: not thread-safe; owned by the exporting thread.
 */
final class CellWriter<R> {

    private static final byte[] TEXT_END = ascii("</t></is></c>");
    private static final byte[] VALUE_END = ascii("</v></c>");

    private final XlsxOptions options;
    private final ExportProgress progress;
    /** Per column and shading ({@code [c * 2 + zebra]}): the bytes after the cell reference up to the value. */
    private final byte[][] textOpen;
    private final byte[][] numberOpen;
    private final byte[][] booleanOpen;
    private final byte[][] emptyCell;

    CellWriter(StyleTable styles, int width, XlsxOptions options, ExportProgress progress) {
        this.options = options;
        this.progress = progress;
        textOpen = new byte[width * 2][];
        numberOpen = new byte[width * 2][];
        booleanOpen = new byte[width * 2][];
        emptyCell = new byte[width * 2][];
        for (int c = 0; c < width; c++) {
            for (int zebra = 0; zebra < 2; zebra++) {
                int filled = styles.filled(c, zebra == 1);
                textOpen[c * 2 + zebra] = ascii("\" s=\"" + filled + "\" t=\"inlineStr\"><is><t>");
                numberOpen[c * 2 + zebra] = ascii("\" s=\"" + filled + "\"><v>");
                booleanOpen[c * 2 + zebra] = ascii("\" s=\"" + filled + "\" t=\"b\"><v>");
                emptyCell[c * 2 + zebra] = ascii("\" s=\"" + styles.empty(c, zebra == 1) + "\"/>");
            }
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Writes the rest of the cell whose {@code <c r="B2} the caller has written: attributes, value and end tag; a
     * null or non-finite value gives an empty cell that keeps the plain data style.
     */
    void write(XmlBuffer xml, int c, boolean zebra, Column<R> column, R row, long rowNumber) throws IOException {
        int k = c * 2 + (zebra ? 1 : 0);
        Object value = CellValues.extract(column, row, rowNumber);
        if (value == null) {
            xml.raw(emptyCell[k]);
            return;
        }
        switch (column.type()) {
            case TEXT -> xml.raw(textOpen[k]).text(text(column, value.toString(), rowNumber)).raw(TEXT_END);
            case INTEGER, DECIMAL, MONEY, PERCENT -> {
                if (!(value instanceof Number n)) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                String decimal = null;
                boolean integral = CellValues.isIntegral(n) && !(n instanceof BigInteger);
                if (!integral) {
                    decimal = decimal(n);
                    if (decimal == null) {
                        xml.raw(emptyCell[k]);
                        return;
                    }
                }
                xml.raw(numberOpen[k]);
                if (integral) {
                    xml.digits(n.longValue());
                } else {
                    xml.ascii(decimal);
                }
                xml.raw(VALUE_END);
            }
            case DATE -> {
                LocalDate date = CellValues.toLocalDate(value, options.zone());
                if (date == null) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                xml.raw(numberOpen[k]).digits(ExcelDates.serial(date)).raw(VALUE_END);
            }
            case DATETIME -> {
                LocalDateTime dateTime = CellValues.toLocalDateTime(value, options.zone());
                if (dateTime == null) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                xml.raw(numberOpen[k]).ascii(Double.toString(ExcelDates.serial(dateTime))).raw(VALUE_END);
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                xml.raw(booleanOpen[k]).ascii(b ? '1' : '0').raw(VALUE_END);
            }
            default -> throw new IllegalStateException("unknown column type " + column.type());
        }
    }

    /**
     * A non-integral number as SpreadsheetML text, or {@code null} for NaN and infinities. A BigDecimal of at most 15
     * significant digits (all Excel keeps) is written exactly as its plain text; anything else as the nearest double.
     */
    private static String decimal(Number n) {
        if (n instanceof BigInteger) {
            return n.toString();
        }
        if (n instanceof BigDecimal bd && bd.precision() <= 15 && bd.scale() >= 0 && bd.scale() <= 30) {
            return bd.toPlainString();
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? Double.toString(d) : null;
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
}
