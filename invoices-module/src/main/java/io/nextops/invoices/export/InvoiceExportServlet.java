package io.nextops.invoices.export;

import io.nextops.export.CsvOptions;
import io.nextops.export.ExportFormat;
import io.nextops.export.Exporter;
import io.nextops.export.XlsxOptions;
import io.nextops.invoices.invoice.InvoiceQuery;
import io.nextops.invoices.invoice.InvoiceRepository;
import io.nextops.invoices.invoice.InvoiceRow;
import io.nextops.web.Params;
import io.nextops.web.download.ExportDownload;
import io.nextops.web.download.SnapshotExport;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/invoices/export-excel/} (with or without the trailing slash): every invoice of the list's filters
 * and {@code ordering} ({@link InvoiceQuery}, pagination ignored) as the original's 24-column sheet {@code Facturas},
 * file {@code Facturas_{count}_registros_{YYYYmmdd_HHMMSS}.xlsx} (UTC); {@code format=csv} gives the same columns as
 * CSV (UTF-8 with a BOM). Any authenticated role. Bad parameters are a 400 before anything is written. Rows stream
 * from one snapshot through a server-side cursor ({@link SnapshotExport}). Mount on
 * {@code /api/invoices/export-excel/*}. Thread-safe.
 */
public final class InvoiceExportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Jdbi jdbi;
    private final transient InvoiceRepository invoices;
    private final transient SnapshotExport<InvoiceRow> export;

    public InvoiceExportServlet(Jdbi jdbi, InvoiceRepository invoices) {
        this(jdbi, invoices, Clock.systemUTC());
    }

    InvoiceExportServlet(Jdbi jdbi, InvoiceRepository invoices, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.export = new SnapshotExport<>(InvoiceExportColumns.SHEET, InvoiceExportColumns.COLUMNS,
                Exporter.xlsx(XlsxOptions.defaults().withSheetName(InvoiceExportColumns.SHEET)
                        .withZone(InvoiceExportColumns.ZONE)),
                Exporter.csv(CsvOptions.defaults().withByteOrderMark(true).withZone(InvoiceExportColumns.ZONE)),
                clock);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ExportDownload.requireGet(req);
        Params params = new Params(req);
        InvoiceQuery query = InvoiceQuery.from(params);
        ExportFormat format = ExportDownload.format(params);
        params.validate();
        export.write(jdbi, format, h -> invoices.count(h, query), h -> invoices.streamAll(h, query), req, resp);
    }
}
