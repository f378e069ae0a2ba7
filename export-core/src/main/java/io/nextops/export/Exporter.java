package io.nextops.export;

import io.nextops.export.csv.CsvTableWriter;
import io.nextops.export.internal.ExportProgress;
import io.nextops.export.internal.SinkGuard;
import io.nextops.export.internal.TableWriter;
import io.nextops.export.xlsx.XlsxTableWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams rows from a cursor to an {@link OutputStream} as CSV or XLSX at constant memory: the entry point of
 * export-core.
 *
 * <pre>{@code
 * Columns<Invoice> columns = Columns.<Invoice>builder()
 *         .integer("ID", Invoice::id, 8)
 *         .money("Monto (USD)", Invoice::amount, 12)
 *         .date("Fecha Emisión", Invoice::issuedOn, 15)
 *         .build();
 * Exporter exporter = Exporter.xlsx(XlsxOptions.defaults().withSheetName("Facturas"));
 * try (Stream<Invoice> rows = invoices.streamAll()) {        // the caller owns and closes the cursor
 *     ExportSummary summary = exporter.export(columns, rows, response.getOutputStream());
 *     log.info("exported {} rows", summary.rowsWritten());
 * } catch (ExportAbortedException e) {                        // the client went away
 *     log.info("{}", e.getMessage());
 * }
 * }</pre>
 *
 * <p>The exporter pulls one row at a time and never collects the rows; it neither closes the row source nor the
 * output stream (it flushes the stream at the end). Exceptions thrown by the row iterator itself propagate unchanged;
 * a failing column extractor, a value a column cannot write, or an over-long text under {@link TextOverflow#FAIL}
 * raise an {@link ExportException} naming the column and row. When the output stream throws, or the thread is
 * interrupted, the export stops at once (nothing more is written, the XLSX trailer is not attempted) and
 * {@link ExportAbortedException} is thrown.
 *
 * <p>Thread-safety: immutable and safe to share; each {@code export} call runs entirely on the calling thread.
 */
public final class Exporter {

    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

    private final TableWriter writer;

    private Exporter(TableWriter writer) {
        this.writer = writer;
    }

    /** A CSV exporter with {@link CsvOptions#defaults()}. */
    public static Exporter csv() {
        return csv(CsvOptions.defaults());
    }

    /** A CSV exporter with the given options. */
    public static Exporter csv(CsvOptions options) {
        return new Exporter(new CsvTableWriter(options));
    }

    /** An XLSX exporter with {@link XlsxOptions#defaults()}. */
    public static Exporter xlsx() {
        return xlsx(XlsxOptions.defaults());
    }

    /** An XLSX exporter with the given options. */
    public static Exporter xlsx(XlsxOptions options) {
        return new Exporter(new XlsxTableWriter(options));
    }

    /** An exporter of {@code format} with that format's default options. */
    public static Exporter of(ExportFormat format) {
        Objects.requireNonNull(format, "format");
        return switch (format) {
            case CSV -> csv();
            case XLSX -> xlsx();
        };
    }

    /** The format this exporter writes, with its content type and file extension. */
    public ExportFormat format() {
        return writer.format();
    }

    /**
     * Writes the header and every remaining row of {@code rows} to {@code out}. Does not close the stream.
     *
     * @throws ExportAbortedException if {@code out} throws or the thread is interrupted
     * @throws ExportException        if a value cannot be written
     */
    public <R> ExportSummary export(Columns<R> columns, Stream<? extends R> rows, OutputStream out) {
        Objects.requireNonNull(rows, "rows");
        return export(columns, rows.iterator(), out);
    }

    /**
     * Writes the header and every element of {@code rows} to {@code out}. Does not close the stream.
     *
     * @throws ExportAbortedException if {@code out} throws or the thread is interrupted
     * @throws ExportException        if a value cannot be written
     */
    public <R> ExportSummary export(Columns<R> columns, Iterable<? extends R> rows, OutputStream out) {
        Objects.requireNonNull(rows, "rows");
        return export(columns, rows.iterator(), out);
    }

    /**
     * Writes the header and every remaining row of {@code rows} to {@code out}. Does not close the stream.
     *
     * @throws ExportAbortedException if {@code out} throws or the thread is interrupted
     * @throws ExportException        if a value cannot be written
     */
    public <R> ExportSummary export(Columns<R> columns, Iterator<? extends R> rows, OutputStream out) {
        return export(columns, rows, out, ExportListener.NONE);
    }

    /**
     * As {@link #export(Columns, Stream, OutputStream)}, telling {@code listener} the rows and bytes written every
     * {@value ExportListener#EVERY_ROWS} rows.
     */
    public <R> ExportSummary export(Columns<R> columns, Stream<? extends R> rows, OutputStream out,
                                    ExportListener listener) {
        Objects.requireNonNull(rows, "rows");
        return export(columns, rows.iterator(), out, listener);
    }

    /**
     * As {@link #export(Columns, Iterator, OutputStream)}, telling {@code listener} the rows and bytes written every
     * {@value ExportListener#EVERY_ROWS} rows.
     */
    public <R> ExportSummary export(Columns<R> columns, Iterator<? extends R> rows, OutputStream out,
                                    ExportListener listener) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(listener, "listener");
        SinkGuard sink = new SinkGuard(out);
        ExportProgress progress = new ExportProgress(listener, sink);
        long start = System.nanoTime();
        try {
            writer.write(columns, rows, sink, progress);
            sink.flush();
        } catch (IOException e) {
            throw aborted(sink, progress, e);
        } catch (UncheckedIOException e) {
            if (sink.failure() == null) {
                throw e; // from the caller's row cursor, not from our sink: not ours to reinterpret
            }
            throw aborted(sink, progress, e);
        }
        ExportSummary summary = new ExportSummary(format(), progress.rowsWritten(), progress.sheetNames(),
                progress.truncatedCells(), sink.bytesWritten(), Duration.ofNanos(System.nanoTime() - start));
        LOG.debug("{} export finished: {} rows, {} sheets, {} bytes, {} truncated cells in {} ms",
                format().fileExtension(), summary.rowsWritten(), summary.sheets(), summary.bytesWritten(),
                summary.truncatedCells(), summary.elapsed().toMillis());
        return summary;
    }

    private ExportAbortedException aborted(SinkGuard sink, ExportProgress progress, Exception e) {
        IOException sinkFailure = sink.failure();
        String reason;
        Throwable cause;
        if (sinkFailure != null) {
            reason = "output stream failed: " + sinkFailure;
            cause = sinkFailure;
        } else if (e instanceof InterruptedIOException) {
            reason = "thread interrupted";
            cause = null;
        } else {
            // the zip writer or commons-csv failed on I/O without the stream failing: should not happen, keep the cause
            reason = "I/O failure: " + e;
            cause = e;
        }
        ExportAbortedException aborted = new ExportAbortedException(format(), progress.rowsWritten(), reason, cause);
        LOG.debug("{}", aborted.getMessage());
        return aborted;
    }
}
