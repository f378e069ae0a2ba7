package io.nextops.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.export.XlsxParts.CellStyle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

class XlsxRoundTripTest {

    @Test
    void readsBackEveryValueWithItsTypeAndNumberFormat() throws Exception {
        byte[] xlsx = export(XlsxOptions.defaults().withSheetName("Facturas"), SampleRows.COLUMNS,
                List.of(SampleRows.FULL, SampleRows.EMPTY, SampleRows.OTHER));

        List<List<Row>> sheets = read(xlsx);
        assertThat(sheets).hasSize(1);
        List<Row> rows = sheets.get(0);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).stream().map(Cell::getText)).containsExactly("ID", "Nombre", "Cantidad",
                "Monto (USD)", "Ratio", "Confianza", "Fecha", "Creado", "Activo", "Requiere Revisión");
        assertThat(rows.get(0).stream().map(Cell::getType)).containsOnly(CellType.STRING);

        Row full = rows.get(1);
        assertNumber(full.getCell(0), "1", "0");
        assertString(full.getCell(1), "Año ñandú — 日本語 😀");
        assertNumber(full.getCell(2), "3", "0");
        assertNumber(full.getCell(3), "1234.56", "$#,##0.00");
        assertNumber(full.getCell(4), "0.5", "#,##0.00");
        assertNumber(full.getCell(5), "0.875", "0.0%");
        assertThat(full.getCell(6).asDate()).isEqualTo(LocalDateTime.of(2025, 1, 31, 0, 0));
        assertThat(full.getCell(6).getDataFormatString()).isEqualTo("DD/MM/YYYY");
        // 22:30 at -06:00 is 04:30 the next day in UTC, the default zone
        assertThat(full.getCell(7).asDate()).isEqualTo(LocalDateTime.of(2025, 2, 1, 4, 30));
        assertThat(full.getCell(7).getDataFormatString()).isEqualTo("DD/MM/YYYY HH:MM");
        assertThat(full.getCell(8).getType()).isEqualTo(CellType.BOOLEAN);
        assertThat(full.getCell(8).asBoolean()).isTrue();
        assertString(full.getCell(9), "Sí");

        Row empty = rows.get(2);
        assertNumber(empty.getCell(0), "2", "0");
        assertThat(IntStream.range(1, 10).mapToObj(empty::getCell).map(Cell::getType)).containsOnly(CellType.EMPTY);

        Row other = rows.get(3);
        assertString(other.getCell(1), "plain");
        assertNumber(other.getCell(2), "0", "0");
        assertNumber(other.getCell(3), "-5.25", "$#,##0.00");
        assertNumber(other.getCell(4), "-0.125", "#,##0.00");
        assertNumber(other.getCell(5), "0", "0.0%");
        assertThat(other.getCell(6).asDate()).isEqualTo(LocalDateTime.of(1999, 12, 31, 0, 0));
        assertThat(other.getCell(7).asDate()).isEqualTo(LocalDateTime.of(2024, 2, 29, 8, 15, 30));
        assertThat(other.getCell(8).asBoolean()).isFalse();
        assertString(other.getCell(9), "No");
    }

    @Test
    void stylesTheHeaderLikeTheOriginalExport() throws Exception {
        XlsxParts parts = new XlsxParts(export(XlsxOptions.defaults(), SampleRows.COLUMNS,
                List.of(SampleRows.FULL)));

        for (String ref : List.of("A1", "F1", "J1")) {
            CellStyle header = parts.style(1, ref);
            assertThat(header.fontName()).isEqualTo("Calibri");
            assertThat(Double.parseDouble(header.fontSize())).isEqualTo(12.0);
            assertThat(header.bold()).isTrue();
            assertThat(header.fontColor()).isEqualTo("FFFFFFFF");
            assertThat(header.pattern()).isEqualTo("solid");
            assertThat(header.fillColor()).isEqualTo("FF1E40AF");
            assertThat(header.horizontal()).isEqualTo("center");
            assertThat(header.vertical()).isEqualTo("center");
            assertThat(header.wrap()).isTrue();
            assertThinGreyBorder(header);
        }
    }

    @Test
    void stylesDataCellsWithBordersZebraFillAndTypeFormats() throws Exception {
        XlsxParts parts = new XlsxParts(export(XlsxOptions.defaults().withFlushEveryRows(3), SampleRows.COLUMNS,
                List.of(SampleRows.FULL, SampleRows.EMPTY, SampleRows.OTHER, SampleRows.FULL)));

        // even sheet rows (2, 4) are shaded, odd ones (3, 5) are not, across a flush boundary
        for (int sheetRow = 2; sheetRow <= 5; sheetRow++) {
            for (String col : List.of("A", "B", "D", "G", "J")) {
                CellStyle style = parts.style(1, col + sheetRow);
                assertThat(style.fontName()).isEqualTo("Calibri");
                assertThat(Double.parseDouble(style.fontSize())).isEqualTo(11.0);
                assertThat(style.bold()).isFalse();
                assertThat(style.vertical()).isEqualTo("center");
                assertThinGreyBorder(style);
                if (sheetRow % 2 == 0) {
                    assertThat(style.pattern()).as("fill of %s%d", col, sheetRow).isEqualTo("solid");
                    assertThat(style.fillColor()).as("fill of %s%d", col, sheetRow).isEqualTo("FFF3F4F6");
                } else {
                    assertThat(style.pattern()).as("fill of %s%d", col, sheetRow).isEqualTo("none");
                }
            }
        }
        assertThat(parts.style(1, "B2").horizontal()).isEqualTo("left");
        assertThat(parts.style(1, "D2")).extracting(CellStyle::numFmt, CellStyle::horizontal)
                .containsExactly("$#,##0.00", "right");
        assertThat(parts.style(1, "F2")).extracting(CellStyle::numFmt, CellStyle::horizontal)
                .containsExactly("0.0%", "center");
        assertThat(parts.style(1, "G2")).extracting(CellStyle::numFmt, CellStyle::horizontal)
                .containsExactly("DD/MM/YYYY", "center");
        // a null date is an empty cell without the date format or centring, but with border and fill
        assertThat(parts.style(1, "G3")).extracting(CellStyle::numFmtId, CellStyle::horizontal)
                .containsExactly(0, "left");
        assertThat(parts.part("xl/worksheets/sheet1.xml")).contains("<c r=\"G3\" s=");
    }

    @Test
    void freezesTheHeaderRowSetsWidthsAndFiltersTheUsedRange() throws Exception {
        XlsxParts parts = new XlsxParts(export(XlsxOptions.defaults(), SampleRows.COLUMNS,
                List.of(SampleRows.FULL, SampleRows.EMPTY, SampleRows.OTHER)));

        String sheet = parts.part("xl/worksheets/sheet1.xml");
        assertThat(sheet).contains("<pane xSplit=\"0\" ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\""
                + " state=\"frozen\"/>");
        assertThat(sheet).contains("<autoFilter ref=\"A1:J4\">");
        assertThat(sheet).contains("<col min=\"1\" max=\"1\" width=\"8.0\"", "<col min=\"2\" max=\"2\" width=\"25.0\"",
                "<col min=\"10\" max=\"10\" width=\"15.0\"");
        assertThat(parts.part("xl/workbook.xml")).contains("name=\"_xlnm._FilterDatabase\"");
    }

    @Test
    void rollsOverToNumberedSheetsRepeatingTheHeader() throws Exception {
        XlsxOptions options = XlsxOptions.defaults().withSheetName("Facturas").withMaxRowsPerSheet(4)
                .withFlushEveryRows(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportSummary summary = Exporter.xlsx(options).export(SampleRows.COLUMNS, SampleRows.generate(10), out);

        assertThat(summary.rowsWritten()).isEqualTo(10);
        assertThat(summary.sheetNames()).containsExactly("Facturas", "Facturas (2)", "Facturas (3)", "Facturas (4)");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactlyElementsOf(summary.sheetNames());
            long expectedId = 1;
            for (Sheet sheet : sheets) {
                List<Row> rows = sheet.read();
                assertThat(rows.get(0).getCell(0).getText()).isEqualTo("ID");
                assertThat(rows.get(0).getCell(9).getText()).isEqualTo("Requiere Revisión");
                for (Row row : rows.subList(1, rows.size())) {
                    assertThat(row.getCell(0).asNumber()).isEqualByComparingTo(BigDecimal.valueOf(expectedId++));
                }
            }
            assertThat(expectedId).isEqualTo(11);
            assertThat(sheets).extracting(s -> s.read().size()).containsExactly(4, 4, 4, 2);
        }
        XlsxParts parts = new XlsxParts(out.toByteArray());
        for (int sheet = 1; sheet <= 4; sheet++) {
            String xml = parts.part("xl/worksheets/sheet" + sheet + ".xml");
            assertThat(xml).contains("topLeftCell=\"A2\"").contains("state=\"frozen\"");
            assertThat(xml).contains(sheet < 4 ? "<autoFilter ref=\"A1:J4\">" : "<autoFilter ref=\"A1:J2\">");
            assertThat(parts.style(sheet, "A1").fillColor()).isEqualTo("FF1E40AF");
            assertThat(parts.style(sheet, "A2").fillColor()).isEqualTo("FFF3F4F6");
        }
    }

    @Test
    void cutsRolledOverSheetNamesToExcelsLimit() {
        XlsxOptions options = XlsxOptions.defaults().withSheetName("A".repeat(31)).withMaxRowsPerSheet(2);

        ExportSummary summary = Exporter.xlsx(options)
                .export(SampleRows.COLUMNS, SampleRows.generate(2), new ByteArrayOutputStream());

        assertThat(summary.sheetNames()).containsExactly("A".repeat(31), "A".repeat(27) + " (2)");
    }

    @Test
    void keepsTextUpToExcelsCellLimitAndTruncatesLongerText() throws Exception {
        String thirtyThousand = "a".repeat(30_000);
        String fortyThousand = "b".repeat(40_000);
        // a surrogate pair straddling the limit is dropped whole rather than split
        String emojiAtLimit = "c".repeat(32_766) + "😀" + "tail";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportSummary summary = Exporter.xlsx().export(Columns.of(Column.<String>text("Notas", s -> s)),
                List.of(thirtyThousand, fortyThousand, emojiAtLimit).iterator(), out);

        List<Row> rows = read(out.toByteArray()).get(0);
        assertThat(rows.get(1).getCell(0).getText()).isEqualTo(thirtyThousand);
        assertThat(rows.get(2).getCell(0).getText()).isEqualTo("b".repeat(32_767));
        assertThat(rows.get(3).getCell(0).getText()).isEqualTo("c".repeat(32_766));
        assertThat(summary.truncatedCells()).isEqualTo(2);
    }

    @Test
    void failsOnTextOverExcelsCellLimitWhenAskedTo() {
        Exporter exporter = Exporter.xlsx(XlsxOptions.defaults().withTextOverflow(TextOverflow.FAIL));
        Columns<String> columns = Columns.of(Column.<String>text("Notas", s -> s));

        assertThatThrownBy(() -> exporter.export(columns, List.of("ok", "x".repeat(32_768)).iterator(),
                new ByteArrayOutputStream()))
                .isInstanceOf(ExportException.class)
                .hasMessage("column 'Notas' has 32768 characters at row 2, over Excel's cell limit of 32767");
    }

    @Test
    void neutralizesFormulaLikeTextByDefault() throws Exception {
        List<String> risky = List.of("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "=HYPERLINK(\"x\")", "ok");

        byte[] xlsx = export(XlsxOptions.defaults(), Columns.of(Column.<String>text("v", s -> s)), risky);

        List<Row> rows = read(xlsx).get(0);
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.getCell(0).getType()).containsOnly(CellType.STRING);
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.getCell(0).getText())
                .containsExactly("'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tTAB", "'=HYPERLINK(\"x\")", "ok");
    }

    @Test
    void writesFormulaLikeTextAsPlainTextWhenNeutralizationIsOff() throws Exception {
        byte[] xlsx = export(XlsxOptions.defaults().withNeutralizeFormulas(false),
                Columns.of(Column.<String>text("v", s -> s)), List.of("=1+1", "-2"));

        List<Row> rows = read(xlsx).get(0);
        // still inline text, never a formula cell
        assertThat(rows.subList(1, 3)).extracting(r -> r.getCell(0).getType()).containsOnly(CellType.STRING);
        assertThat(rows.subList(1, 3)).extracting(r -> r.getCell(0).getText()).containsExactly("=1+1", "-2");
        assertThat(new XlsxParts(xlsx).part("xl/worksheets/sheet1.xml")).doesNotContain("<f>");
    }

    @Test
    void escapesXmlAndDropsCharactersXmlCannotHold() throws Exception {
        byte[] xlsx = export(XlsxOptions.defaults(), Columns.of(Column.<String>text("v", s -> s)),
                List.of("<a href=\"x\">&amp;'</a>", "bell\u0007 and nul\u0000", "línea 1\nlínea 2"));

        List<Row> rows = read(xlsx).get(0);
        assertThat(rows.get(1).getCell(0).getText()).isEqualTo("<a href=\"x\">&amp;'</a>");
        assertThat(rows.get(2).getCell(0).getText()).isEqualTo("bell and nul");
        assertThat(rows.get(3).getCell(0).getText()).isEqualTo("línea 1\nlínea 2");
    }

    /** Regression: the original openpyxl export failed on any time-zone-aware datetime (nextops-domain.md 3.2). */
    @Test
    void convertsEveryTimezoneAwareKindToTheConfiguredZone() throws Exception {
        Instant instant = Instant.parse("2025-03-10T02:15:00Z");
        List<Object> values = List.of(instant, instant.atOffset(ZoneOffset.ofHours(9)),
                instant.atZone(ZoneId.of("Europe/Madrid")), LocalDateTime.of(2025, 3, 9, 20, 15));

        byte[] xlsx = export(XlsxOptions.defaults().withZone(ZoneId.of("America/El_Salvador")),
                Columns.of(Column.<Object>dateTime("Creado", v -> v), Column.<Object>date("Día", v -> v)), values);

        List<Row> rows = read(xlsx).get(0);
        for (Row row : rows.subList(1, 5)) {
            assertThat(row.getCell(0).asDate()).isEqualTo(LocalDateTime.of(2025, 3, 9, 20, 15));
            assertThat(row.getCell(1).asDate()).isEqualTo(LocalDateTime.of(2025, 3, 9, 0, 0));
        }
    }

    @Test
    void writesBigAndSmallNumberTypes() throws Exception {
        List<Number> values = List.of(new BigDecimal("12345678901.25"), BigInteger.valueOf(Long.MAX_VALUE),
                (short) 7, 2.5f, Double.POSITIVE_INFINITY);

        byte[] xlsx = export(XlsxOptions.defaults(), Columns.of(Column.<Number>decimal("n", n -> n)), values);

        List<Row> rows = read(xlsx).get(0);
        assertThat(rows.get(1).getCell(0).asNumber()).isEqualByComparingTo("12345678901.25");
        assertThat(rows.get(2).getCell(0).asNumber()).isEqualByComparingTo(String.valueOf(Long.MAX_VALUE));
        assertThat(rows.get(3).getCell(0).asNumber()).isEqualByComparingTo("7");
        assertThat(rows.get(4).getCell(0).asNumber()).isEqualByComparingTo("2.5");
        assertThat(rows.get(5).getCell(0).getType()).isEqualTo(CellType.EMPTY);
    }

    @Test
    void writesOnlyTheHeaderForNoRows() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportSummary summary = Exporter.of(ExportFormat.XLSX).export(SampleRows.COLUMNS, List.of(), out);

        assertThat(summary.rowsWritten()).isZero();
        assertThat(summary.sheetNames()).containsExactly("Export");
        assertThat(read(out.toByteArray()).get(0)).hasSize(1);
        assertThat(new XlsxParts(out.toByteArray()).part("xl/worksheets/sheet1.xml"))
                .contains("<autoFilter ref=\"A1:J1\">");
    }

    @Test
    void rejectsAValueItsColumnTypeCannotWriteNamingColumnAndRow() {
        Columns<Object> columns = Columns.of(Column.<Object>date("Fecha", v -> v));

        assertThatThrownBy(() -> Exporter.xlsx().export(columns, List.<Object>of("2025-01-01").iterator(),
                new ByteArrayOutputStream()))
                .isInstanceOf(ExportException.class)
                .hasMessageStartingWith("column 'Fecha' (DATE) cannot write a java.lang.String at row 1");
    }

    @Test
    void exportsUnchangedWhateverTheFlushCadence() throws Exception {
        List<String> texts = IntStream.range(0, 50).mapToObj(i -> "fila " + i).collect(Collectors.toList());
        Columns<String> columns = Columns.of(Column.<String>text("v", s -> s));

        byte[] everyRow = export(XlsxOptions.defaults().withFlushEveryRows(1), columns, texts);
        byte[] everySeven = export(XlsxOptions.defaults().withFlushEveryRows(7), columns, texts);
        byte[] once = export(XlsxOptions.defaults().withFlushEveryRows(100), columns, texts);

        assertThat(sheetXml(everyRow)).isEqualTo(sheetXml(once)).isEqualTo(sheetXml(everySeven));
    }

    private static String sheetXml(byte[] xlsx) throws Exception {
        return new XlsxParts(xlsx).part("xl/worksheets/sheet1.xml");
    }

    private static void assertNumber(Cell cell, String value, String format) {
        assertThat(cell.getType()).as("type of %s", cell.getAddress()).isEqualTo(CellType.NUMBER);
        assertThat(cell.asNumber()).as("value of %s", cell.getAddress()).isEqualByComparingTo(value);
        assertThat(cell.getDataFormatString()).as("format of %s", cell.getAddress()).isEqualTo(format);
    }

    private static void assertString(Cell cell, String value) {
        assertThat(cell.getType()).as("type of %s", cell.getAddress()).isEqualTo(CellType.STRING);
        assertThat(cell.getText()).as("text of %s", cell.getAddress()).isEqualTo(value);
    }

    private static void assertThinGreyBorder(CellStyle style) {
        assertThat(List.of(style.borderLeft(), style.borderTop(), style.borderRight(), style.borderBottom()))
                .containsOnly("thin");
        assertThat(style.borderColor()).isEqualTo("FFD1D5DB");
    }

    private static <R> byte[] export(XlsxOptions options, Columns<R> columns, List<? extends R> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exporter.xlsx(options).export(columns, rows.iterator(), out);
        return out.toByteArray();
    }

    private static List<List<Row>> read(byte[] xlsx) throws Exception {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx),
                new ReadingOptions(true, false))) {
            return workbook.getSheets().map(sheet -> {
                try {
                    return sheet.read();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
