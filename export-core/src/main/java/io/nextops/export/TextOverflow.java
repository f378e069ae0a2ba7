package io.nextops.export;

/**
 * What an XLSX export does with a text longer than Excel's cell limit of {@value #EXCEL_MAX_CELL_CHARS} characters.
 * CSV has no such limit and writes text whole.
 *
 * <p>Thread-safety: immutable enum, safe to share.
 */
public enum TextOverflow {
    /** Cut the text to the limit (never splitting a surrogate pair) and count it in {@link ExportSummary#truncatedCells()}. */
    TRUNCATE,
    /** Stop the export with an {@link ExportException} naming the column and row. */
    FAIL;

    /** Excel's maximum number of characters in one cell. */
    public static final int EXCEL_MAX_CELL_CHARS = 32_767;
}
