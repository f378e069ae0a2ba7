package io.nextops.ots.imports;

/** A file that cannot be imported at all (not a spreadsheet, a zip bomb, no header, too many rows); unchecked. */
final class BadFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadFileException(String message) {
        super(message);
    }

    BadFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
