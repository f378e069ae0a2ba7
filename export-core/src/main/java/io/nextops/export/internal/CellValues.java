package io.nextops.export.internal;

import io.nextops.export.Column;
import io.nextops.export.ExportException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Value rules shared by the CSV and XLSX writers: reading a cell, formula neutralization, time zones, numbers.
 * Not API.
 *
 * <p>Thread-safety: stateless, safe to share.
 */
public final class CellValues {

    private CellValues() {
    }

    /** Reads a column's value, naming the column and row when the extractor fails. */
    public static <R> Object extract(Column<R> column, R row, long rowNumber) {
        try {
            return column.value().apply(row);
        } catch (RuntimeException e) {
            throw new ExportException("column '" + column.header() + "' failed to read its value at row "
                    + rowNumber + ": " + e, e);
        }
    }

    /** The error for a value a column's type cannot write. */
    public static ExportException wrongType(Column<?> column, Object value, long rowNumber) {
        return new ExportException("column '" + column.header() + "' (" + column.type() + ") cannot write a "
                + value.getClass().getName() + " at row " + rowNumber + ", see ColumnType for accepted values");
    }

    /**
     * {@code text} with a leading {@code '} when it starts with a character spreadsheets read as a formula
     * ({@code = + - @}, tab, CR), per the OWASP CSV injection advice.
     */
    public static String neutralize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + text;
        }
        return text;
    }

    /** The value as a local date-time in {@code zone}, or {@code null} if it is not a supported date-time type. */
    public static LocalDateTime toLocalDateTime(Object value, ZoneId zone) {
        if (value instanceof LocalDateTime ldt) {
            return ldt;
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, zone);
        }
        if (value instanceof OffsetDateTime odt) {
            return LocalDateTime.ofInstant(odt.toInstant(), zone);
        }
        if (value instanceof ZonedDateTime zdt) {
            return LocalDateTime.ofInstant(zdt.toInstant(), zone);
        }
        return null;
    }

    /** The value as a date (date-times reduced in {@code zone}), or {@code null} if it is not a supported type. */
    public static LocalDate toLocalDate(Object value, ZoneId zone) {
        if (value instanceof LocalDate date) {
            return date;
        }
        LocalDateTime ldt = toLocalDateTime(value, zone);
        return ldt == null ? null : ldt.toLocalDate();
    }

    /** {@code true} for numbers without a fractional part by type (Integer, Long, BigInteger, ...). */
    public static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger || n instanceof AtomicInteger || n instanceof AtomicLong;
    }

    /** {@code true} for NaN and infinities, which neither format can hold; they are written as empty cells. */
    public static boolean isNonFinite(Number n) {
        return (n instanceof Double d && !Double.isFinite(d)) || (n instanceof Float f && !Float.isFinite(f));
    }

    /** The number in plain decimal notation, never scientific: {@code 12.5}, {@code 100000000000000000000}. */
    public static String plain(Number n) {
        if (isIntegral(n)) {
            return n.toString();
        }
        if (n instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        String s = n instanceof Float f ? Float.toString(f) : Double.toString(n.doubleValue());
        // Double.toString switches to exponent notation outside [1e-3, 1e7)
        return s.indexOf('E') < 0 ? s : new BigDecimal(s).stripTrailingZeros().toPlainString();
    }
}
