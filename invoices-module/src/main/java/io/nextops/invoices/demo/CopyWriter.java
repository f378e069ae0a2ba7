package io.nextops.invoices.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams CSV rows into one {@code COPY ... FROM STDIN} through a small buffer: rows are generated, encoded and sent
 * as they come, never held all at once. Not thread-safe.
 */
final class CopyWriter implements AutoCloseable {
    private static final int BUFFER_CHARS = 1 << 16;

    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(BUFFER_CHARS + 4096);
    private boolean first = true;
    private long rows;

    CopyWriter(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)");
    }

    /** A quoted text value ("" is the empty string, as opposed to {@link #nul()}). */
    CopyWriter text(String v) {
        if (v == null) {
            return nul();
        }
        sep();
        buf.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                buf.append('"');
            }
            buf.append(c);
        }
        buf.append('"');
        return this;
    }

    /** A value whose text form needs no quoting (numbers, dates, booleans). */
    CopyWriter raw(Object v) {
        if (v == null) {
            return nul();
        }
        sep();
        buf.append(v);
        return this;
    }

    CopyWriter nul() {
        sep();
        return this;
    }

    void endRow() throws SQLException {
        buf.append('\n');
        first = true;
        rows++;
        if (buf.length() >= BUFFER_CHARS) {
            flush();
        }
    }

    private void sep() {
        if (!first) {
            buf.append(',');
        }
        first = false;
    }

    private void flush() throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    /** Sends the rest and ends the COPY; returns the row count the server reports. */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
