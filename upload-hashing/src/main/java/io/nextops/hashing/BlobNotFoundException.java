package io.nextops.hashing;

/** No blob is stored under the requested digest. Thread-safety: immutable. */
public final class BlobNotFoundException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final String digestHex;

    public BlobNotFoundException(String digestHex) {
        super("no blob stored for digest " + digestHex);
        this.digestHex = digestHex;
    }

    /** The digest that was asked for. */
    public String digestHex() {
        return digestHex;
    }
}
