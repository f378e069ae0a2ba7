package io.nextops.server.multipart;

import io.nextops.web.MultipartParser;
import java.io.InputStream;
import org.eclipse.jetty.http.MultiPart;

/**
 * {@link MultipartParser} over Jetty 12's {@code MultiPart.Parser} (RFC 7578), fed from the blocking request body one
 * 16 KiB block at a time: a part's content reaches the caller block by block, so memory stays constant whatever the
 * part's size, and the body is read once.
 *
 * <pre>{@code
 * MultipartParser multipart = new JettyMultipartParser();   // one per server
 * InvoiceUploads uploads = InvoiceUploads.create(invoices, config.uploads(), multipart);
 * }</pre>
 *
 * <p>Thread-safety: stateless and thread-safe; each {@link MultipartParser.Parts} it returns is confined to one thread.
 */
public final class JettyMultipartParser implements MultipartParser {

    @Override
    public Parts parse(String contentType, InputStream body, Limits limits) throws MalformedException {
        if (contentType == null || body == null || limits == null) {
            throw new IllegalArgumentException("contentType, body and limits must not be null");
        }
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw new MalformedException("the Content-Type has no multipart boundary: " + contentType, null);
        }
        return new JettyParts(boundary, body, limits);
    }

    @Override
    public String toString() {
        return "JettyMultipartParser[RFC 7578]";
    }
}
