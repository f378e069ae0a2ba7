package io.nextops.hashing;

/**
 * Base of every exception this module throws; unchecked. Catch the subclasses to tell the causes apart
 * (the server maps each to an HTTP status in one place):
 * <ul>
 *   <li>{@link SizeLimitExceededException}: the upload is larger than {@link UploadLimits#maxBytes()};</li>
 *   <li>{@link FileTypeNotAllowedException}: the sniffed type is not in {@link UploadLimits#allowedTypes()};</li>
 *   <li>{@link SourceReadException}: reading the upload failed (typically the client dropped the connection);</li>
 *   <li>{@link StorageException}: writing or reading our side failed (disk full, permissions), and its subclass
 *       {@link BlobNotFoundException}.</li>
 * </ul>
 * Thread-safety: immutable once thrown.
 */
public class HashingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HashingException(String message) {
        super(message);
    }

    public HashingException(String message, Throwable cause) {
        super(message, cause);
    }
}
