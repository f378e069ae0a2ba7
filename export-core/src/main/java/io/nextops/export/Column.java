package io.nextops.export;

import java.util.Objects;
import java.util.function.Function;

/**
 * One exported column: its header, how to read its value from a row, its type, and how it looks in XLSX.
 *
 * <p>Build with a factory such as {@link #text(String, Function)} (which fills in the type's default format and
 * alignment) and adjust with {@code withX(..)}:
 * <pre>{@code
 * Column<Invoice> amount = Column.money("Monto (USD)", Invoice::amount).withWidth(12);
 * }</pre>
 *
 * <p>Thread-safety: immutable record; safe to share if {@code value} is.
 *
 * @param header       header cell text, not blank
 * @param type         how values are written
 * @param value        reads the cell value from a row; may return {@code null} (empty cell); must not have side effects
 * @param width        XLSX column width in characters, in (0, 255]
 * @param numberFormat Excel number format for non-null values, {@code null} for "General"
 * @param alignment    horizontal alignment of non-null values in XLSX
 * @param <R>          the row type
 */
public record Column<R>(String header, ColumnType type, Function<? super R, ?> value, double width,
                        String numberFormat, CellAlignment alignment) {

    /** Width of a column that sets none, in characters. */
    public static final double DEFAULT_WIDTH = 15;

    /** Excel's maximum column width in characters. */
    public static final double MAX_WIDTH = 255;

    public Column {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(type, "type (column '" + header + "')");
        Objects.requireNonNull(value, "value (column '" + header + "')");
        Objects.requireNonNull(alignment, "alignment (column '" + header + "')");
        if (header.isBlank()) {
            throw new IllegalArgumentException("header must not be blank, was '" + header + "'");
        }
        if (!(width > 0 && width <= MAX_WIDTH)) {
            throw new IllegalArgumentException("width of column '" + header + "' must be in (0, 255], was " + width);
        }
        if (numberFormat != null && numberFormat.isBlank()) {
            throw new IllegalArgumentException(
                    "numberFormat of column '" + header + "' must be null or not blank, was '" + numberFormat + "'");
        }
    }

    /** A column of {@code type} with the type's default format and alignment and {@link #DEFAULT_WIDTH}. */
    public static <R> Column<R> of(String header, ColumnType type, Function<? super R, ?> value) {
        Objects.requireNonNull(type, "type");
        return new Column<>(header, type, value, DEFAULT_WIDTH, type.defaultNumberFormat(), type.defaultAlignment());
    }

    /** A {@link ColumnType#TEXT} column. */
    public static <R> Column<R> text(String header, Function<? super R, ?> value) {
        return of(header, ColumnType.TEXT, value);
    }

    /** An {@link ColumnType#INTEGER} column (format {@code 0}). */
    public static <R> Column<R> integer(String header, Function<? super R, ? extends Number> value) {
        return of(header, ColumnType.INTEGER, value);
    }

    /** A {@link ColumnType#DECIMAL} column (format {@code #,##0.00}). */
    public static <R> Column<R> decimal(String header, Function<? super R, ? extends Number> value) {
        return of(header, ColumnType.DECIMAL, value);
    }

    /** A {@link ColumnType#MONEY} column (format {@code $#,##0.00}, right-aligned). */
    public static <R> Column<R> money(String header, Function<? super R, ? extends Number> value) {
        return of(header, ColumnType.MONEY, value);
    }

    /** A {@link ColumnType#PERCENT} column of fractions (format {@code 0.0%}, centred). */
    public static <R> Column<R> percent(String header, Function<? super R, ? extends Number> value) {
        return of(header, ColumnType.PERCENT, value);
    }

    /** A {@link ColumnType#DATE} column (format {@code DD/MM/YYYY}, centred). */
    public static <R> Column<R> date(String header, Function<? super R, ?> value) {
        return of(header, ColumnType.DATE, value);
    }

    /** A {@link ColumnType#DATETIME} column (format {@code DD/MM/YYYY HH:MM}, centred). */
    public static <R> Column<R> dateTime(String header, Function<? super R, ?> value) {
        return of(header, ColumnType.DATETIME, value);
    }

    /** A {@link ColumnType#BOOLEAN} column written as native TRUE/FALSE. */
    public static <R> Column<R> bool(String header, Function<? super R, Boolean> value) {
        return of(header, ColumnType.BOOLEAN, value);
    }

    /**
     * A {@link ColumnType#TEXT} column writing {@code yes} for {@code true}, {@code no} for {@code false} and an empty
     * cell for {@code null}, e.g. {@code yesNo("Requiere Revisión", Invoice::needsReview, "Sí", "No")}.
     */
    public static <R> Column<R> yesNo(String header, Function<? super R, Boolean> value, String yes, String no) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(yes, "yes");
        Objects.requireNonNull(no, "no");
        return text(header, row -> {
            Boolean b = value.apply(row);
            return b == null ? null : (b ? yes : no);
        });
    }

    /** This column with another width in characters. */
    public Column<R> withWidth(double width) {
        return new Column<>(header, type, value, width, numberFormat, alignment);
    }

    /** This column with another Excel number format ({@code null} for "General"). */
    public Column<R> withNumberFormat(String numberFormat) {
        return new Column<>(header, type, value, width, numberFormat, alignment);
    }

    /** This column with another horizontal alignment. */
    public Column<R> withAlignment(CellAlignment alignment) {
        return new Column<>(header, type, value, width, numberFormat, alignment);
    }

    /** This column with another header. */
    public Column<R> withHeader(String header) {
        return new Column<>(header, type, value, width, numberFormat, alignment);
    }
}
