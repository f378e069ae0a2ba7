package io.nextops.server.blobs;

import io.nextops.server.config.ConfigException;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Builds the S3 client of an {@link S3Config} and checks at start-up that its bucket is there and its credentials
 * work, turning each failure into one {@link ConfigException} line that names the variable to fix (never the secret).
 *
 * <pre>{@code
 * S3Client s3 = S3Clients.createVerified(config);   // ConfigException: exit status 2 with that line
 * }</pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class S3Clients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private S3Clients() {}

    /**
     * A synchronous client over the JDK's HttpURLConnection. Checksums are computed and validated only where S3
     * requires them: the SDK's default (a CRC trailer in aws-chunked bodies on every put) is not understood by every
     * S3-compatible server, and our blobs are verified by their SHA-256 key anyway.
     */
    public static S3Client create(S3Config config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())))
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        return builder.build();
    }

    /** {@link #create} then {@link #verify}; the client is closed when the check fails. */
    public static S3Client createVerified(S3Config config) {
        S3Client s3 = create(config);
        try {
            verify(s3, config);
            return s3;
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    /**
     * {@code HeadBucket}: throws {@link ConfigException} with one line naming the variable when the bucket is missing,
     * the credentials are refused, or the endpoint cannot be reached.
     */
    public static void verify(S3Client s3, S3Config config) {
        String where = "bucket \"" + config.bucket() + "\" at " + config.describeEndpoint();
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(config.bucket()).build());
        } catch (S3Exception e) {
            throw new ConfigException(List.of(switch (e.statusCode()) {
                case 404 -> "S3_BUCKET: " + where + " does not exist; create it first";
                case 401, 403 -> "S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: " + where + " refused the credentials of "
                        + "key id \"" + config.accessKeyId() + "\" (" + e.statusCode() + "): wrong key id or secret, "
                        + "or no permission on this bucket";
                case 301, 307, 400 -> "S3_REGION: " + where + " answered " + e.statusCode() + " to region \""
                        + config.region() + "\": the bucket may be in another region";
                default -> "S3_BUCKET: checking " + where + " failed with status " + e.statusCode();
            }));
        } catch (SdkClientException e) {
            throw new ConfigException(List.of("S3_ENDPOINT: cannot reach " + config.describeEndpoint() + ": "
                    + rootMessage(e)));
        } catch (SdkException e) {
            throw new ConfigException(List.of("S3_BUCKET: checking " + where + " failed: " + rootMessage(e)));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
