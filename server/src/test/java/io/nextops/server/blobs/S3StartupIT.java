package io.nextops.server.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nextops.server.Main;
import io.nextops.server.config.ConfigException;
import io.nextops.testsupport.S3Proxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A missing bucket, refused credentials or an unreachable endpoint: one line naming the variable, exit status 2. */
class S3StartupIT {
    @RegisterExtension
    static final S3Proxy S3 = new S3Proxy();
    static final String WRONG_SECRET = "this-is-not-the-secret-4711";
    static S3Fixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new S3Fixture(S3);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    S3Config config(String bucket, String secret, URI endpoint) {
        return new S3Config(endpoint, bucket, "us-east-1", S3.accessKeyId(), secret, true, "");
    }

    @Test
    void theConfiguredBucketWithGoodCredentialsPasses() {
        S3Clients.createVerified(fx.config("")).close();
    }

    @Test
    void aMissingBucketNamesS3BucketAndTheBucket() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> S3Clients.createVerified(config("no-such-bucket", S3.secretAccessKey(), S3.endpoint())));
        assertThat(e.problems()).singleElement().asString().startsWith("S3_BUCKET: bucket \"no-such-bucket\" at "
                + S3.endpoint() + " does not exist");
    }

    @Test
    void aWrongSecretNamesTheCredentialVariablesAndNeverShowsTheSecret() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> S3Clients.createVerified(config(fx.bucket, WRONG_SECRET, S3.endpoint())));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: bucket \"" + fx.bucket + "\"")
                .contains("refused the credentials").doesNotContain(WRONG_SECRET);
    }

    @Test
    void anUnreachableEndpointNamesS3Endpoint() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> S3Clients.createVerified(
                config(fx.bucket, S3.secretAccessKey(), URI.create("http://127.0.0.1:" + closed))));
        assertThat(e.problems()).singleElement().asString().startsWith("S3_ENDPOINT: cannot reach http://127.0.0.1:"
                + closed);
    }

    @Test
    void serveExitsWithStatus2AndOneLineBeforeStartingAnything() {
        Map<String, String> env = new HashMap<>();
        env.put("BLOB_STORE", "s3");
        env.put("S3_ENDPOINT", S3.endpoint().toString());
        env.put("S3_BUCKET", fx.bucket);
        env.put("S3_PATH_STYLE", "true");
        env.put("S3_ACCESS_KEY_ID", S3.accessKeyId());
        env.put("S3_SECRET_ACCESS_KEY", WRONG_SECRET);
        env.put("NEXTOPS_DATA_DIR", fx.spoolRoot.resolve("data").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"serve"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isEqualTo(2);
        assertThat(printed.lines().filter(l -> !l.isBlank()).toList()).containsExactly("invalid configuration:",
                "  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: bucket \"" + fx.bucket + "\" at " + S3.endpoint()
                        + " refused the credentials of key id \"" + S3.accessKeyId() + "\" (403): wrong key id or "
                        + "secret, or no permission on this bucket");
        assertThat(printed + out.toString(StandardCharsets.UTF_8)).doesNotContain(WRONG_SECRET);
        assertThat(fx.spoolRoot.resolve("data")).as("the embedded database was never started").doesNotExist();
    }
}
