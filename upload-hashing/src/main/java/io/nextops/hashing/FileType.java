package io.nextops.hashing;

/**
 * The real type of an upload, sniffed from its first bytes rather than taken from the client's content type or file
 * name. {@link #detect(byte[], int)} looks at no more than {@link #SNIFF_BYTES} bytes; {@link UploadHasher} sniffs
 * while streaming, without reading ahead of the chunk it is hashing.
 *
 * <p>Rules, in order: {@code EMPTY} for zero bytes; magic numbers for {@code PDF} ({@code %PDF-} at offset 0),
 * {@code PNG}, {@code JPEG} and ZIP ({@code PK\3\4}), where a ZIP with an entry under {@code xl/} inside the sniffed
 * bytes is {@code XLSX}; then, after an optional UTF-8 or UTF-16 byte order mark and whitespace, {@code JSON} for
 * <code>&#123;</code> or <code>[</code>, {@code HTML} for {@code <!doctype html} or an {@code html}, {@code head}, {@code body} or
 * {@code script} tag, {@code XML} for {@code <?xml} or any other leading {@code <}; {@code UNKNOWN} otherwise.
 *
 * <p>Thread-safety: immutable.
 */
public enum FileType {
    PDF("application/pdf", "pdf"),
    XML("application/xml", "xml"),
    JSON("application/json", "json"),
    /** Split from XML so that HTML (a stored-XSS risk when served back) can be refused by an allow-list. */
    HTML("text/html", "html"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    /** A ZIP archive not recognised as XLSX; an XLSX whose first {@code xl/} entry lies past the sniffed bytes too. */
    ZIP("application/zip", "zip"),
    EMPTY("application/x-empty", ""),
    UNKNOWN("application/octet-stream", "bin");

    /** Most bytes looked at to decide the type. */
    public static final int SNIFF_BYTES = 4096;

    private final String mimeType;
    private final String extension;

    FileType(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    /** MIME type to send back in {@code Content-Type}, e.g. {@code application/pdf}. */
    public String mimeType() {
        return mimeType;
    }

    /** Usual file extension without the dot, e.g. {@code pdf}; empty for {@link #EMPTY}. */
    public String extension() {
        return extension;
    }

    /**
     * Detects the type from the first {@code length} bytes of {@code head} (only the first {@link #SNIFF_BYTES} are
     * looked at). Pass the whole content when it is shorter than {@link #SNIFF_BYTES}: fewer bytes mean the content
     * ended there, so {@code length == 0} is {@link #EMPTY}.
     */
    public static FileType detect(byte[] head, int length) {
        if (length < 0 || length > head.length) {
            throw new IllegalArgumentException("length must be between 0 and " + head.length + ", was " + length);
        }
        return FileTypeDetector.detect(head, Math.min(length, SNIFF_BYTES));
    }
}
