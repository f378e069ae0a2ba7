package io.nextops.web.download;

import io.nextops.export.Columns;
import io.nextops.export.ExportAbortedException;
import io.nextops.export.ExportFormat;
import io.nextops.export.ExportSummary;
import io.nextops.export.Exporter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One export download from one database snapshot. On its own connection it opens a read-only REPEATABLE READ
 * transaction, runs the COUNT (which names the file), sets the download headers and then streams the rows of a
 * server-side cursor one at a time into the {@link Exporter}, which writes them to the response as they come. Memory
 * does not grow with the number of rows.
 *
 * <p>When the client goes away mid-download the exporter fails with {@link ExportAbortedException}: the cursor and its
 * statement are closed, the transaction rolled back and the connection returned to the pool before the method returns;
 * one INFO line is logged and nothing is thrown. Any other failure also releases the connection and is rethrown.
 * While it streams, the export is listed in the server's {@link RunningExports} (rows, bytes, elapsed), and one
 * running for 5 s or more logs a progress line every 5 s; every export logs one INFO line when it ends.
 * Immutable and thread-safe (one {@code write} call per request).
 *
 * <pre>{@code
 * SnapshotExport<Ot> export = new SnapshotExport<>("OTs", OtExportColumns.COLUMNS, xlsx, csv, Clock.systemUTC());
 * export.write(jdbi, format, h -> repo.count(h, query), h -> repo.stream(h, query).stream(), request, response);
 * }</pre>
 *
 * @param <R> the row type
 */
public final class SnapshotExport<R> {
    /**
     * What one export may hold while it streams, for its route's memory reservation: the XLSX writer's buffers and
     * deflater, the cursor's fetch batch and the socket buffers. Measured: 4 concurrent 200k-row XLSX exports took
     * the server from 104 MB to 179 MB peak RSS (docs/benchmarks/exports.md), about 19 MB each; 24 MiB leaves room.
     */
    public static final long RESERVE_BYTES = 24L << 20;
    private static final Logger log = LoggerFactory.getLogger(SnapshotExport.class);

    /** First statement of the transaction: one consistent snapshot for the count and the rows, no writes. */
    static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    private final String filePrefix;
    private final Columns<R> columns;
    private final Exporter xlsx;
    private final Exporter csv;
    private final Clock clock;

    /**
     * @param filePrefix start of the file name, e.g. {@code Facturas}
     * @param columns the sheet's columns
     * @param xlsx the exporter for {@link ExportFormat#XLSX}
     * @param csv the exporter for {@link ExportFormat#CSV}
     * @param clock the time stamped into the file name (UTC)
     */
    public SnapshotExport(String filePrefix, Columns<R> columns, Exporter xlsx, Exporter csv, Clock clock) {
        this.filePrefix = Objects.requireNonNull(filePrefix, "filePrefix");
        this.columns = Objects.requireNonNull(columns, "columns");
        this.xlsx = Objects.requireNonNull(xlsx, "xlsx");
        this.csv = Objects.requireNonNull(csv, "csv");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (xlsx.format() != ExportFormat.XLSX || csv.format() != ExportFormat.CSV) {
            throw new IllegalArgumentException("xlsx and csv must be exporters of those formats, were "
                    + xlsx.format() + " and " + csv.format());
        }
    }

    /** What one download did. */
    public record Outcome(String fileName, long count, long rowsWritten, boolean aborted) {}

    /**
     * Streams the export. Validate the request before calling: from here on the response is committed with the
     * first bytes.
     *
     * @param count the COUNT of the rows, run first on the snapshot's handle
     * @param rows the rows in their order from a cursor on the same handle (in a transaction); closed here
     */
    public Outcome write(Jdbi jdbi, ExportFormat format, ToLongFunction<Handle> count,
                         Function<Handle, Stream<? extends R>> rows, HttpServletRequest request,
                         HttpServletResponse response) throws IOException {
        Exporter exporter = format == ExportFormat.CSV ? csv : xlsx;
        long start = System.nanoTime();
        String fileName = null;
        long total = -1;
        ExportAbortedException aborted = null;
        Handle h = jdbi.open();
        try {
            h.begin();
            h.execute(SNAPSHOT);
            total = count.applyAsLong(h);
            fileName = ExportDownload.fileName(filePrefix, total, clock.instant(), format);
            ExportDownload.headers(response, format, fileName);
            ExportSummary summary;
            try (Stream<? extends R> cursor = rows.apply(h);
                 RunningExports.Export progress = RunningExports.of(request).start(fileName, format, total)) {
                summary = exporter.export(columns, cursor, response.getOutputStream(), progress);
            }
            h.commit();
            log.info("export {} {}: {} rows, {} bytes ({} MB) in {} ms", format, fileName, summary.rowsWritten(),
                    summary.bytesWritten(), String.format(java.util.Locale.ROOT, "%.1f",
                            summary.bytesWritten() / 1048576.0), summary.elapsed().toMillis());
            return new Outcome(fileName, total, summary.rowsWritten(), false);
        } catch (ExportAbortedException e) {
            aborted = e;
            return new Outcome(fileName, total, e.rowsWritten(), true);
        } finally {
            release(h);
            if (aborted != null) {
                log.info("export {} {} stopped after {} of {} rows ({} {}): {}; connection released after {} ms",
                        format, fileName, aborted.rowsWritten(), total, request.getMethod(), request.getRequestURI(),
                        reason(aborted), (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /** Ends the transaction (rollback unless committed) and returns the connection, never throwing. */
    private static void release(Handle h) {
        try {
            if (h.isInTransaction()) {
                h.rollback();
            }
        } catch (RuntimeException e) {
            log.debug("rollback after export failed; closing the connection anyway", e);
        } finally {
            try {
                h.close();
            } catch (RuntimeException e) {
                log.debug("closing the export handle failed", e);
            }
        }
    }

    private static String reason(ExportAbortedException e) {
        Throwable c = e.getCause();
        return c == null ? e.getMessage() : "client went away (" + c.getClass().getSimpleName() + ": "
                + c.getMessage() + ")";
    }
}
