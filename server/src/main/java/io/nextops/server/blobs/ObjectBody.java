package io.nextops.server.blobs;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object's body as the blob store hands it out: closing it before its end aborts the HTTP response instead of
 * draining the rest of the object (a download the client gave up on must not read 200 MB for nothing). Not
 * thread-safe, as any stream.
 */
final class ObjectBody extends FilterInputStream {
    private final ResponseInputStream<GetObjectResponse> body;
    private boolean ended;

    ObjectBody(ResponseInputStream<GetObjectResponse> body) {
        super(body);
        this.body = body;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        ended |= n < 0;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            body.abort();
        }
        super.close();
    }
}
