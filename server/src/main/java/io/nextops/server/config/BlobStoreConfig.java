package io.nextops.server.config;

import io.nextops.server.blobs.S3Config;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The blob store of uploaded files ({@code BLOB_STORE}): {@code FILESYSTEM} under {@code UPLOAD_DIR} (one
 * instance), or {@code S3} with {@code s3} (several instances share it). {@code s3} is null exactly when the kind
 * is {@code FILESYSTEM}. {@code s3SweepInterval} is how often an S3 store aborts the unfinished multipart uploads
 * of dead instances ({@code S3_SWEEP_INTERVAL}; zero: only at start). Immutable and thread-safe.
 */
public record BlobStoreConfig(Kind kind, S3Config s3, Duration s3SweepInterval) {
    public static final Duration DEFAULT_S3_SWEEP_INTERVAL = Duration.ofSeconds(60);

    public BlobStoreConfig {
        Objects.requireNonNull(kind, "kind must not be null");
        if ((kind == Kind.S3) != (s3 != null)) {
            throw new IllegalArgumentException("s3 must be set exactly when kind is S3, was " + kind + ", " + s3);
        }
        if (s3SweepInterval == null || s3SweepInterval.isNegative()) {
            throw new IllegalArgumentException("s3SweepInterval must be >= 0, was " + s3SweepInterval);
        }
    }

    public static BlobStoreConfig filesystem() {
        return new BlobStoreConfig(Kind.FILESYSTEM, null, DEFAULT_S3_SWEEP_INTERVAL);
    }

    /** {@code BLOB_STORE}'s values. */
    public enum Kind { FILESYSTEM, S3 }

    /**
     * {@code BLOB_STORE} and the {@code S3_*} variables. The {@code S3_*} ones are always read (so that a typo is
     * reported however {@code BLOB_STORE} is set) but required only with {@code BLOB_STORE=s3}. The secret key is
     * never shown, only whether it is missing.
     */
    static BlobStoreConfig fromEnv(EnvReader r) {
        Kind kind = r.parse("BLOB_STORE", Kind.FILESYSTEM, new String[0],
                v -> Kind.valueOf(v.toUpperCase(Locale.ROOT)), "filesystem or s3");
        URI endpoint = r.parse("S3_ENDPOINT", null, new String[0], v -> {
            URI uri = URI.create(v);
            S3Config.checkEndpoint(uri);
            return uri;
        }, "an http:// or https:// URL with a host, e.g. https://s3.eu-west-1.amazonaws.com");
        String bucket = r.string("S3_BUCKET", null);
        String region = r.string("S3_REGION", "us-east-1");
        String keyId = r.string("S3_ACCESS_KEY_ID", null);
        String secret = r.string("S3_SECRET_ACCESS_KEY", null);
        boolean pathStyle = r.bool("S3_PATH_STYLE", false);
        String prefix = r.parse("S3_PREFIX", "", new String[0], S3Config::normalizePrefix,
                "segments of letters, digits, '.', '_' and '-' separated by '/'");
        Duration sweepInterval = r.seconds("S3_SWEEP_INTERVAL", DEFAULT_S3_SWEEP_INTERVAL, 0, 86_400);
        if (kind != Kind.S3) {
            return filesystem();
        }
        int before = r.problems().size();
        if (bucket == null) {
            r.problem("S3_BUCKET: required when BLOB_STORE=s3");
        } else if (!S3Config.isBucketName(bucket)) {
            r.invalid("S3_BUCKET", "a bucket name: 3-63 characters of a-z, 0-9, '.' and '-'");
        }
        if (keyId == null) {
            r.problem("S3_ACCESS_KEY_ID: required when BLOB_STORE=s3");
        }
        if (secret == null) {
            r.problem("S3_SECRET_ACCESS_KEY: required when BLOB_STORE=s3"); // only ever named, never shown
        }
        if (r.problems().size() > before) {
            return filesystem(); // not returned: fromEnv throws with the problems
        }
        return new BlobStoreConfig(Kind.S3, new S3Config(endpoint, bucket, region, keyId, secret, pathStyle, prefix),
                sweepInterval);
    }
}
