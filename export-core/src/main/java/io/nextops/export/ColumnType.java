package io.nextops.export;

/**
 * What a column holds, which decides how its values are written and its default format and alignment.
 *
 * <p>Accepted values (anything else fails the export with an {@link ExportException} naming the column and row):
 * <ul>
 *   <li>{@link #TEXT}: any object, written with {@code toString()}.</li>
 *   <li>{@link #INTEGER}, {@link #DECIMAL}, {@link #MONEY}, {@link #PERCENT}: any {@link Number}; {@code PERCENT} expects
 *       a fraction ({@code 0.25} is 25%). {@code NaN} and infinities are written as empty cells.</li>
 *   <li>{@link #DATE}: {@link java.time.LocalDate}, or any {@link #DATETIME} value (reduced to its date in the
 *       configured zone).</li>
 *   <li>{@link #DATETIME}: {@link java.time.LocalDateTime} (taken as already in the configured zone),
 *       {@link java.time.Instant}, {@link java.time.OffsetDateTime}, {@link java.time.ZonedDateTime} (converted to the
 *       configured zone).</li>
 *   <li>{@link #BOOLEAN}: {@link Boolean}; native TRUE/FALSE in XLSX, {@code true}/{@code false} in CSV. To write
 *       words such as {@code Sí}/{@code No}, use {@link Columns.Builder#yesNo} instead.</li>
 * </ul>
 * {@code null} always gives an empty cell.
 *
 * <p>Thread-safety: immutable enum, safe to share.
 */
public enum ColumnType {
    TEXT(null, CellAlignment.LEFT),
    INTEGER("0", CellAlignment.LEFT),
    DECIMAL("#,##0.00", CellAlignment.LEFT),
    MONEY("$#,##0.00", CellAlignment.RIGHT),
    PERCENT("0.0%", CellAlignment.CENTER),
    DATE("DD/MM/YYYY", CellAlignment.CENTER),
    DATETIME("DD/MM/YYYY HH:MM", CellAlignment.CENTER),
    BOOLEAN(null, CellAlignment.CENTER);

    private final String defaultNumberFormat;
    private final CellAlignment defaultAlignment;

    ColumnType(String defaultNumberFormat, CellAlignment defaultAlignment) {
        this.defaultNumberFormat = defaultNumberFormat;
        this.defaultAlignment = defaultAlignment;
    }

    /** The Excel number format used when a column sets none; {@code null} means Excel's "General". */
    public String defaultNumberFormat() {
        return defaultNumberFormat;
    }

    /** The horizontal alignment used when a column sets none. */
    public CellAlignment defaultAlignment() {
        return defaultAlignment;
    }
}
