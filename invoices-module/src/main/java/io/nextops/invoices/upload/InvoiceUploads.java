package io.nextops.invoices.upload;

import java.util.List;
import io.nextops.web.route.Route;
import io.nextops.web.route.Endpoint;
import io.nextops.web.route.Access;
import io.nextops.hashing.FileType;
import io.nextops.hashing.UploadHasher;
import io.nextops.hashing.UploadLimits;
import io.nextops.hashing.store.BlobStore;
import io.nextops.hashing.store.FileSystemBlobStore;
import io.nextops.invoices.InvoicesModule;
import io.nextops.web.MultipartParser;
import java.time.Duration;
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
 * List<Route> routes = uploads.routes();              // upload and download, mounted by the server
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InvoiceUploads {
    private static final Logger log = LoggerFactory.getLogger(InvoiceUploads.class);
    /** Temp files not written to for this long at start-up are leftovers of a crash. */
    public static final Duration STALE_TEMP_AGE = Duration.ofHours(1);

    /**
     * What one upload request may hold: the multipart parser's buffers and the hashing copy's chunk, a few hundred
     * KB; 4 concurrent 200 MB uploads kept RSS flat at the idle figure (docs/benchmarks/uploads.md).
     */
    static final long UPLOAD_RESERVE_BYTES = 4L << 20;
    /** What one file download may hold: the copy buffer and the socket's. */
    static final long DOWNLOAD_RESERVE_BYTES = 1L << 20;

    private final Jdbi jdbi;
    private final InvoicesModule invoices;
    private final UploadConfig config;
    private final BlobStore store;
    private final UploadLimits limits;
    private final MultipartParser multipart;
    private final UploadedFileRepository files = new UploadedFileRepository();

    private InvoiceUploads(InvoicesModule invoices, UploadConfig config, BlobStore store,
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

    /**
     * Over a store the caller opened (the server's configured one: filesystem or S3); {@code config}'s limits apply,
     * its {@code dir} is the store's business.
     */
    public static InvoiceUploads create(InvoicesModule invoices, UploadConfig config, MultipartParser multipart,
                                        BlobStore store) {
        Objects.requireNonNull(invoices, "invoices");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(multipart, "multipart");
        Objects.requireNonNull(store, "store");
        return new InvoiceUploads(invoices, config, store, multipart);
    }

    /**
     * {@code POST /api/invoices/upload/} (managers, heavy: streamed multipart, hashed while stored) and
     * {@code GET /api/invoices/{id}/file/} (any authenticated role, heavy: a long stream).
     */
    public List<Route> routes() {
        UploadServlet upload = new UploadServlet(jdbi, invoices.invoices(), files, store, config, limits, multipart);
        return List.of(
                Route.post("/api/invoices/upload/", "invoices_upload", Endpoint.ofServlet(upload)).tag("uploads")
                        .access(Access.MANAGER).heavy(UPLOAD_RESERVE_BYTES).build(),
                new FileDownload(jdbi, files, store).route());
    }

    public UploadConfig config() {
        return config;
    }

    /** The blob store (the filesystem one's root is {@code config().dir()}). */
    public BlobStore store() {
        return store;
    }
}
