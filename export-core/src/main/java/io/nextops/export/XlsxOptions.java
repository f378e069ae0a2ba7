package io.nextops.export;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Settings of an XLSX export. The styling is fixed (header fill {@code 1E40AF}, Calibri, thin {@code D1D5DB}
 * borders, {@code F3F4F6} on even sheet rows, frozen header, autofilter); these options cover the rest.
 *
 * <pre>{@code
 * XlsxOptions options = XlsxOptions.defaults().withSheetName("Facturas");
 * }</pre>
 *
 * <p>Thread-safety: immutable record.
 *
 * @param sheetName          name of the first sheet; later ones are {@code "name (2)"}, {@code "name (3)"}, ...
 *                           (cut so they fit Excel's 31 characters)
 * @param maxRowsPerSheet    sheet rows including the header before rolling over to a new sheet, in
 *                           [2, {@value #EXCEL_MAX_ROWS}]
 * @param flushEveryRows     most rows written before the XML buffer is handed to the deflater (it also goes
 *                           whenever its 64 KB are full), in [1, 100000]
 * @param neutralizeFormulas prefix TEXT values starting with {@code = + - @ TAB CR} with {@code '}
 * @param zone               zone that {@link ColumnType#DATETIME} instants are shown in (Excel has no time zones)
 * @param textOverflow       what to do with text over Excel's 32,767-character cell limit
 */
public record XlsxOptions(String sheetName, int maxRowsPerSheet, int flushEveryRows, boolean neutralizeFormulas,
                          ZoneId zone, TextOverflow textOverflow) {

    /** Excel's maximum number of rows in a sheet. */
    public static final int EXCEL_MAX_ROWS = 1_048_576;

    /** Excel's maximum sheet name length. */
    public static final int MAX_SHEET_NAME_CHARS = 31;

    public XlsxOptions {
        Objects.requireNonNull(sheetName, "sheetName");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(textOverflow, "textOverflow");
        if (sheetName.isBlank() || sheetName.length() > MAX_SHEET_NAME_CHARS) {
            throw new IllegalArgumentException(
                    "sheetName must be 1 to 31 characters and not blank, was '" + sheetName + "'");
        }
        if (sheetName.chars().anyMatch(ch -> "[]:*?/\\".indexOf(ch) >= 0)
                || sheetName.startsWith("'") || sheetName.endsWith("'")) {
            throw new IllegalArgumentException(
                    "sheetName must not contain []:*?/\\ nor start or end with ', was '" + sheetName + "'");
        }
        if (maxRowsPerSheet < 2 || maxRowsPerSheet > EXCEL_MAX_ROWS) {
            throw new IllegalArgumentException(
                    "maxRowsPerSheet must be in [2, " + EXCEL_MAX_ROWS + "], was " + maxRowsPerSheet);
        }
        if (flushEveryRows < 1 || flushEveryRows > 100_000) {
            throw new IllegalArgumentException("flushEveryRows must be in [1, 100000], was " + flushEveryRows);
        }
    }

    /** Sheet {@code Export}, Excel's row limit, flush every 1,000 rows, formulas neutralized, UTC, truncate. */
    public static XlsxOptions defaults() {
        return new XlsxOptions("Export", EXCEL_MAX_ROWS, 1_000, true, ZoneOffset.UTC, TextOverflow.TRUNCATE);
    }

    public XlsxOptions withSheetName(String sheetName) {
        return new XlsxOptions(sheetName, maxRowsPerSheet, flushEveryRows, neutralizeFormulas, zone, textOverflow);
    }

    public XlsxOptions withMaxRowsPerSheet(int maxRowsPerSheet) {
        return new XlsxOptions(sheetName, maxRowsPerSheet, flushEveryRows, neutralizeFormulas, zone, textOverflow);
    }

    public XlsxOptions withFlushEveryRows(int flushEveryRows) {
        return new XlsxOptions(sheetName, maxRowsPerSheet, flushEveryRows, neutralizeFormulas, zone, textOverflow);
    }

    public XlsxOptions withNeutralizeFormulas(boolean neutralizeFormulas) {
        return new XlsxOptions(sheetName, maxRowsPerSheet, flushEveryRows, neutralizeFormulas, zone, textOverflow);
    }

    public XlsxOptions withZone(ZoneId zone) {
        return new XlsxOptions(sheetName, maxRowsPerSheet, flushEveryRows, neutralizeFormulas, zone, textOverflow);
    }

    public XlsxOptions withTextOverflow(TextOverflow textOverflow) {
        return new XlsxOptions(sheetName, maxRowsPerSheet, flushEveryRows, neutralizeFormulas, zone, textOverflow);
    }
}
