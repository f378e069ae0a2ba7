package io.nextops.export;

/**
 * Horizontal alignment of a column's non-null data cells in XLSX (CSV has no alignment).
 *
 * <p>Thread-safety: immutable enum, safe to share.
 */
public enum CellAlignment {
    LEFT("left"),
    CENTER("center"),
    RIGHT("right");

    private final String xmlValue;

    CellAlignment(String xmlValue) {
        this.xmlValue = xmlValue;
    }

    /** The SpreadsheetML attribute value, e.g. {@code center}. */
    public String xmlValue() {
        return xmlValue;
    }
}
