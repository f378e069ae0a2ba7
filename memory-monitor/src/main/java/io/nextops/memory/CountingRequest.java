package io.nextops.memory;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;

/** Hands out counting wrappers of the request body stream or reader (created on first use). Not thread-safe. */
final class CountingRequest extends HttpServletRequestWrapper {
    private CountingServletInputStream stream;
    private CountingReader reader;
    private BufferedReader bufferedReader;

    CountingRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new CountingServletInputStream(super.getInputStream());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (bufferedReader == null) {
            reader = new CountingReader(super.getReader(), Utf8.isUtf8(getCharacterEncoding()));
            bufferedReader = new BufferedReader(reader, 1024);
        }
        return bufferedReader;
    }

    /** Body bytes read so far through the stream or the reader. */
    long bytesRead() {
        return (stream == null ? 0 : stream.bytes()) + (reader == null ? 0 : reader.bytes());
    }
}
