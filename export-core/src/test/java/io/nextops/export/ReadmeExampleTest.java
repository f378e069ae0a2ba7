package io.nextops.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The README's usage example, compiled and run; {@link ReadmeSnippets} keeps the README's copy identical. */
class ReadmeExampleTest {
    private static final Logger log = LoggerFactory.getLogger(ReadmeExampleTest.class);

    record Invoice(long id, String number, BigDecimal amount, LocalDate issuedOn, double matchConfidence,
                   boolean needsReview, OffsetDateTime createdAt) {}

    /** Stands in for a DAO that streams rows from a database cursor. */
    static final class InvoiceDao {
        Stream<Invoice> stream() {
            OffsetDateTime created = OffsetDateTime.of(2025, 1, 31, 22, 30, 0, 0, ZoneOffset.ofHours(-6));
            return Stream.of(
                    new Invoice(1, "F-001", new BigDecimal("1234.56"), LocalDate.of(2025, 1, 31), 0.875, false, created),
                    new Invoice(2, "F-002", new BigDecimal("99.00"), LocalDate.of(2025, 2, 1), 0.5, true, created));
        }
    }

    @Test
    void exportsInvoicesToXlsx(@TempDir Path dir) throws Exception {
        InvoiceDao invoiceDao = new InvoiceDao();
        Path file = dir.resolve("facturas.xlsx");

        // tag::usage[]
        Columns<Invoice> columns = Columns.<Invoice>builder()
                .integer("ID", Invoice::id, 8)
                .text("Número Factura", Invoice::number, 20)
                .money("Monto (USD)", Invoice::amount, 12)                         // $#,##0.00, right-aligned
                .date("Fecha Emisión", Invoice::issuedOn, 15)                       // DD/MM/YYYY, centred
                .percent("Confianza Match", Invoice::matchConfidence, 15)           // 0.0%, centred
                .yesNo("Requiere Revisión", Invoice::needsReview, "Sí", "No", 15)   // text column
                .add(Column.<Invoice>dateTime("Creado", Invoice::createdAt)         // OffsetDateTime is fine
                        .withNumberFormat("DD/MM/YYYY").withWidth(20))
                .build();                                                          // build once, reuse

        Exporter exporter = Exporter.xlsx(XlsxOptions.defaults().withSheetName("Facturas"));
        try (Stream<Invoice> rows = invoiceDao.stream();                           // you own and close the cursor
             OutputStream out = Files.newOutputStream(file)) {
            ExportSummary summary = exporter.export(columns, rows, out);
            log.info("exported {} rows in {} sheets", summary.rowsWritten(), summary.sheets());
        } catch (ExportAbortedException e) {
            log.info("{}", e.getMessage());   // "xlsx export aborted after 51234 rows: output stream failed: ..."
        }
        // end::usage[]

        try (InputStream in = Files.newInputStream(file); ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            assertThat(workbook.getFirstSheet().getName()).isEqualTo("Facturas");
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).getCell(1).getText()).isEqualTo("Número Factura");
            assertThat(rows.get(1).stream().map(Cell::getRawValue).toList().subList(0, 3))
                    .containsExactly("1", "F-001", "1234.56");
            assertThat(rows.get(2).getCell(5).getText()).isEqualTo("Sí");
        }
    }

    @Test
    void readmeShowsThisExampleAndCitesOnlyExistingFiles() throws Exception {
        ReadmeSnippets.assertSnippetsMatchSources();
        ReadmeSnippets.assertRelativeLinksExist();
    }
}
