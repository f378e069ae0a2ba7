package io.nextops.export;

import java.util.Objects;

/**
 * The file formats an {@link Exporter} writes, with what an HTTP response needs to announce them.
 *
 * <p>Thread-safety: immutable enum, safe to share.
 */
public enum ExportFormat {
    CSV("text/csv; charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String contentType;
    private final String fileExtension;

    ExportFormat(String contentType, String fileExtension) {
        this.contentType = contentType;
        this.fileExtension = fileExtension;
    }

    /** The media type for a {@code Content-Type} header. */
    public String contentType() {
        return contentType;
    }

    /** The file extension without the dot, e.g. {@code xlsx}. */
    public String fileExtension() {
        return fileExtension;
    }

    /** {@code baseName} plus this format's extension, e.g. {@code fileName("Facturas_10_registros")}. */
    public String fileName(String baseName) {
        Objects.requireNonNull(baseName, "baseName");
        return baseName + "." + fileExtension;
    }
}
