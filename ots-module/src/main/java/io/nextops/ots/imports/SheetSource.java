package io.nextops.ots.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The data rows of one import file, read once from its start: the header is found first, then rows come one at a
 * time and are not kept. Open it again to read the file a second time. Not thread-safe.
 */
interface SheetSource extends AutoCloseable {

    /** The header row found when the source was opened. */
    Header header();

    /** Whether Excel serial dates count from 1904 (old Mac workbooks). */
    boolean date1904();

    /**
     * The cells of the next row (index = column), or null at the end. The list is only valid until the next call.
     */
    List<Object> next() throws IOException;

    /** 1-based sheet row of the row last returned by {@link #next()}. */
    int rowNumber();

    @Override
    void close() throws IOException;

    /** Opens {@code file} as .xlsx or .csv (by the uploaded name); throws {@link BadFileException}. */
    static SheetSource open(Path file, String fileName, OtImportLimits limits) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? CsvSource.open(file) : XlsxSource.open(file, limits);
    }
}
