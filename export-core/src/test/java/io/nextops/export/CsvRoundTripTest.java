package io.nextops.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvRoundTripTest {

    private static final List<String> HEADERS = List.of("ID", "Nombre", "Cantidad", "Monto (USD)", "Ratio",
            "Confianza", "Fecha", "Creado", "Activo", "Requiere Revisión");

    @Test
    void writesEveryTypeAsPlainTextThatReadsBack() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportSummary summary = Exporter.csv().export(SampleRows.COLUMNS,
                List.of(SampleRows.FULL, SampleRows.EMPTY, SampleRows.OTHER).iterator(), out);

        List<CSVRecord> records = read(out.toByteArray());
        assertThat(records).hasSize(4);
        assertThat(records.get(0).values()).containsExactlyElementsOf(HEADERS);
        // the OffsetDateTime at -06:00 is shown in UTC, the default zone
        assertThat(records.get(1).values()).containsExactly("1", "Año ñandú — 日本語 😀", "3", "1234.56", "0.5",
                "0.875", "2025-01-31", "2025-02-01 04:30:00", "true", "Sí");
        assertThat(records.get(2).values()).containsExactly("2", "", "", "", "", "", "", "", "", "");
        assertThat(records.get(3).values()).containsExactly("3", "plain", "0", "-5.25", "-0.125", "0.0",
                "1999-12-31", "2024-02-29 08:15:30", "false", "No");
        assertThat(summary.rowsWritten()).isEqualTo(3);
        assertThat(summary.sheetNames()).isEmpty();
        assertThat(summary.bytesWritten()).isEqualTo(out.size());
        assertThat(summary.format()).isEqualTo(ExportFormat.CSV);
    }

    @Test
    void usesCrlfLineEndsAndQuotesOnlyWhenNeeded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Columns<String> columns = Columns.of(Column.<String>text("a", s -> s), Column.<String>text("b", s -> "x"));

        Exporter.csv().export(columns, List.of("plain", "with,comma", "with \"quote\"", "two\nlines").iterator(), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "a,b\r\nplain,x\r\n\"with,comma\",x\r\n\"with \"\"quote\"\"\",x\r\n\"two\nlines\",x\r\n");
    }

    @Test
    void startsWithUtf8ByteOrderMarkOnlyWhenAsked() {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        Columns<String> columns = Columns.of(Column.<String>text("Año", s -> s));

        Exporter.csv().export(columns, List.of("ñ").iterator(), plain);
        Exporter.csv(CsvOptions.defaults().withByteOrderMark(true)).export(columns, List.of("ñ").iterator(), withBom);

        assertThat(plain.toByteArray()).startsWith("Año".getBytes(StandardCharsets.UTF_8));
        assertThat(withBom.toByteArray()).startsWith(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(Arrays.copyOfRange(withBom.toByteArray(), 3, withBom.size())).isEqualTo(plain.toByteArray());
    }

    @Test
    void writesWithTheConfiguredDelimiter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Exporter.csv(CsvOptions.defaults().withDelimiter(';'))
                .export(SampleRows.COLUMNS, List.of(SampleRows.OTHER).iterator(), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("ID;Nombre;Cantidad;");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setDelimiter(';').get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();
        assertThat(records.get(1).get(3)).isEqualTo("-5.25");
    }

    @Test
    void neutralizesFormulaLikeTextByDefault() throws IOException {
        List<String> risky = List.of("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR", "=HYPERLINK(\"x\")", "ok");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Exporter.csv().export(Columns.of(Column.<String>text("v", s -> s)), risky.iterator(), out);

        assertThat(read(out.toByteArray())).extracting(r -> r.get(0)).containsExactly("v", "'=1+1", "'+SUM(A1)",
                "'-2+3", "'@cmd", "'\tTAB", "'\rCR", "'=HYPERLINK(\"x\")", "ok");
    }

    @Test
    void leavesFormulaLikeTextAloneWhenNeutralizationIsOff() throws IOException {
        List<String> risky = List.of("=1+1", "-2", "@cmd");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Exporter.csv(CsvOptions.defaults().withNeutralizeFormulas(false))
                .export(Columns.of(Column.<String>text("v", s -> s)), risky.iterator(), out);

        assertThat(read(out.toByteArray())).extracting(r -> r.get(0)).containsExactly("v", "=1+1", "-2", "@cmd");
    }

    @Test
    void neverNeutralizesNegativeNumbers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Exporter.csv().export(Columns.of(Column.<Integer>integer("n", n -> n)), List.of(-7).iterator(), out);

        assertThat(read(out.toByteArray()).get(1).get(0)).isEqualTo("-7");
    }

    @Test
    void writesVeryLongTextWhole() throws IOException {
        String longText = "x".repeat(40_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportSummary summary = Exporter.csv()
                .export(Columns.of(Column.<String>text("v", s -> s)), List.of(longText).iterator(), out);

        assertThat(read(out.toByteArray()).get(1).get(0)).isEqualTo(longText);
        assertThat(summary.truncatedCells()).isZero();
    }

    @Test
    void convertsTimezoneAwareDateTimesToTheConfiguredZone() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Exporter.csv(CsvOptions.defaults().withZone(ZoneId.of("America/El_Salvador")))
                .export(SampleRows.COLUMNS, List.of(SampleRows.FULL).iterator(), out);

        assertThat(read(out.toByteArray()).get(1).get(7)).isEqualTo("2025-01-31 22:30:00");
    }

    @Test
    void writesNumbersInPlainNotationNeverScientific() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Columns<Number> columns = Columns.of(Column.<Number>decimal("n", n -> n));

        Exporter.csv().export(columns, List.<Number>of(1e20, 1e-7, 2.5f, Double.NaN,
                new java.math.BigDecimal("1E+3")).iterator(), out);

        assertThat(read(out.toByteArray())).extracting(r -> r.get(0))
                .containsExactly("n", "100000000000000000000", "0.0000001", "2.5", "", "1000");
    }

    @Test
    void rejectsAValueItsColumnTypeCannotWriteNamingColumnAndRow() {
        Columns<String> columns = Columns.of(Column.<String>of("Monto", ColumnType.MONEY, s -> s));

        assertThatThrownBy(() -> Exporter.csv()
                .export(columns, List.of("oops").iterator(), new ByteArrayOutputStream()))
                .isInstanceOf(ExportException.class)
                .isNotInstanceOf(ExportAbortedException.class)
                .hasMessage("column 'Monto' (MONEY) cannot write a java.lang.String at row 1,"
                        + " see ColumnType for accepted values");
    }

    @Test
    void namesColumnAndRowWhenAnExtractorFails() {
        Columns<String> columns = Columns.of(Column.<String>text("Cliente", s -> s.substring(10)));

        assertThatThrownBy(() -> Exporter.csv()
                .export(columns, List.of("0123456789ab", "short").iterator(), new ByteArrayOutputStream()))
                .isInstanceOf(ExportException.class)
                .hasMessageStartingWith("column 'Cliente' failed to read its value at row 2")
                .hasCauseInstanceOf(StringIndexOutOfBoundsException.class);
    }

    @Test
    void writesOnlyTheHeaderForNoRows() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExportSummary summary = Exporter.csv()
                .export(SampleRows.COLUMNS, java.util.stream.Stream.<SampleRows.Row>empty(), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(",", HEADERS) + "\r\n");
        assertThat(summary.rowsWritten()).isZero();
    }

    @Test
    void leavesTheCallersStreamOpen() {
        ClosableProbe out = new ClosableProbe();

        Exporter.csv().export(SampleRows.COLUMNS, List.of(SampleRows.FULL).iterator(), out);

        assertThat(out.closed).isFalse();
    }

    private static List<CSVRecord> read(byte[] csv) throws IOException {
        return CSVFormat.RFC4180
                .parse(new StringReader(new String(csv, StandardCharsets.UTF_8))).getRecords();
    }

    private static final class ClosableProbe extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
