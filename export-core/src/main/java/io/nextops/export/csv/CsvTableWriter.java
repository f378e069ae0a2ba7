package io.nextops.export.csv;

import io.nextops.export.Column;
import io.nextops.export.Columns;
import io.nextops.export.CsvOptions;
import io.nextops.export.ExportFormat;
import io.nextops.export.internal.CellValues;
import io.nextops.export.internal.ExportProgress;
import io.nextops.export.internal.TableWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes RFC 4180 CSV in UTF-8 with commons-csv, one row at a time through a small buffer. Not API: use
 * {@link io.nextops.export.Exporter#csv(CsvOptions)}.
 *
 * <p>Thread-safety: immutable; each {@code write} call is confined to its thread.
 */
public final class CsvTableWriter implements TableWriter {

    private static final int BUFFER_CHARS = 16 * 1024;

    private final CsvOptions options;
    private final CSVFormat format;
    private final Function<LocalDate, String> dateText;
    private final Function<LocalDateTime, String> dateTimeText;

    public CsvTableWriter(CsvOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.format = CSVFormat.RFC4180.builder()
                .setDelimiter(options.delimiter())
                .setRecordSeparator("\r\n")
                .get();
        // DateTimeFormatter was a quarter of the CSV time in profiles; the default formats have cheap equivalents
        this.dateText = options.dateFormat() == DateTimeFormatter.ISO_LOCAL_DATE
                ? LocalDate::toString : options.dateFormat()::format;
        this.dateTimeText = options.dateTimeFormat() == CsvOptions.DEFAULT_DATE_TIME_FORMAT
                ? CsvTableWriter::defaultDateTime : options.dateTimeFormat()::format;
    }

    /** Same text as {@link CsvOptions#DEFAULT_DATE_TIME_FORMAT}, {@code 2025-01-31 13:05:09}. */
    static String defaultDateTime(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(19).append(t.toLocalDate()).append(' ');
        twoDigits(sb, t.getHour()).append(':');
        twoDigits(sb, t.getMinute()).append(':');
        return twoDigits(sb, t.getSecond()).toString();
    }

    private static StringBuilder twoDigits(StringBuilder sb, int value) {
        return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.CSV;
    }

    @Override
    public <R> void write(Columns<R> columns, Iterator<? extends R> rows, OutputStream sink, ExportProgress progress)
            throws IOException {
        // The sink never closes the caller's stream, so closing the printer only flushes.
        Writer out = new BufferedWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), BUFFER_CHARS);
        if (options.byteOrderMark()) {
            out.write('\uFEFF');
        }
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (Column<R> column : columns) {
                printer.print(column.header());
            }
            printer.println();
            long rowNumber = 0;
            while (rows.hasNext()) {
                R row = rows.next();
                rowNumber++;
                for (Column<R> column : columns) {
                    printer.print(text(column, CellValues.extract(column, row, rowNumber), rowNumber));
                }
                printer.println();
                progress.rowWritten();
            }
            printer.flush();
        }
    }

    private <R> String text(Column<R> column, Object value, long rowNumber) {
        if (value == null) {
            return null;
        }
        switch (column.type()) {
            case TEXT -> {
                String s = value.toString();
                return options.neutralizeFormulas() ? CellValues.neutralize(s) : s;
            }
            case INTEGER, DECIMAL, MONEY, PERCENT -> {
                if (!(value instanceof Number n)) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                return CellValues.isNonFinite(n) ? null : CellValues.plain(n);
            }
            case DATE -> {
                LocalDate date = CellValues.toLocalDate(value, options.zone());
                if (date == null) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                return dateText.apply(date);
            }
            case DATETIME -> {
                LocalDateTime dateTime = CellValues.toLocalDateTime(value, options.zone());
                if (dateTime == null) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                return dateTimeText.apply(dateTime);
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw CellValues.wrongType(column, value, rowNumber);
                }
                return b.toString();
            }
            default -> throw new IllegalStateException("unknown column type " + column.type());
        }
    }
}
