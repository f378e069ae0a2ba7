package io.nextops.invoices.upload;

import io.nextops.hashing.SourceReadException;
import io.nextops.hashing.UploadLimits;
import io.nextops.hashing.store.BlobStore;
import io.nextops.invoices.invoice.InvoiceRepository;
import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.web.Json;
import io.nextops.web.MultipartParser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
    /** One part's header block, file name included: room for a name of a few thousand characters. */
    static final int MAX_PART_HEADER_BYTES = 4096;

    private final transient Jdbi jdbi;
    private final transient InvoiceRepository invoices;
    private final transient UploadedFileRepository files;
    private final transient BlobStore store;
    private final transient UploadConfig config;
    private final transient UploadLimits limits;
    private final transient MultipartParser multipart;

    UploadServlet(Jdbi jdbi, InvoiceRepository invoices, UploadedFileRepository files, BlobStore store,
                  UploadConfig config, UploadLimits limits, MultipartParser multipart) {
        this.jdbi = jdbi;
        this.invoices = invoices;
        this.files = files;
        this.store = store;
        this.config = config;
        this.limits = limits;
        this.multipart = multipart;
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
            if (cause(e, MultipartParser.BodyTooLargeException.class) != null) {
                throw tooLarge();
            }
            MultipartParser.MalformedException malformed = cause(e, MultipartParser.MalformedException.class);
            if (malformed != null) {
                // e.g. a part whose headers pass MAX_PART_HEADER_BYTES (a very long file name)
                throw new ApiException(ApiException.Kind.VALIDATION, "malformed_multipart",
                        "The multipart body could not be parsed: " + malformed.getMessage());
            }
            // the client went away or the body ended early; the caller undoes the files finished before this point
            log.info("upload body ended early after {} file(s): {}", batch.fileCount(), e.toString());
            throw new ApiException(ApiException.Kind.VALIDATION, "incomplete_body",
                    "The request body ended before the multipart end; nothing was kept.");
        }
        batch.finish();
    }

    private void readParts(HttpServletRequest req, UploadBatch batch) throws IOException {
        // the parser's part limit one past ours, so that ours (with its message) is the one that answers
        MultipartParser.Parts parts = multipart.parse(req.getContentType(), req.getInputStream(),
                new MultipartParser.Limits(config.maxRequestBytes(), config.maxFiles() + EXTRA_PARTS + 1,
                        MAX_PART_HEADER_BYTES));
        int partCount = 0;
        int fileCount = 0;
        for (MultipartParser.Part part = parts.next(); part != null; part = parts.next()) {
            if (++partCount > config.maxFiles() + EXTRA_PARTS) {
                throw ApiException.validation("files[]", "Too many parts in the multipart body (at most "
                        + (config.maxFiles() + EXTRA_PARTS) + ").");
            }
            String field = part.name();
            if (part.isFormField()) {
                field(batch, field, part);
                continue;
            }
            if (!"files[]".equals(field) && !"files".equals(field)) {
                continue; // not ours: the next part skips its bytes
            }
            // the raw name, control characters included; it is metadata only
            String rawName = part.fileName();
            if (rawName == null || rawName.isEmpty()) {
                continue; // an empty file input of a browser form
            }
            String name = FileNames.clean(rawName);
            if (++fileCount > config.maxFiles()) {
                // a request limit: the whole request is refused, and the caller undoes the files already stored
                throw ApiException.validation("files[]", "Too many files: at most " + config.maxFiles()
                        + " per request; nothing was stored.");
            }
            try (InputStream in = part.content()) {
                batch.store(name, in);
            }
        }
    }

    private static void field(UploadBatch batch, String name, MultipartParser.Part part) throws IOException {
        if (!"proveedor_id".equals(name) && !"tipo_costo".equals(name)) {
            return; // auto_parse and anything else: accepted, ignored
        }
        byte[] value;
        try (InputStream in = part.content()) {
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

    /** {@code t} or its first cause of {@code type}, else {@code null}. */
    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
