package io.nextops.web.download;

import io.nextops.export.ExportFormat;
import io.nextops.export.ExportListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exports streaming now, with their progress: {@link SnapshotExport} registers each download here, and the
 * exporter updates its rows and bytes every {@value ExportListener#EVERY_ROWS} rows (two volatile writes and one
 * {@code nanoTime} per 1,024 rows; nothing per row). An export that has been running for {@link #LOG_EVERY} or longer
 * logs one INFO progress line (rows, MB, elapsed) every {@link #LOG_EVERY}; its last line is
 * {@link SnapshotExport}'s. At most one entry per running export (the heavy lane bounds them); an entry is removed
 * when its export ends, however it ends.
 *
 * <p>The server puts one registry in the servlet context under {@link #ATTRIBUTE}; without one, each export gets a
 * private registry and still logs its progress.
 *
 * <pre>{@code
 * context.setAttribute(RunningExports.ATTRIBUTE, exports);    // server, once
 * for (RunningExports.View v : exports.snapshot()) { ... }    // a dashboard
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RunningExports {
    /** The servlet-context attribute holding the server's registry. */
    public static final String ATTRIBUTE = RunningExports.class.getName();
    /** Interval between progress lines of one export. */
    public static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(SnapshotExport.class);

    private final Map<Long, Export> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongSupplier nanoTime;
    private final long logEveryNanos;
    private final Consumer<String> progressLog;

    public RunningExports() {
        this(System::nanoTime, LOG_EVERY, log::info);
    }

    /** For tests: a fake clock, another interval, and where progress lines go. */
    RunningExports(LongSupplier nanoTime, Duration logEvery, Consumer<String> progressLog) {
        this.nanoTime = nanoTime;
        this.logEveryNanos = logEvery.toNanos();
        this.progressLog = progressLog;
    }

    /** The server's registry for {@code request}, or a private one when the server keeps none. */
    public static RunningExports of(HttpServletRequest request) {
        ServletContext context = request.getServletContext();
        Object found = context == null ? null : context.getAttribute(ATTRIBUTE);
        return found instanceof RunningExports r ? r : new RunningExports();
    }

    /**
     * Registers an export that starts now; close the result when it ends.
     *
     * @param fileName  the download's file name
     * @param totalRows the COUNT of its rows
     */
    public Export start(String fileName, ExportFormat format, long totalRows) {
        Export e = new Export(ids.incrementAndGet(), fileName, format, totalRows, nanoTime.getAsLong());
        running.put(e.id, e);
        return e;
    }

    /** The exports running now, oldest first. */
    public List<View> snapshot() {
        long now = nanoTime.getAsLong();
        List<View> views = new ArrayList<>(running.size());
        for (Export e : running.values()) {
            views.add(new View(e.fileName, e.format, e.totalRows, e.rows, e.bytes,
                    Duration.ofNanos(now - e.startNanos)));
        }
        views.sort(Comparator.comparing(View::elapsed).reversed());
        return views;
    }

    /**
     * One running export as read at one moment.
     *
     * @param rows  rows written so far, to the last multiple of {@value ExportListener#EVERY_ROWS}
     * @param bytes bytes handed to the response so far
     */
    public record View(String fileName, ExportFormat format, long totalRows, long rows, long bytes,
                       Duration elapsed) {}

    /** One registered export: the exporter's listener. Written by the exporting thread, read by any. */
    public final class Export implements ExportListener, AutoCloseable {
        private final long id;
        private final String fileName;
        private final ExportFormat format;
        private final long totalRows;
        private final long startNanos;
        private long nextLogNanos;
        private volatile long rows;
        private volatile long bytes;

        private Export(long id, String fileName, ExportFormat format, long totalRows, long startNanos) {
            this.id = id;
            this.fileName = fileName;
            this.format = format;
            this.totalRows = totalRows;
            this.startNanos = startNanos;
            this.nextLogNanos = startNanos + logEveryNanos;
        }

        @Override
        public void progress(long rowsWritten, long bytesWritten) {
            rows = rowsWritten;
            bytes = bytesWritten;
            long now = nanoTime.getAsLong();
            if (now - nextLogNanos >= 0) {
                nextLogNanos = now + logEveryNanos;
                progressLog.accept(String.format(Locale.ROOT, "export %s %s in progress: %d of %d rows, %.1f MB, %d s",
                        format, fileName, rowsWritten, totalRows, bytesWritten / 1048576.0,
                        (now - startNanos) / 1_000_000_000L));
            }
        }

        /** Removes the export from the registry; idempotent. */
        @Override
        public void close() {
            running.remove(id);
        }
    }
}
