package io.nextops.hashing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;

/**
 * Reads an upload once, in fixed-size chunks, and in that same pass hashes it, counts it, enforces
 * {@link UploadLimits} (size and sniffed {@link FileType}) and optionally writes it to a sink. Nothing is ever held in
 * memory beyond one chunk ({@link HashingOptions#chunkSizeBytes()}, 64 KiB by default).
 *
 * <pre>{@code
 * UploadHasher hasher = UploadHasher.create();                       // SHA-256, 64 KiB chunks
 * HashResult r = hasher.hash(in);                                    // r.digestHex(), r.sizeBytes(), r.type()
 *
 * // store uploads content-addressed; the callback runs after the blob is in place, and a failure in it
 * // (e.g. the DB insert) deletes the blob again unless it was already stored before
 * FileSystemBlobStore store = FileSystemBlobStore.create(Path.of("/var/lib/nextops/blobs"), hasher);
 * store.sweepStaleTempFiles(Duration.ofMinutes(30));                // once, at startup
 * UploadLimits limits = UploadLimits.defaults().withAllowedTypes(FileType.PDF, FileType.XML, FileType.JSON);
 * long fileId = store.put(part.getInputStream(), limits,
 *         blob -> jdbi.inTransaction(h -> uploadedFiles.insert(h, blob)));
 * }</pre>
 * ({@code BlobStore} and {@code FileSystemBlobStore} live in {@code io.nextops.hashing.store}; read the
 * {@code BlobStore} class comment for the blob-and-row pattern.)
 *
 * <p>Failures are unchecked {@link HashingException}s: {@link SizeLimitExceededException},
 * {@link FileTypeNotAllowedException}, {@link SourceReadException} (the source threw: client gone) and
 * {@link StorageException} (the sink threw). None of the methods closes the streams it is given.
 *
 * <p>Thread-safety: immutable and thread-safe; each call uses its own digest and buffer.
 */
public final class UploadHasher {
    private final HashingOptions options;
    private final int digestHexLength;

    private UploadHasher(HashingOptions options) {
        this.options = options;
        this.digestHexLength = Digests.newDigest(options.algorithm()).getDigestLength() * 2;
    }

    /** A hasher with {@link HashingOptions#defaults()}: SHA-256 in 64 KiB chunks. */
    public static UploadHasher create() {
        return new UploadHasher(HashingOptions.defaults());
    }

    public static UploadHasher create(HashingOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new UploadHasher(options);
    }

    public HashingOptions options() {
        return options;
    }

    /** Length of this hasher's digests in hex characters: 64 for SHA-256. */
    public int digestHexLength() {
        return digestHexLength;
    }

    /** Hashes {@code in} to its end with no limits. */
    public HashResult hash(InputStream in) {
        return copy(in, null, UploadLimits.unlimited());
    }

    /** Hashes {@code in} to its end, enforcing {@code limits}. */
    public HashResult hash(InputStream in, UploadLimits limits) {
        return copy(in, null, limits);
    }

    /**
     * Reads {@code in} to its end in chunks; each chunk is checked against {@code limits}, hashed, then written to
     * {@code sink}. The first chunk is only written once the type is known and allowed, so a refused type never
     * reaches the sink; a size violation stops before the chunk that crosses the limit. On any exception the sink
     * holds a prefix of the content that the caller must discard. The sink is neither flushed nor closed.
     *
     * @param sink where the bytes go; null to only hash
     */
    public HashResult copy(InputStream in, OutputStream sink, UploadLimits limits) {
        if (in == null || limits == null) {
            throw new IllegalArgumentException("in and limits must not be null, were " + in + ", " + limits);
        }
        UploadDigest state = new UploadDigest(options.algorithm(), limits);
        byte[] chunk = new byte[options.chunkSizeBytes()];
        while (true) {
            int wanted = state.nextReadLength(chunk.length);
            int n;
            try {
                // readNBytes fills the chunk unless the stream ends, so chunks are fixed-size and a short one is the last
                n = in.readNBytes(chunk, 0, wanted);
            } catch (IOException e) {
                throw new SourceReadException(state.count(), e);
            }
            state.accept(chunk, 0, n);
            boolean ended = n < wanted;
            if (ended) {
                state.decideType();
            }
            if (sink != null && n > 0) {
                try {
                    sink.write(chunk, 0, n);
                } catch (IOException e) {
                    throw new StorageException("writing the upload failed after " + (state.count() - n) + " bytes: "
                            + e.getMessage(), e);
                }
            }
            if (ended) {
                return state.finish();
            }
        }
    }

    /**
     * An OutputStream that hashes, counts and limits what is written to it before passing it to {@code sink};
     * call {@link HashingOutputStream#result()} when done. See {@link HashingOutputStream} for when the type is
     * enforced.
     */
    public HashingOutputStream hashingStream(OutputStream sink, UploadLimits limits) {
        if (sink == null || limits == null) {
            throw new IllegalArgumentException("sink and limits must not be null, were " + sink + ", " + limits);
        }
        return new HashingOutputStream(new UploadDigest(options.algorithm(), limits), sink);
    }

    /**
     * Peeks at the first {@link FileType#SNIFF_BYTES} bytes of {@code in} to detect its type without losing them:
     * read the content from {@link SniffedStream#stream()} afterwards. Blocks until that many bytes arrived or the
     * stream ended. Buffers only those bytes.
     */
    public static SniffedStream sniff(InputStream in) {
        if (in == null) {
            throw new IllegalArgumentException("in must not be null");
        }
        byte[] head;
        try {
            head = in.readNBytes(FileType.SNIFF_BYTES);
        } catch (IOException e) {
            throw new SourceReadException(0, e);
        }
        FileType type = FileType.detect(head, head.length);
        return new SniffedStream(type, new SequenceInputStream(new ByteArrayInputStream(head), in));
    }

    @Override
    public String toString() {
        return "UploadHasher[" + options.algorithm() + ", chunkSizeBytes=" + options.chunkSizeBytes() + "]";
    }
}
