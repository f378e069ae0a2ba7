package io.nextops.invoices.upload;

import io.nextops.hashing.FileType;
import io.nextops.hashing.UploadHasher;
import io.nextops.hashing.UploadLimits;
import io.nextops.hashing.store.BlobStore;
import io.nextops.hashing.store.FileSystemBlobStore;
import io.nextops.invoices.InvoicesModule;
import io.nextops.ots.api.MultipartParser;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invoice file uploads and downloads over a content-addressed blob store: {@code POST /api/invoices/upload/}
 * (multipart, streamed; reference 4.1's contract and response shape, with server-enforced type, size and count
 * limits) and {@code GET /api/invoices/{id}/file/}. Files live at {@code dir/ab/cd/<sha256>} (never a client name);
 * temp files older than {@link #STALE_TEMP_AGE} are swept when this is created.
 *
 * <pre>{@code
 * InvoiceUploads uploads = InvoiceUploads.create(invoicesModule, UploadConfig.defaults(dataDir), multipartParser);
 * uploads.servlets().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
 * // after the authentication filter: the download's path has the id in the middle
 * context.addFilter(new FilterHolder(uploads.downloadFilter()), InvoiceUploads.DOWNLOAD_FILTER_PATH, requestOnly);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InvoiceUploads {
    private static final Logger log = LoggerFactory.getLogger(InvoiceUploads.class);
    /** Temp files not written to for this long at start-up are leftovers of a crash. */
    public static final Duration STALE_TEMP_AGE = Duration.ofHours(1);
    /** Where {@link #downloadFilter()} is mapped. */
    public static final String DOWNLOAD_FILTER_PATH = "/api/invoices/*";

    private final Jdbi jdbi;
    private final InvoicesModule invoices;
    private final UploadConfig config;
    private final FileSystemBlobStore store;
    private final UploadLimits limits;
    private final MultipartParser multipart;
    private final UploadedFileRepository files = new UploadedFileRepository();

    private InvoiceUploads(InvoicesModule invoices, UploadConfig config, FileSystemBlobStore store,
                           MultipartParser multipart) {
        this.jdbi = invoices.jdbi();
        this.multipart = multipart;
        this.invoices = invoices;
        this.config = config;
        this.store = store;
        this.limits = UploadLimits.defaults().withMaxBytes(config.maxFileBytes())
                .withAllowedTypes(FileType.PDF, FileType.XML, FileType.JSON);
    }

    /**
     * Opens (creating) the store under {@code config.dir()} and sweeps stale temp files; upload bodies are read with
     * {@code multipart} (the server's parser).
     */
    public static InvoiceUploads create(InvoicesModule invoices, UploadConfig config, MultipartParser multipart) {
        Objects.requireNonNull(invoices, "invoices");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(multipart, "multipart");
        FileSystemBlobStore store = FileSystemBlobStore.create(config.dir(), UploadHasher.create());
        int swept = store.sweepStaleTempFiles(STALE_TEMP_AGE);
        if (swept > 0) {
            log.warn("{} - removed {} stale temp file(s) left by an interrupted run", store, swept);
        }
        return new InvoiceUploads(invoices, config, store, multipart);
    }

    /** {@code /api/invoices/upload/*} (which also matches {@code /api/invoices/upload}). */
    public Map<String, HttpServlet> servlets() {
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        servlets.put("/api/invoices/upload/*", new UploadServlet(jdbi, invoices.invoices(), files, store, config,
                limits, multipart));
        return servlets;
    }

    /** {@code GET /api/invoices/{id}/file/}; map it on {@link #DOWNLOAD_FILTER_PATH} after authentication. */
    public Filter downloadFilter() {
        return new FileDownloadFilter(jdbi, files, store);
    }

    public UploadConfig config() {
        return config;
    }

    /** The blob store (its root is {@code config().dir()}). */
    public BlobStore store() {
        return store;
    }
}
