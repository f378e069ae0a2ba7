package io.nextops.server.multipart;

import io.nextops.web.MultipartParser;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartCompliance;
import org.eclipse.jetty.io.Content;

/**
 * The parts of one body: a pull iterator over Jetty's push parser. Each {@link #feed()} reads one block of the body
 * and hands it to the parser, whose callbacks queue what it found (a part's start, content bytes, a part's end, the
 * end of the body, a failure); the iterator and the current part's stream consume that queue. One block yields at most
 * one block of content, so the queue never holds more than about one block. Not thread-safe: one request's thread.
 */
final class JettyParts extends MultiPart.AbstractPartsListener implements MultipartParser.Parts {
    static final int BLOCK_BYTES = 16 * 1024;
    private static final Object PART_END = new Object();
    private static final Object BODY_END = new Object();

    private record Begin(String name, String fileName) {}

    private final InputStream body;
    private final MultipartParser.Limits limits;
    private final MultiPart.Parser parser;
    private final ArrayDeque<Object> events = new ArrayDeque<>();
    private long bodyBytes;
    private boolean bodyEnded;
    private boolean complete;
    private PartStream current;

    JettyParts(String boundary, InputStream body, MultipartParser.Limits limits) {
        this.body = body;
        this.limits = limits;
        this.parser = new MultiPart.Parser(boundary, MultiPartCompliance.RFC7578, this);
        parser.setMaxParts(limits.maxParts());
        parser.setPartHeadersMaxLength(limits.maxPartHeaderBytes());
    }

    @Override
    public MultipartParser.Part next() throws IOException {
        if (current != null) {
            current.skipRest();
            current = null;
        }
        while (!complete) {
            Object event = nextEvent();
            if (event instanceof Begin b) {
                current = new PartStream(b.name() == null ? "" : b.name(), b.fileName());
                return current;
            }
            if (event == BODY_END) {
                complete = true;
            }
            // content or an end outside a part cannot come from the parser; nothing to do with them
        }
        return null;
    }

    // ---------------------------------------------------------------- parser callbacks (inside parser.parse)

    @Override
    public void onPartHeaders() {
        events.add(new Begin(getName(), getFileName()));
    }

    @Override
    public void onPartContent(Content.Chunk chunk) {
        ByteBuffer buffer = chunk.getByteBuffer().slice();
        if (buffer.hasRemaining()) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            events.add(bytes);
        }
    }

    @Override
    public void onPart(String name, String fileName, HttpFields headers) {
        events.add(PART_END);
    }

    @Override
    public void onComplete() {
        events.add(BODY_END);
    }

    @Override
    public void onFailure(Throwable failure) {
        events.add(failure);
    }

    // ---------------------------------------------------------------- feeding

    private Object nextEvent() throws IOException {
        while (events.isEmpty()) {
            feed();
        }
        Object event = events.poll();
        if (event instanceof Throwable failure) {
            events.addFirst(failure); // every later call fails the same way
            if (bodyEnded) {
                EOFException eof = new EOFException("the body ended before the closing multipart boundary");
                eof.initCause(failure);
                throw eof;
            }
            throw new MultipartParser.MalformedException("malformed multipart body: " + failure.getMessage()
                    + " (at most " + limits.maxParts() + " parts, " + limits.maxPartHeaderBytes()
                    + " bytes of headers per part, file name included)", failure);
        }
        return event;
    }

    private void feed() throws IOException {
        if (bodyEnded) {
            throw new EOFException("the body ended before the closing multipart boundary");
        }
        // a fresh block each time: the parser may keep a slice of a block it was given
        byte[] block = new byte[BLOCK_BYTES];
        int n = body.read(block); // the body's own IOException (client gone) propagates unchanged
        if (n < 0) {
            bodyEnded = true;
            parser.parse(Content.Chunk.EOF);
            if (events.isEmpty()) {
                throw new EOFException("the body ended before the closing multipart boundary");
            }
            return;
        }
        bodyBytes += n;
        if (bodyBytes > limits.maxBodyBytes()) {
            throw new MultipartParser.BodyTooLargeException(limits.maxBodyBytes());
        }
        parser.parse(Content.Chunk.from(ByteBuffer.wrap(block, 0, n), false));
    }

    /** The current part; its stream pulls content events until the part's end. */
    private final class PartStream extends InputStream implements MultipartParser.Part {
        private final String name;
        private final String fileName;
        private byte[] chunk;
        private int position;
        private boolean ended;

        PartStream(String name, String fileName) {
            this.name = name;
            this.fileName = fileName;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public InputStream content() {
            return this;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return chunk == null ? 0 : chunk.length - position;
        }

        /** Whether unread content is at hand, pulling the next content event when needed. */
        private boolean fill() throws IOException {
            while (!ended && (chunk == null || position == chunk.length)) {
                Object event = nextEvent();
                if (event instanceof byte[] bytes) {
                    chunk = bytes;
                    position = 0;
                } else if (event == PART_END) {
                    ended = true;
                    chunk = null;
                } else {
                    events.addFirst(event); // a part start or the body's end: for next()
                    ended = true;
                    chunk = null;
                }
            }
            return !ended;
        }

        void skipRest() throws IOException {
            while (fill()) {
                position = chunk.length;
            }
        }

        @Override
        public void close() {
            // the next part skips what is left
        }
    }
}
