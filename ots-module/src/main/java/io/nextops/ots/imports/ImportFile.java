package io.nextops.ots.imports;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One uploaded file, already spooled to {@code path} and hashed. Immutable.
 *
 * @param name the client's file name (its extension picks the reader: .csv or .xlsx)
 * @param path the temp file; the caller deletes it
 * @param sha256 lower-case hex SHA-256 of the bytes
 * @param tipoOperacion importacion or exportacion, for every OT of the file
 * @param rejection why the upload was refused before reading (its content is not of its kind), or null
 */
public record ImportFile(String name, Path path, String sha256, String tipoOperacion, String rejection) {
    public ImportFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(tipoOperacion, "tipoOperacion");
    }

    /** A file to read. */
    public static ImportFile of(String name, Path path, String sha256, String tipoOperacion) {
        return new ImportFile(name, path, sha256, tipoOperacion, null);
    }
}
