package io.nextops.ots.imports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where each known {@link Column} sits in a sheet: found on the first row (of the first rows tried) whose cells name
 * at least {@link Column#MIN_HEADER_MATCHES} known columns. Immutable after {@link #detect}.
 */
final class Header {
    /** Rows of a sheet looked at for the header before giving up on that sheet. */
    static final int ROWS_TRIED = 20;

    private final Map<Column, Integer> index;
    private final int rowNumber;

    private Header(Map<Column, Integer> index, int rowNumber) {
        this.index = index;
        this.rowNumber = rowNumber;
    }

    /** The header in {@code cells} (a sheet row, 1-based {@code rowNumber}), or null when it is not one. */
    static Header detect(List<Object> cells, int rowNumber) {
        Map<Column, Integer> index = new EnumMap<>(Column.class);
        for (int i = 0; i < cells.size(); i++) {
            Object v = cells.get(i);
            Column c = v instanceof String s ? Column.of(s) : null;
            if (c != null && !index.containsKey(c)) {
                index.put(c, i);
            }
        }
        return index.size() >= Column.MIN_HEADER_MATCHES || index.keySet().containsAll(Column.REQUIRED)
                ? new Header(index, rowNumber) : null;
    }

    /** The required columns this header lacks, by their export label. */
    List<String> missingRequired() {
        List<String> missing = new ArrayList<>();
        for (Column c : Column.REQUIRED) {
            if (!index.containsKey(c)) {
                missing.add(c.label());
            }
        }
        return missing;
    }

    /** The cell of {@code column} in {@code cells}, or null when the column is absent or the row is shorter. */
    Object get(List<Object> cells, Column column) {
        Integer i = index.get(column);
        return i == null || i >= cells.size() ? null : cells.get(i);
    }

    boolean has(Column column) {
        return index.containsKey(column);
    }

    /** 1-based sheet row of the header. */
    int rowNumber() {
        return rowNumber;
    }

    @Override
    public String toString() {
        return index.entrySet().stream().map(e -> e.getKey() + "@" + e.getValue())
                .collect(Collectors.joining(", ", "Header[row " + rowNumber + ": ", "]"));
    }
}
