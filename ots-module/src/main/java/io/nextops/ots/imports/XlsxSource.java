package io.nextops.ots.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * An .xlsx read with fastexcel's streaming reader ({@link ReadableWorkbook} over the file: the zip is read entry by
 * entry, the sheet XML parsed as a stream). The sheet is the first one whose first {@link Header#ROWS_TRIED} rows hold
 * a header; other sheets are never read past those rows. {@link ZipGuard} runs before anything is opened.
 */
final class XlsxSource implements SheetSource {
    private final ReadableWorkbook workbook;
    private final Stream<Row> rows;
    private final Iterator<Row> it;
    private final Header header;
    private final List<Object> cells = new ArrayList<>();
    private int rowNumber;

    private XlsxSource(ReadableWorkbook workbook, Stream<Row> rows, Iterator<Row> it, Header header) {
        this.workbook = workbook;
        this.rows = rows;
        this.it = it;
        this.header = header;
    }

    static XlsxSource open(Path file, OtImportLimits limits) {
        ZipGuard.check(file, limits);
        ReadableWorkbook wb = null;
        try {
            wb = new ReadableWorkbook(file.toFile());
            List<Sheet> sheets = wb.getSheets().toList();
            List<Object> cells = new ArrayList<>();
            for (Sheet sheet : sheets) {
                Stream<Row> rows = sheet.openStream();
                Iterator<Row> it = rows.iterator();
                for (int tried = 0; tried < Header.ROWS_TRIED && it.hasNext(); tried++) {
                    Row row = it.next();
                    cells(row, cells);
                    Header header = Header.detect(cells, row.getRowNum());
                    if (header != null) {
                        return new XlsxSource(wb, rows, it, header);
                    }
                }
                rows.close();
            }
            throw new BadFileException("no se encontró la fila de encabezados (Número OT, Cliente, ...) en ninguna hoja");
        } catch (IOException | ExcelReaderException | UncheckedIOException e) {
            closeQuietly(wb);
            throw new BadFileException("no es un archivo Excel (.xlsx) legible: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(wb);
            throw e;
        }
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public boolean date1904() {
        return workbook.isDate1904();
    }

    @Override
    public List<Object> next() throws IOException {
        try {
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            rowNumber = row.getRowNum();
            cells(row, cells);
            return cells;
        } catch (ExcelReaderException | UncheckedIOException e) {
            throw new BadFileException("el archivo .xlsx está dañado cerca de la fila " + (rowNumber + 1) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int rowNumber() {
        return rowNumber;
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } finally {
            workbook.close();
        }
    }

    private static void cells(Row row, List<Object> out) {
        out.clear();
        int n = row.getCellCount();
        for (int i = 0; i < n; i++) {
            out.add(value(row.getCell(i)));
        }
    }

    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getType()) {
            case NUMBER -> cell.getValue() instanceof BigDecimal n ? n : new BigDecimal(cell.getRawValue());
            case STRING -> cell.getValue() == null ? null : cell.getValue().toString();
            case BOOLEAN -> String.valueOf(cell.getValue());
            case FORMULA -> formulaValue(cell.getRawValue());
            default -> null; // EMPTY, ERROR
        };
    }

    /** A formula's cached result: a number when it parses as one, else the text. */
    private static Object formulaValue(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    private static void closeQuietly(ReadableWorkbook wb) {
        if (wb != null) {
            try {
                wb.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
