package io.nextops.invoices.upload;

import io.nextops.hashing.FileType;
import io.nextops.hashing.FileTypeNotAllowedException;
import io.nextops.hashing.SizeLimitExceededException;
import io.nextops.hashing.StorageException;
import io.nextops.hashing.UploadLimits;
import io.nextops.hashing.store.BlobStore;
import io.nextops.invoices.invoice.InvoiceRepository;
import io.nextops.invoices.invoice.InvoiceRow;
import io.nextops.web.ApiException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one upload request, in the order they arrive, and what became of each. A file whose
 * {@code proveedor_id} and {@code tipo_costo} came before it is settled inside its {@code store.put} callback: one
 * transaction inserts (or reuses) the file row, applies the duplicate rule under the file row's lock and inserts the
 * invoice, so a failure leaves neither blob nor rows. A file that came before those fields is stored with its file row
 * only (a consistent pair the reuse rule picks up later) and gets its invoice, under the same lock and rule, once the
 * whole body has been read. Not thread-safe: one per request.
 */
final class UploadBatch {
    private static final Logger log = LoggerFactory.getLogger(UploadBatch.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final InvoiceRepository invoices;
    private final UploadedFileRepository files;
    private final BlobStore store;
    private final UploadLimits limits;
    private final String processedBy;
    private final List<FileResult> results = new ArrayList<>();
    private final List<Created> created = new ArrayList<>();
    private UploadTarget provider;
    private String costType;

    /** What one file of this request added: undone by {@link #undo()} when the request is refused. */
    private record Created(long fileId, boolean fileRowNew, String digest, boolean blobNew) {}

    UploadBatch(Jdbi jdbi, InvoiceRepository invoices, UploadedFileRepository files, BlobStore store,
                UploadLimits limits, String processedBy) {
        this.jdbi = jdbi;
        this.invoices = invoices;
        this.files = files;
        this.store = store;
        this.limits = limits;
        this.processedBy = processedBy;
    }

    /** {@code proveedor_id}: 400 when given twice or not a live provider. */
    void provider(String raw) {
        if (provider != null) {
            throw ApiException.validation("proveedor_id", "Given more than once.");
        }
        provider = jdbi.withHandle(h -> UploadTarget.provider(h, raw));
    }

    /** {@code tipo_costo}: 400 when given twice or not an active cost type. */
    void costType(String raw) {
        if (costType != null) {
            throw ApiException.validation("tipo_costo", "Given more than once.");
        }
        costType = jdbi.withHandle(h -> UploadTarget.costType(h, raw));
    }

    int fileCount() {
        return results.size();
    }

    void refuse(String filename, String error) {
        results.add(new FileResult.Error(filename, error));
    }

    /**
     * Stores one file part from {@code in}. Per-file problems (type, size, empty, a failing insert) become error
     * results; a broken request body ({@code SourceReadException}) propagates.
     */
    void store(String filename, InputStream in) {
        boolean settleNow = provider != null && costType != null;
        Created[] added = new Created[1]; // set by the callback, kept once its transaction committed
        FileResult result;
        try {
            result = store.put(in, limits, blob -> jdbi.inTransaction(h -> {
                boolean fileRowNew = files.find(h, blob.digestHex()).isEmpty();
                long fileId = files.insertOrFind(h, filename, blob);
                added[0] = new Created(fileId, fileRowNew, blob.digestHex(), !blob.alreadyExisted());
                return settleNow ? settle(h, filename, fileId, blob.digestHex(), blob.sizeBytes())
                        : new FileResult.Pending(filename, fileId, blob.digestHex(), blob.sizeBytes());
            }));
            created.add(added[0]);
        } catch (SizeLimitExceededException e) {
            result = new FileResult.Error(filename, "File is larger than the limit of " + megabytes(e.maxBytes())
                    + " (" + e.maxBytes() + " bytes).");
        } catch (FileTypeNotAllowedException e) {
            result = new FileResult.Error(filename, typeError(e.detected()));
        } catch (StorageException e) {
            log.error("upload of {} could not be stored", filename, e);
            result = new FileResult.Error(filename, "The file could not be stored; nothing was kept. Try again later.");
        } catch (ApiException e) {
            result = new FileResult.Error(filename, e.getMessage());
        } catch (io.nextops.hashing.SourceReadException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("upload of {} failed", filename, e);
            result = new FileResult.Error(filename, "Unexpected error while saving the file; nothing was kept.");
        }
        results.add(result);
    }

    /**
     * Undoes everything this request stored, for a request refused as a whole (too many files, over the total size,
     * no {@code proveedor_id}, a broken body): the invoices it created are deleted, then the file rows it inserted
     * that no invoice references, then the blobs it created that no file row references. Afterwards the database and
     * the store are as before the request. A failure here is logged, not thrown: the refusal is the answer.
     */
    void undo() {
        List<Long> invoiceIds = new ArrayList<>();
        for (FileResult r : results) {
            if (r instanceof FileResult.Success s) {
                invoiceIds.add(s.invoice().id());
            }
        }
        if (created.isEmpty() && invoiceIds.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(h -> {
                for (long id : invoiceIds) {
                    h.createUpdate("DELETE FROM invoices_invoice WHERE id = :id").bind("id", id).execute();
                }
                for (Created c : created) {
                    if (c.fileRowNew()) {
                        h.createUpdate("DELETE FROM invoices_uploaded_file f WHERE f.id = :id AND NOT EXISTS "
                                + "(SELECT 1 FROM invoices_invoice i WHERE i.uploaded_file_id = f.id)")
                                .bind("id", c.fileId()).execute();
                    }
                }
            });
            for (Created c : created) {
                if (c.blobNew() && jdbi.withHandle(h -> files.find(h, c.digest())).isEmpty()) {
                    store.delete(c.digest());
                }
            }
            log.info("refused upload: undid {} invoice(s) and {} file(s)", invoiceIds.size(), created.size());
        } catch (RuntimeException e) {
            log.warn("refused upload: could not undo {} stored file(s): {}", created.size(), e.toString());
        }
    }

    /**
     * After the whole body: 400 without {@code proveedor_id} or without files; otherwise the invoices of files that
     * came before the fields. When this refuses the request, the caller runs {@link #undo()}: nothing stays stored.
     */
    void finish() {
        if (provider == null) {
            throw ApiException.validation("proveedor_id", "This field is required.");
        }
        if (results.isEmpty()) {
            throw ApiException.validation("files[]", "No files were sent.");
        }
        if (costType == null) {
            costType = UploadTarget.DEFAULT_COST_TYPE;
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof FileResult.Pending p) {
                FileResult settled;
                try {
                    settled = jdbi.inTransaction(h -> settle(h, p.filename(), p.fileId(), p.sha256(), p.size()));
                } catch (ApiException e) {
                    settled = new FileResult.Error(p.filename(), e.getMessage());
                } catch (RuntimeException e) {
                    log.error("invoice for uploaded file {} failed", p.fileId(), e);
                    settled = new FileResult.Error(p.filename(), "Unexpected error while saving the invoice.");
                }
                results.set(i, settled);
            }
        }
    }

    /** The duplicate rule under the file row's lock, then the invoice. */
    private FileResult settle(Handle h, String filename, long fileId, String sha256, long size) {
        Optional<UploadedFileRepository.ActiveInvoice> active = files.lockAndFindActiveInvoice(h, fileId);
        if (active.isPresent()) {
            return new FileResult.Duplicate(filename, active.get().number(), sha256);
        }
        InvoiceRow row = invoices.createForUpload(h, fileId, provider.providerId(), provider.providerType(),
                provider.providerCategory(), temporaryNumber(), LocalDate.now(ZoneOffset.UTC), costType, processedBy);
        return new FileResult.Success(filename, fileId, row, size);
    }

    /** The original's response: counts and the three lists, files in arrival order within each. */
    Map<String, Object> response() {
        List<Object> success = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        List<Object> duplicates = new ArrayList<>();
        for (FileResult r : results) {
            if (r instanceof FileResult.Success s) {
                success.add(s.json());
            } else if (r instanceof FileResult.Duplicate d) {
                duplicates.add(d.json());
            } else if (r instanceof FileResult.Error e) {
                errors.add(e.json());
            } else {
                throw new IllegalStateException("unsettled file " + r.filename());
            }
        }
        Map<String, Object> lists = new LinkedHashMap<>();
        lists.put("success", success);
        lists.put("errors", errors);
        lists.put("duplicates", duplicates);
        lists.put("patterns_used", List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", results.size());
        body.put("processed", success.size());
        body.put("duplicates", duplicates.size());
        body.put("errors", errors.size());
        body.put("patterns_available", 0);
        body.put("results", lists);
        return body;
    }

    /** {@code TEMP-} and 12 upper-case hex characters, as the original's fallback number. */
    static String temporaryNumber() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "TEMP-" + HexFormat.of().withUpperCase().formatHex(b);
    }

    static String typeError(FileType detected) {
        return switch (detected) {
            case EMPTY -> "The file is empty.";
            case UNKNOWN -> "File type not allowed: the content is not PDF, XML or JSON (plain text or unknown binary).";
            default -> "File type not allowed: the content is " + detected.name() + "; allowed are PDF, XML and JSON.";
        };
    }

    static String megabytes(long bytes) {
        return bytes % UploadConfig.MIB == 0 ? bytes / UploadConfig.MIB + " MB"
                : String.format(Locale.ROOT, "%.2f MB", bytes / (double) UploadConfig.MIB);
    }
}
