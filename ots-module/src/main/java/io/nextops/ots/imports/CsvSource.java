package io.nextops.ots.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A UTF-8 .csv (an optional BOM skipped) read record by record with commons-csv; the delimiter is ',' or ';',
 * whichever the first line holds more of. Every cell is text; the header is looked for in the first
 * {@link Header#ROWS_TRIED} records.
 */
final class CsvSource implements SheetSource {
    private final CSVParser parser;
    private final Iterator<CSVRecord> it;
    private final Header header;
    private final List<Object> cells = new ArrayList<>();
    private int rowNumber;

    private CsvSource(CSVParser parser, Iterator<CSVRecord> it, Header header, int rowNumber) {
        this.parser = parser;
        this.it = it;
        this.header = header;
        this.rowNumber = rowNumber;
    }

    static CsvSource open(Path file) {
        CSVParser parser = null;
        try {
            char delimiter = delimiter(file);
            BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)));
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true)
                    .get().parse(reader);
            Iterator<CSVRecord> it = parser.iterator();
            List<Object> cells = new ArrayList<>();
            for (int tried = 0; tried < Header.ROWS_TRIED && it.hasNext(); tried++) {
                CSVRecord r = it.next();
                cells.clear();
                r.forEach(cells::add);
                Header header = Header.detect(cells, tried + 1);
                if (header != null) {
                    return new CsvSource(parser, it, header, tried + 1);
                }
            }
            throw new BadFileException("no se encontró la fila de encabezados (Número OT, Cliente, ...) en el CSV");
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            closeQuietly(parser);
            throw new BadFileException("no es un archivo CSV legible (UTF-8): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(parser);
            throw e;
        }
    }

    private static char delimiter(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            int n = r.read(buf);
            int commas = 0;
            int semicolons = 0;
            for (int i = 0; i < n && buf[i] != '\n'; i++) {
                if (buf[i] == ',') {
                    commas++;
                } else if (buf[i] == ';') {
                    semicolons++;
                }
            }
            return semicolons > commas ? ';' : ',';
        } catch (CharacterCodingException e) {
            throw new BadFileException("el CSV no está en UTF-8", e);
        }
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public boolean date1904() {
        return false;
    }

    @Override
    public List<Object> next() {
        try {
            if (!it.hasNext()) {
                return null;
            }
            CSVRecord r = it.next();
            rowNumber++;
            cells.clear();
            r.forEach(cells::add);
            return cells;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new BadFileException("CSV ilegible cerca de la fila " + (rowNumber + 1) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int rowNumber() {
        return rowNumber;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private static void closeQuietly(CSVParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
