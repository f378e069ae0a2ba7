package io.nextops.server.blobs;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where and how the S3 blob store connects ({@code S3_*} variables). Validated when built; {@link #toString()} never
 * shows the secret key. Immutable, thread-safe.
 *
 * <pre>{@code
 * S3Config s3 = new S3Config(URI.create("http://127.0.0.1:9000"), "nextops-files", "us-east-1", "id", "secret",
 *         true, "invoices");
 * }</pre>
 *
 * @param endpoint the S3 API's base URI ({@code S3_ENDPOINT}); null means AWS S3 of {@code region}
 * @param bucket the bucket, which must exist ({@code S3_BUCKET})
 * @param region the signing region ({@code S3_REGION})
 * @param accessKeyId the access key id ({@code S3_ACCESS_KEY_ID})
 * @param secretAccessKey the secret access key ({@code S3_SECRET_ACCESS_KEY}); never logged nor shown
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key} ({@code S3_PATH_STYLE})
 * @param prefix the key prefix, without leading or trailing slash; empty for none ({@code S3_PREFIX})
 */
public record S3Config(URI endpoint, String bucket, String region, String accessKeyId, String secretAccessKey,
                       boolean pathStyle, String prefix) {
    /** S3's bucket naming rules (general purpose buckets): 3-63 of a-z, 0-9, '.', '-', starting and ending alnum. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    public S3Config {
        if (endpoint != null) {
            checkEndpoint(endpoint);
        }
        if (!isBucketName(bucket)) {
            throw new IllegalArgumentException("bucket must be 3-63 characters of a-z, 0-9, '.' and '-', starting and "
                    + "ending with a letter or digit, was " + bucket);
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank, was " + region);
        }
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("accessKeyId must not be blank");
        }
        if (secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("secretAccessKey must not be empty");
        }
        prefix = normalizePrefix(prefix);
    }

    /** Whether {@code name} follows S3's bucket naming rules (3-63 of a-z, 0-9, '.', '-'). */
    public static boolean isBucketName(String name) {
        return name != null && BUCKET.matcher(name).matches();
    }

    /** Checks an endpoint: an absolute http or https URI with a host and nothing after the path. */
    public static void checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null
                || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null
                || endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("endpoint must be an http:// or https:// URL with a host and no "
                    + "user, query or fragment, was " + endpoint);
        }
    }

    /**
     * {@code prefix} without leading and trailing slashes: segments of letters, digits, '.', '_' and '-' (no "." or
     * ".." segment). Null or blank is the empty prefix.
     */
    public static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix.strip().replaceAll("^/+|/+$", "");
        if (p.isEmpty()) {
            return "";
        }
        if (!PREFIX.matcher(p).matches() || ("/" + p + "/").contains("/./") || ("/" + p + "/").contains("/../")) {
            throw new IllegalArgumentException("prefix must be segments of letters, digits, '.', '_' and '-' "
                    + "separated by '/', was " + prefix);
        }
        return p;
    }

    /** The endpoint as people read it: the URI, or AWS S3 and the region. */
    public String describeEndpoint() {
        return endpoint == null ? "AWS S3 (" + region + ")" : endpoint.toString();
    }

    /** Bucket, prefix and endpoint: never the credentials. */
    public String describe() {
        return "s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + " at " + describeEndpoint()
                + (pathStyle ? ", path-style" : "");
    }

    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", accessKeyId="
                + accessKeyId + ", secretAccessKey=***, pathStyle=" + pathStyle + ", prefix=" + prefix + "]";
    }
}
