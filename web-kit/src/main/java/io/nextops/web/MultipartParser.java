package io.nextops.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a {@code multipart/form-data} body as a stream of parts, each part's content itself a stream: nothing is
 * buffered beyond one read block, so a handler can hash and store a file part of any size in one pass. The domain
 * modules depend only on this interface; the server supplies the implementation (Jetty's own multipart parser), so
 * that only the server sees Jetty.
 *
 * <pre>{@code
 * MultipartParser.Parts parts = parser.parse(req.getContentType(), req.getInputStream(),
 *         new MultipartParser.Limits(maxBodyBytes, maxParts, 4096));
 * for (MultipartParser.Part part = parts.next(); part != null; part = parts.next()) {
 *     if (part.isFormField()) { ... part.content().readNBytes(1024) ... }
 *     else { store.put(part.content(), limits); }          // the stream ends at the part's end
 * }
 * }</pre>
 *
 * <p>Failures: the body's own {@code IOException}s (the client went away) propagate unchanged;
 * {@link BodyTooLargeException} when more than {@code maxBodyBytes} were read; {@link MalformedException} for a body
 * that is not well-formed multipart (no boundary, headers over the limit, too many parts); a
 * {@link java.io.EOFException} when the body ends before the closing boundary.
 *
 * <p>Thread-safety: implementations are thread-safe; a {@link Parts} and its parts belong to one request's thread.
 */
public interface MultipartParser {

    /** The parts of {@code body}, a body of the given {@code Content-Type} (whose boundary parameter is used). */
    Parts parse(String contentType, InputStream body, Limits limits) throws IOException;

    /**
     * What one body may hold.
     *
     * @param maxBodyBytes the whole body, boundaries and headers included; exactly this many bytes pass
     * @param maxParts parts, form fields included
     * @param maxPartHeaderBytes one part's header block, file name included
     */
    record Limits(long maxBodyBytes, int maxParts, int maxPartHeaderBytes) {
        public Limits {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be >= 1, was " + maxBodyBytes);
            }
            if (maxParts < 1) {
                throw new IllegalArgumentException("maxParts must be >= 1, was " + maxParts);
            }
            if (maxPartHeaderBytes < 256) {
                throw new IllegalArgumentException("maxPartHeaderBytes must be >= 256, was " + maxPartHeaderBytes);
            }
        }
    }

    /** The parts in body order. */
    interface Parts {
        /**
         * The next part, or {@code null} after the last one. The unread rest of the previous part is skipped (read
         * and dropped); its content stream then reads as ended.
         */
        Part next() throws IOException;
    }

    /** One part: its headers' facts and its content. */
    interface Part {
        /** The {@code name} parameter of its {@code Content-Disposition}, {@code ""} when there is none. */
        String name();

        /** The raw {@code filename} parameter (client data: metadata only), {@code null} for a plain form field. */
        String fileName();

        /** Whether it is a plain form field (no {@code filename} parameter). */
        default boolean isFormField() {
            return fileName() == null;
        }

        /** The content, ending at the part's end; closing it does nothing (the next part skips what is left). */
        InputStream content();
    }

    /** More than {@link Limits#maxBodyBytes()} bytes of body were read. */
    final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long maxBodyBytes;

        public BodyTooLargeException(long maxBodyBytes) {
            super("multipart body larger than " + maxBodyBytes + " bytes");
            this.maxBodyBytes = maxBodyBytes;
        }

        public long maxBodyBytes() {
            return maxBodyBytes;
        }
    }

    /** The body is not well-formed multipart, or passes a part-count or header-size limit. */
    final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        public MalformedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
