package io.nextops.hashing;

import java.util.Set;

/**
 * The type sniffed from the first bytes of the upload is not one of {@link UploadLimits#allowedTypes()}. The client's
 * declared content type and file name play no part. Thread-safety: immutable.
 */
public final class FileTypeNotAllowedException extends HashingException {
    private static final long serialVersionUID = 1L;

    private final FileType detected;
    private final transient Set<FileType> allowed;

    public FileTypeNotAllowedException(FileType detected, Set<FileType> allowed) {
        super("file type not allowed: detected " + detected + " (" + detected.mimeType() + "), allowed " + allowed);
        this.detected = detected;
        this.allowed = Set.copyOf(allowed);
    }

    /** The type found in the content. */
    public FileType detected() {
        return detected;
    }

    /** The types that would have been accepted. */
    public Set<FileType> allowed() {
        return allowed;
    }
}
