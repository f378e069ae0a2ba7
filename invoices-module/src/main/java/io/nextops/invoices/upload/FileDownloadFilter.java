package io.nextops.invoices.upload;

import io.nextops.hashing.BlobNotFoundException;
import io.nextops.hashing.store.BlobStore;
import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/invoices/{id}/file/}: streams the invoice's stored file with its stored content type, its size as
 * {@code Content-Length} and {@code Content-Disposition: attachment} with the original name (RFC 6266). A filter on
 * {@code /api/invoices/*} because the id sits in the middle of the path, which a servlet mapping cannot express; other
 * paths pass through. Any authenticated role; 404 envelope for a missing invoice or file. Thread-safe.
 */
final class FileDownloadFilter implements Filter {
    private static final Pattern FILE = Pattern.compile("/api/invoices/(\\d{1,18})/file/?");

    private final Jdbi jdbi;
    private final UploadedFileRepository files;
    private final BlobStore store;

    FileDownloadFilter(Jdbi jdbi, UploadedFileRepository files, BlobStore store) {
        this.jdbi = jdbi;
        this.files = files;
        this.store = store;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        Matcher m = FILE.matcher(path);
        if (!m.matches()) {
            chain.doFilter(request, response);
            return;
        }
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            throw ApiException.methodNotAllowed(req.getMethod());
        }
        Caller.of(req);
        long invoiceId = Long.parseLong(m.group(1));
        UploadedFileRepository.StoredFile file = jdbi.withHandle(h -> files.findByInvoice(h, invoiceId))
                .orElseThrow(() -> ApiException.notFound("Invoice file"));
        InputStream in;
        try {
            in = store.open(file.sha256());
        } catch (BlobNotFoundException e) {
            throw ApiException.notFound("Invoice file");
        }
        HttpServletResponse resp = (HttpServletResponse) response;
        try (in) {
            resp.setStatus(200);
            resp.setContentType(file.contentType());
            resp.setContentLengthLong(file.size());
            resp.setHeader("Content-Disposition", FileNames.contentDisposition(file.filename()));
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setHeader("Cache-Control", "private, no-store");
            if ("HEAD".equals(req.getMethod())) {
                return;
            }
            OutputStream out = resp.getOutputStream();
            in.transferTo(out);
        }
    }
}
