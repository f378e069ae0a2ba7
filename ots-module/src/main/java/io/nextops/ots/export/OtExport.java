package io.nextops.ots.export;

import java.util.List;
import io.nextops.web.route.Route;
import io.nextops.web.route.Call;
import io.nextops.web.download.ExportDownload;
import io.nextops.web.download.SnapshotExport;
import io.nextops.export.CsvOptions;
import io.nextops.export.ExportFormat;
import io.nextops.export.Exporter;
import io.nextops.export.XlsxOptions;
import io.nextops.web.Params;
import io.nextops.ots.workorder.Ot;
import io.nextops.ots.workorder.OtQuery;
import io.nextops.ots.workorder.OtRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/ots/export-excel/} (with or without the trailing slash): every OT of the list's filters and
 * {@code ordering} ({@link OtQuery}, pagination ignored) as the original's 27-column sheet {@code OTs}, file
 * {@code OTs_{count}_registros_{YYYYmmdd_HHMMSS}.xlsx} (UTC); {@code format=csv} gives the same columns as CSV
 * (UTF-8 with a BOM). Any authenticated role. Bad parameters are a 400 before anything is written. Rows stream from
 * one snapshot ({@link SnapshotExport}). Thread-safe.
 */
public final class OtExport {
    private final Jdbi jdbi;
    private final OtRepository ots;
    private final SnapshotExport<Ot> export;

    public OtExport(Jdbi jdbi, OtRepository ots) {
        this(jdbi, ots, Clock.systemUTC());
    }

    OtExport(Jdbi jdbi, OtRepository ots, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.ots = Objects.requireNonNull(ots, "ots");
        this.export = new SnapshotExport<>(OtExportColumns.SHEET, OtExportColumns.COLUMNS,
                Exporter.xlsx(XlsxOptions.defaults().withSheetName(OtExportColumns.SHEET)),
                Exporter.csv(CsvOptions.defaults().withByteOrderMark(true)), clock);
    }

    /** {@code GET /api/ots/export-excel/}: the export download, any authenticated role, heavy work. */
    public Route route() {
        return Route.get("/api/ots/export-excel/", "ots_export", this::export).tag("exports").heavy(SnapshotExport.RESERVE_BYTES)
                .params(OtQuery.PARAMS).params(List.of(ExportDownload.FORMAT)).build();
    }

    private void export(Call call) throws IOException {
        HttpServletRequest req = call.request();
        HttpServletResponse resp = call.response();
        Params params = call.params();
        OtQuery query = OtQuery.from(params);
        ExportFormat format = ExportDownload.format(params);
        params.validate();
        export.write(jdbi, format, h -> ots.count(h, query), h -> ots.stream(h, query).stream(), req, resp);
    }
}
