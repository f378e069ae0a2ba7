package io.nextops.export;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one finished export wrote.
 *
 * <p>Thread-safety: immutable record.
 *
 * @param format        the format written
 * @param rowsWritten   data rows written (headers not counted)
 * @param sheetNames    XLSX sheet names in order ({@code Facturas}, {@code Facturas (2)}, ...); empty for CSV
 * @param truncatedCells XLSX text cells cut to Excel's limit under {@link TextOverflow#TRUNCATE}
 * @param bytesWritten  bytes handed to the output stream
 * @param elapsed       wall time of the export
 */
public record ExportSummary(ExportFormat format, long rowsWritten, List<String> sheetNames, long truncatedCells,
                            long bytesWritten, Duration elapsed) {

    public ExportSummary {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(elapsed, "elapsed");
        sheetNames = List.copyOf(Objects.requireNonNull(sheetNames, "sheetNames"));
        if (rowsWritten < 0) {
            throw new IllegalArgumentException("rowsWritten must be >= 0, was " + rowsWritten);
        }
        if (truncatedCells < 0) {
            throw new IllegalArgumentException("truncatedCells must be >= 0, was " + truncatedCells);
        }
        if (bytesWritten < 0) {
            throw new IllegalArgumentException("bytesWritten must be >= 0, was " + bytesWritten);
        }
    }

    /** Number of sheets written: 0 for CSV. */
    public int sheets() {
        return sheetNames.size();
    }
}
