package io.nextops.invoices.export;

import java.util.List;
import io.nextops.web.route.Route;
import io.nextops.web.route.Call;
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
 * from one snapshot through a server-side cursor ({@link SnapshotExport}). Thread-safe.
 */
public final class InvoiceExport {
    private final Jdbi jdbi;
    private final InvoiceRepository invoices;
    private final SnapshotExport<InvoiceRow> export;

    public InvoiceExport(Jdbi jdbi, InvoiceRepository invoices) {
        this(jdbi, invoices, Clock.systemUTC());
    }

    InvoiceExport(Jdbi jdbi, InvoiceRepository invoices, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.export = new SnapshotExport<>(InvoiceExportColumns.SHEET, InvoiceExportColumns.COLUMNS,
                Exporter.xlsx(XlsxOptions.defaults().withSheetName(InvoiceExportColumns.SHEET)
                        .withZone(InvoiceExportColumns.ZONE)),
                Exporter.csv(CsvOptions.defaults().withByteOrderMark(true).withZone(InvoiceExportColumns.ZONE)),
                clock);
    }

    /** {@code GET /api/invoices/export-excel/}: the export download, any authenticated role, heavy work. */
    public Route route() {
        return Route.get("/api/invoices/export-excel/", "invoices_export", this::export).tag("exports").heavy(SnapshotExport.RESERVE_BYTES)
                .params(InvoiceQuery.PARAMS).params(List.of(ExportDownload.FORMAT)).build();
    }

    private void export(Call call) throws IOException {
        HttpServletRequest req = call.request();
        HttpServletResponse resp = call.response();
        Params params = call.params();
        InvoiceQuery query = InvoiceQuery.from(params);
        ExportFormat format = ExportDownload.format(params);
        params.validate();
        export.write(jdbi, format, h -> invoices.count(h, query), h -> invoices.streamAll(h, query), req, resp);
    }
}
