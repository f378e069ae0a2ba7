package io.nextops.export;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Settings of a CSV export: RFC 4180 (CRLF line ends, fields quoted only when needed), always UTF-8.
 *
 * <pre>{@code
 * CsvOptions forExcel = CsvOptions.defaults().withByteOrderMark(true).withDelimiter(';');
 * }</pre>
 *
 * <p>Thread-safety: immutable record.
 *
 * @param byteOrderMark      write a UTF-8 BOM first so Excel detects the encoding
 * @param delimiter          field separator; not a quote, CR or LF
 * @param neutralizeFormulas prefix TEXT values starting with {@code = + - @ TAB CR} with {@code '} so spreadsheets
 *                           do not evaluate them
 * @param zone               zone that {@link ColumnType#DATETIME} instants are shown in
 * @param dateFormat         how {@link ColumnType#DATE} values are written
 * @param dateTimeFormat     how {@link ColumnType#DATETIME} values are written (after conversion to {@code zone})
 */
public record CsvOptions(boolean byteOrderMark, char delimiter, boolean neutralizeFormulas, ZoneId zone,
                         DateTimeFormatter dateFormat, DateTimeFormatter dateTimeFormat) {

    /** The default {@link #dateTimeFormat()}: {@code uuuu-MM-dd HH:mm:ss}, which Excel and most loaders parse. */
    public static final DateTimeFormatter DEFAULT_DATE_TIME_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    public CsvOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dateFormat, "dateFormat");
        Objects.requireNonNull(dateTimeFormat, "dateTimeFormat");
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("delimiter must not be a quote, CR or LF, was " + (int) delimiter);
        }
    }

    /** No BOM, comma, formulas neutralized, UTC, {@code 2025-01-31} and {@code 2025-01-31 13:45:00}. */
    public static CsvOptions defaults() {
        return new CsvOptions(false, ',', true, ZoneOffset.UTC, DateTimeFormatter.ISO_LOCAL_DATE,
                DEFAULT_DATE_TIME_FORMAT);
    }

    public CsvOptions withByteOrderMark(boolean byteOrderMark) {
        return new CsvOptions(byteOrderMark, delimiter, neutralizeFormulas, zone, dateFormat, dateTimeFormat);
    }

    public CsvOptions withDelimiter(char delimiter) {
        return new CsvOptions(byteOrderMark, delimiter, neutralizeFormulas, zone, dateFormat, dateTimeFormat);
    }

    public CsvOptions withNeutralizeFormulas(boolean neutralizeFormulas) {
        return new CsvOptions(byteOrderMark, delimiter, neutralizeFormulas, zone, dateFormat, dateTimeFormat);
    }

    public CsvOptions withZone(ZoneId zone) {
        return new CsvOptions(byteOrderMark, delimiter, neutralizeFormulas, zone, dateFormat, dateTimeFormat);
    }

    public CsvOptions withDateFormat(DateTimeFormatter dateFormat) {
        return new CsvOptions(byteOrderMark, delimiter, neutralizeFormulas, zone, dateFormat, dateTimeFormat);
    }

    public CsvOptions withDateTimeFormat(DateTimeFormatter dateTimeFormat) {
        return new CsvOptions(byteOrderMark, delimiter, neutralizeFormulas, zone, dateFormat, dateTimeFormat);
    }
}
