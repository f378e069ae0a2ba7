package io.nextops.server.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Uploads a local file to one key: a single {@code PutObject} up to {@code partSizeBytes}, else a multipart upload
 * in parts of {@code partSizeBytes} (the last one shorter), each part read from its region of the file while it is
 * sent (the SDK re-opens a part to retry it), so memory stays at the HTTP client's buffers whatever the size. A failed
 * multipart upload is aborted, so its parts are not kept (and not billed). A single {@code PutObject} is atomic.
 *
 * <p>Thread-safety: thread-safe (no state of its own; the S3 client is thread-safe).
 */
final class FileUpload {
    private static final Logger log = LoggerFactory.getLogger(FileUpload.class);
    /** S3's smallest part but the last. */
    static final long MIN_PART_BYTES = 5L << 20;
    private static final String OCTETS = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final long partSizeBytes;

    FileUpload(S3Client s3, String bucket, long partSizeBytes) {
        if (partSizeBytes < MIN_PART_BYTES) {
            throw new IllegalArgumentException("partSizeBytes must be >= " + MIN_PART_BYTES + ", was " + partSizeBytes);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.partSizeBytes = partSizeBytes;
    }

    /** Uploads {@code sizeBytes} bytes of {@code file} to {@code key}; throws the SDK's exception on failure. */
    void upload(String key, Path file, long sizeBytes) {
        if (sizeBytes <= partSizeBytes) {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentLength(sizeBytes)
                    .contentType(OCTETS).build(), RequestBody.fromContentProvider(region(file, 0, sizeBytes),
                    sizeBytes, OCTETS));
            return;
        }
        String uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(key)
                .contentType(OCTETS).build()).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < sizeBytes; offset += partSizeBytes, number++) {
                long length = Math.min(partSizeBytes, sizeBytes - offset);
                String etag = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                                .partNumber(number).contentLength(length).build(),
                        RequestBody.fromContentProvider(region(file, offset, length), length, OCTETS)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                    .build());
        } catch (RuntimeException | Error e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    private void abort(String key, String uploadId, Throwable cause) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId)
                    .build());
        } catch (SdkException e) {
            cause.addSuppressed(e);
            log.warn("s3 - aborting multipart upload {} of {} failed (the multipart sweeper aborts it once this "
                    + "upload's digest lock is released): {}", uploadId, key, e.toString());
        }
    }

    /**
     * The bytes {@code [offset, offset + length)} of {@code file}, as a fresh stream on each call (a retry starts
     * over); the previous stream is closed, and the SDK closes the last one.
     */
    static ContentStreamProvider region(Path file, long offset, long length) {
        return new ContentStreamProvider() {
            private InputStream current;

            @Override
            public InputStream newStream() {
                try {
                    if (current != null) {
                        current.close();
                    }
                    current = new RegionStream(FileChannel.open(file, StandardOpenOption.READ), offset, length);
                    return current;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file.getFileName(), e);
                }
            }
        };
    }

    /** A byte range of a file channel, read with positional reads; closes the channel. */
    private static final class RegionStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RegionStream(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new IOException("file ended at " + position + ", before " + end);
            }
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
