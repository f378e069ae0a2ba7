package io.nextops.server.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.server.blobs.S3BlobStore;
import io.nextops.server.blobs.S3Clients;
import io.nextops.server.blobs.S3Config;
import io.nextops.testsupport.S3Proxy;
import io.nextops.web.Role;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/** An invoice file uploaded through the running server with {@code BLOB_STORE=s3}, and downloaded back. */
class S3UploadIT {
    @RegisterExtension
    static final S3Proxy S3 = new S3Proxy();
    static final String BUCKET = "nextops-e2e";
    static UploadFixture fx;
    static long provider;

    @BeforeAll
    static void start() throws Exception {
        S3Config admin = new S3Config(S3.endpoint(), BUCKET, "us-east-1", S3.accessKeyId(), S3.secretAccessKey(),
                true, "");
        try (S3Client s3 = S3Clients.create(admin)) {
            s3.createBucket(CreateBucketRequest.builder().bucket(BUCKET).build());
        }
        fx = UploadFixture.start(Map.of("BLOB_STORE", "s3", "S3_ENDPOINT", S3.endpoint().toString(),
                "S3_BUCKET", BUCKET, "S3_REGION", "eu-west-1", "S3_ACCESS_KEY_ID", S3.accessKeyId(),
                "S3_SECRET_ACCESS_KEY", S3.secretAccessKey(), "S3_PATH_STYLE", "true", "S3_PREFIX", "/invoices/"));
        provider = fx.provider("Naviera S3", "naviera", "internacional");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void anUploadedInvoiceFileIsStoredInTheBucketAndDownloadedBack() throws Exception {
        assertThat(fx.server.server().getBean(io.nextops.invoices.upload.InvoiceUploads.class).store())
                .isInstanceOf(S3BlobStore.class);
        byte[] pdf = Multipart.pdf(700_000, 42);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));

        JsonNode body = UploadFixture.ok(fx.upload(new Multipart().field("proveedor_id", Long.toString(provider))
                .field("tipo_costo", "flete").file("factura.pdf", pdf), Role.ADMIN));
        JsonNode success = body.get("results").get("success").get(0);
        long invoice = success.get("invoice_id").asLong();

        String key = "invoices/" + digest.substring(0, 2) + "/" + digest.substring(2, 4) + "/" + digest;
        assertThat(S3.filesIn(BUCKET)).containsExactly(key);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file WHERE sha256 = ? AND size = ? AND path = ?",
                digest, pdf.length, key)).isEqualTo(1);
        assertThat(fx.blobs()).as("nothing stored under UPLOAD_DIR").isEmpty();
        assertThat(fx.tempFiles()).isEmpty();

        HttpResponse<byte[]> r = fx.server.client().send(fx.server.request("/api/invoices/" + invoice + "/file/",
                Role.ADMIN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(pdf.length);
        assertThat(r.body()).isEqualTo(pdf);

        // the same file again: a duplicate, still one object
        JsonNode again = UploadFixture.ok(fx.upload(new Multipart().field("proveedor_id", Long.toString(provider))
                .field("tipo_costo", "flete").file("otra.pdf", pdf), Role.ADMIN));
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
        assertThat(S3.filesIn(BUCKET)).containsExactly(key);
    }
}
