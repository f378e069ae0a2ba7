package io.nextops.export.xlsx;

import io.nextops.export.Column;
import io.nextops.export.Columns;
import io.nextops.export.XlsxOptions;
import io.nextops.export.internal.ExportProgress;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One sheet being written as a zip entry: preamble (frozen pane, column widths), header on row 1, then each data row
 * straight into the XML buffer, then the autofilter. Nothing of a row is kept once it is written.
 *
 * <p>Thread-safety: not thread-safe; owned by the exporting thread.
 */
final class SheetWriter<R> {

    private static final byte[] ROW_END = CellWriter.ascii("</row>");

    private final XmlBuffer xml;
    private final Columns<R> columns;
    private final CellWriter<R> cells;
    private final String name;
    private final int maxRows;
    private final int flushEveryRows;
    /** {@code <c r="B} per column: the reference's letters, to which each row adds its number. */
    private final byte[][] cellStart;
    private final byte[] rowNumber = new byte[12];
    /** 0-based sheet row of the next row. */
    private int nextRow;

    private SheetWriter(XmlBuffer xml, Columns<R> columns, CellWriter<R> cells, String name, XlsxOptions options) {
        this.xml = xml;
        this.columns = columns;
        this.cells = cells;
        this.name = name;
        this.maxRows = options.maxRowsPerSheet();
        this.flushEveryRows = options.flushEveryRows();
        this.cellStart = new byte[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            cellStart[c] = CellWriter.ascii("<c r=\"" + columnLetters(c));
        }
    }

    static <R> SheetWriter<R> start(ZipOutputStream zip, XmlBuffer xml, int sheetNumber, Columns<R> columns,
                                    CellWriter<R> cells, XlsxOptions options, ExportProgress progress)
            throws IOException {
        String name = SheetNames.name(options.sheetName(), sheetNumber);
        progress.sheetStarted(name);
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + sheetNumber + ".xml"));
        SheetWriter<R> writer = new SheetWriter<>(xml, columns, cells, name, options);
        writer.writeHeader();
        return writer;
    }

    String name() {
        return name;
    }

    /** The used range, e.g. {@code A1:X201}. */
    String usedRange() {
        return "A1:" + columnLetters(columns.size() - 1) + nextRow;
    }

    private void writeHeader() throws IOException {
        xml.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheetPr filterMode=\"false\"/><dimension ref=\"A1\"/>"
                + "<sheetViews><sheetView workbookViewId=\"0\">"
                + "<pane xSplit=\"0\" ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
                + "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15.0\"/><cols>");
        for (int c = 0; c < columns.size(); c++) {
            xml.ascii("<col min=\"").digits(c + 1).ascii("\" max=\"").digits(c + 1).ascii("\" width=\"")
                    .ascii(Double.toString(columns.get(c).width())).ascii("\" customWidth=\"true\"/>");
        }
        xml.ascii("</cols><sheetData><row r=\"1\">");
        for (int c = 0; c < columns.size(); c++) {
            xml.raw(cellStart[c]).ascii("1\" s=\"").digits(StyleTable.HEADER_STYLE)
                    .ascii("\" t=\"inlineStr\"><is><t>").text(columns.get(c).header()).ascii("</t></is></c>");
        }
        xml.raw(ROW_END);
        nextRow = 1;
    }

    boolean isFull() {
        return nextRow >= maxRows;
    }

    void writeRow(R row, long rowNumberInExport) throws IOException {
        int sheetRow = nextRow + 1;
        int digits = rowDigits(sheetRow);
        // sheet rows are 1-based: even ones (2, 4, ...) are shaded
        boolean zebra = (sheetRow & 1) == 0;
        xml.ascii("<row r=\"").raw(rowNumber, digits).ascii("\">");
        for (int c = 0; c < columns.size(); c++) {
            xml.raw(cellStart[c]).raw(rowNumber, digits);
            Column<R> column = columns.get(c);
            cells.write(xml, c, zebra, column, row, rowNumberInExport);
        }
        xml.raw(ROW_END);
        nextRow++;
        if (nextRow % flushEveryRows == 0) {
            xml.flush();
        }
    }

    private int rowDigits(int value) {
        int len = 1;
        for (int v = value; v >= 10; v /= 10) {
            len++;
        }
        for (int i = len - 1; i >= 0; i--) {
            rowNumber[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return len;
    }

    /** Ends the sheet data, sets the autofilter over the used range and closes the sheet's zip entry. */
    void finish(ZipOutputStream zip) throws IOException {
        xml.ascii("</sheetData><autoFilter ref=\"").ascii(usedRange()).ascii("\"></autoFilter>"
                + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
                + "</worksheet>");
        xml.flush();
        zip.closeEntry();
    }

    /** {@code A}, ..., {@code Z}, {@code AA}, ... for a 0-based column. */
    static String columnLetters(int column) {
        StringBuilder sb = new StringBuilder(3);
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }
}
