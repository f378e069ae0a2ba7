package io.nextops.benchmarks.load;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A {@code multipart/form-data} body of text fields and one file part whose bytes come from an {@link InputStream}
 * supplier, sent with an exact {@code Content-Length} and never buffered. Immutable and thread-safe (each
 * {@link #publisher()} call opens a new stream).
 */
final class Multipart {
    interface Source {
        InputStream open();
    }

    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final long fileLength;
    private final Source file;

    Multipart(Map<String, String> fields, String fileField, String fileName, String fileType, long fileLength,
              Source file) {
        this.boundary = "----nextops-load-" + Long.toHexString(System.nanoTime());
        StringBuilder h = new StringBuilder();
        fields.forEach((k, v) -> h.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n")
                .append(v).append("\r\n"));
        h.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(fileField).append("\"; filename=\"")
                .append(fileName).append("\"\r\n")
                .append("Content-Type: ").append(fileType).append("\r\n\r\n");
        this.head = h.toString().getBytes(StandardCharsets.UTF_8);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        this.fileLength = fileLength;
        this.file = file;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    long contentLength() {
        return head.length + fileLength + tail.length;
    }

    HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head), file.open(),
                        new ByteArrayInputStream(tail))))), contentLength());
    }
}
