package io.nextops.invoices.upload;

import io.nextops.hashing.SourceReadException;
import io.nextops.hashing.UploadLimits;
import io.nextops.hashing.store.BlobStore;
import io.nextops.invoices.invoice.InvoiceRepository;
import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.web.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/invoices/upload/}: a {@code multipart/form-data} body read as a stream, part by part, never
 * buffered: each file part ({@code files[]} or {@code files}) flows straight into the blob store, which hashes,
 * sniffs, size-checks and writes it in one pass. Fields: {@code proveedor_id} (required), {@code tipo_costo}
 * (default {@code OTRO}), {@code auto_parse} (accepted, ignored). Limits: the request's Content-Length and the bytes
 * actually read against {@link UploadConfig#maxRequestBytes()} (413); per file the size, the type (PDF, XML, JSON by
 * content) and the count, reported per file. Admin and jefe_operaciones only. Thread-safe.
 */
final class UploadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(UploadServlet.class);
    /** Longest form field value read (proveedor_id, tipo_costo, auto_parse are short). */
    static final int MAX_FIELD_BYTES = 1024;
    /** Parts past the file limit are still read (and refused one by one) up to this many extra. */
    static final int EXTRA_PARTS = 100;

    private final transient Jdbi jdbi;
    private final transient InvoiceRepository invoices;
    private final transient UploadedFileRepository files;
    private final transient BlobStore store;
    private final transient UploadConfig config;
    private final transient UploadLimits limits;

    UploadServlet(Jdbi jdbi, InvoiceRepository invoices, UploadedFileRepository files, BlobStore store,
                  UploadConfig config, UploadLimits limits) {
        this.jdbi = jdbi;
        this.invoices = invoices;
        this.files = files;
        this.store = store;
        this.config = config;
        this.limits = limits;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Caller caller = Caller.of(req);
        caller.requireManager();
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiException(ApiException.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Unsupported media type \"" + (type == null ? "" : type) + "\"; send multipart/form-data.");
        }
        if (req.getContentLengthLong() > config.maxRequestBytes()) {
            throw tooLarge();
        }
        UploadBatch batch = new UploadBatch(jdbi, invoices, files, store, limits, Long.toString(caller.userId()));
        try {
            readAndFinish(req, batch);
        } catch (RuntimeException e) {
            batch.undo(); // a refused request stores nothing: no invoice, no file row, no blob
            throw e;
        }
        Json.write(resp, 200, batch.response());
    }

    private void readAndFinish(HttpServletRequest req, UploadBatch batch) {
        try {
            readParts(req, batch);
        } catch (IOException | SourceReadException e) {
            if (BodyLimit.isCause(e)) {
                throw tooLarge();
            }
            if (e instanceof FileUploadException && !(e.getCause() instanceof IOException)) {
                // e.g. a part whose headers pass commons-fileupload's fixed 512-byte cap (a very long file name)
                throw new ApiException(ApiException.Kind.VALIDATION, "malformed_multipart",
                        "The multipart body could not be parsed: " + e.getMessage()
                                + (String.valueOf(e.getMessage()).contains("Header section") ? " (each part's headers,"
                                + " file name included, must fit in 512 bytes)" : ""));
            }
            // the client went away or the body ended early; the caller undoes the files finished before this point
            log.info("upload body ended early after {} file(s): {}", batch.fileCount(), e.toString());
            throw new ApiException(ApiException.Kind.VALIDATION, "incomplete_body",
                    "The request body ended before the multipart end; nothing was kept.");
        }
        batch.finish();
    }

    private void readParts(HttpServletRequest req, UploadBatch batch) throws IOException {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        FileItemInputIterator parts = upload.getItemIterator(new Context(req, config.maxRequestBytes()));
        int partCount = 0;
        int fileCount = 0;
        while (parts.hasNext()) {
            FileItemInput part = parts.next();
            if (++partCount > config.maxFiles() + EXTRA_PARTS) {
                throw ApiException.validation("files[]", "Too many parts in the multipart body (at most "
                        + (config.maxFiles() + EXTRA_PARTS) + ").");
            }
            String field = part.getFieldName();
            if (part.isFormField()) {
                field(batch, field, part);
                continue;
            }
            if (!"files[]".equals(field) && !"files".equals(field)) {
                continue; // not ours: the iterator skips its bytes
            }
            // the raw name, control characters included (getName() refuses a NUL); it is metadata only
            String rawName = upload.getFileName(part.getHeaders());
            if (rawName == null || rawName.isEmpty()) {
                continue; // an empty file input of a browser form
            }
            String name = FileNames.clean(rawName);
            if (++fileCount > config.maxFiles()) {
                // a request limit: the whole request is refused, and the caller undoes the files already stored
                throw ApiException.validation("files[]", "Too many files: at most " + config.maxFiles()
                        + " per request; nothing was stored.");
            }
            try (InputStream in = part.getInputStream()) {
                batch.store(name, in);
            }
        }
    }

    private static void field(UploadBatch batch, String name, FileItemInput part) throws IOException {
        if (!"proveedor_id".equals(name) && !"tipo_costo".equals(name)) {
            return; // auto_parse and anything else: accepted, ignored
        }
        byte[] value;
        try (InputStream in = part.getInputStream()) {
            value = in.readNBytes(MAX_FIELD_BYTES + 1);
        }
        if (value.length > MAX_FIELD_BYTES) {
            throw ApiException.validation(name, "Longer than " + MAX_FIELD_BYTES + " bytes.");
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if ("proveedor_id".equals(name)) {
            batch.provider(text);
        } else {
            batch.costType(text);
        }
    }

    private ApiException tooLarge() {
        return new ApiException(ApiException.Kind.PAYLOAD_TOO_LARGE, "request_too_large",
                "The upload is larger than " + UploadBatch.megabytes(config.maxRequestBytes()) + " ("
                        + config.maxRequestBytes() + " bytes) in total; send fewer or smaller files.");
    }

    /** The servlet request for commons-fileupload, its body behind the total limit. */
    private static final class Context implements RequestContext {
        private final HttpServletRequest req;
        private final long maxBytes;

        Context(HttpServletRequest req, long maxBytes) {
            this.req = req;
            this.maxBytes = maxBytes;
        }

        @Override
        public String getCharacterEncoding() {
            return req.getCharacterEncoding();
        }

        @Override
        public long getContentLength() {
            return req.getContentLengthLong();
        }

        @Override
        public String getContentType() {
            return req.getContentType();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new BodyLimit(req.getInputStream(), maxBytes);
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
