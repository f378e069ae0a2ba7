package io.nextops.memory;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Hands out counting wrappers of the response stream or writer (created on first use, so the container's rule that
 * only one of them may be used still applies). Nothing is buffered here. Not thread-safe, like the response.
 */
final class CountingResponse extends HttpServletResponseWrapper {
    private CountingServletOutputStream stream;
    private CountingPrintWriter writer;

    CountingResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CountingServletOutputStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            PrintWriter containerWriter = super.getWriter();
            writer = new CountingPrintWriter(containerWriter, Utf8.isUtf8(getCharacterEncoding()));
        }
        return writer;
    }

    /** Body bytes written so far through the stream or the writer. */
    long bytesWritten() {
        return (stream == null ? 0 : stream.bytes()) + (writer == null ? 0 : writer.bytes());
    }
}
