package io.nextops.invoices.upload;

import io.nextops.hashing.BlobNotFoundException;
import io.nextops.hashing.store.BlobStore;
import io.nextops.web.ApiException;
import io.nextops.web.route.Call;
import io.nextops.web.route.Route;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/invoices/{id}/file/}: streams the invoice's stored file with its stored content type, its size as
 * {@code Content-Length} and {@code Content-Disposition: attachment} with the original name (RFC 6266). Any
 * authenticated role; 404 envelope for a missing invoice or file. Heavy work: a long stream (constant memory).
 * Thread-safe.
 */
final class FileDownload {
    private final Jdbi jdbi;
    private final UploadedFileRepository files;
    private final BlobStore store;

    FileDownload(Jdbi jdbi, UploadedFileRepository files, BlobStore store) {
        this.jdbi = jdbi;
        this.files = files;
        this.store = store;
    }

    Route route() {
        return Route.get("/api/invoices/{id}/file/", "invoices_file", this::download).tag("uploads")
                .heavy(InvoiceUploads.DOWNLOAD_RESERVE_BYTES).build();
    }

    private void download(Call call) throws IOException {
        long invoiceId = call.id();
        UploadedFileRepository.StoredFile file = jdbi.withHandle(h -> files.findByInvoice(h, invoiceId))
                .orElseThrow(() -> ApiException.notFound("Invoice file"));
        InputStream in;
        try {
            in = store.open(file.sha256());
        } catch (BlobNotFoundException e) {
            throw ApiException.notFound("Invoice file");
        }
        HttpServletResponse resp = call.response();
        try (in) {
            resp.setStatus(200);
            resp.setContentType(file.contentType());
            resp.setContentLengthLong(file.size());
            resp.setHeader("Content-Disposition", FileNames.contentDisposition(file.filename()));
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setHeader("Cache-Control", "private, no-store");
            if ("HEAD".equals(call.request().getMethod())) {
                return;
            }
            OutputStream out = resp.getOutputStream();
            in.transferTo(out);
        }
    }
}
