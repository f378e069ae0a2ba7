package io.nextops.server.uploads;

import static io.nextops.server.uploads.Multipart.pdf;
import static io.nextops.server.uploads.UploadFixture.json;
import static io.nextops.server.uploads.UploadFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.web.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/invoices/upload/ and GET /api/invoices/{id}/file/ through a running server (1 MB, 3 files, 4 MB). */
class UploadIT {
    static final int MIB = 1024 * 1024;
    static UploadFixture fx;
    static long naviera;
    static long deleted;

    @BeforeAll
    static void start() throws Exception {
        fx = UploadFixture.start(Map.of("UPLOAD_MAX_FILE_MB", "1", "UPLOAD_MAX_FILES", "3",
                "UPLOAD_MAX_REQUEST_MB", "4"));
        naviera = fx.provider("Naviera Uno", "naviera", "internacional");
        deleted = fx.provider("Borrado SA", "otro", "nacional");
        fx.execute("UPDATE catalogs_provider SET is_deleted = true, deleted_at = now() WHERE id = " + deleted);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static Multipart withProvider(long provider) {
        return new Multipart().field("proveedor_id", Long.toString(provider));
    }

    @Test
    void uploadsSeveralFilesAsTemporaryInvoicesNeedingReview() throws Exception {
        byte[] pdf = pdf(5000, 1);
        byte[] xml = "<?xml version=\"1.0\"?><factura><n>1</n></factura>".getBytes(StandardCharsets.UTF_8);
        byte[] jsonFile = "{\"factura\": 77}".getBytes(StandardCharsets.UTF_8);
        JsonNode body = ok(fx.upload(withProvider(naviera).field("tipo_costo", "flete").field("auto_parse", "true")
                .file("a.pdf", pdf).file("b.xml", xml).file("files", "c.json", jsonFile), Role.ADMIN));

        assertThat(body.get("total").asInt()).isEqualTo(3);
        assertThat(body.get("processed").asInt()).isEqualTo(3);
        assertThat(body.get("duplicates").asInt()).isZero();
        assertThat(body.get("errors").asInt()).isZero();
        JsonNode success = body.get("results").get("success");
        assertThat(success).hasSize(3);
        JsonNode first = success.get(0);
        assertThat(first.get("filename").asText()).isEqualTo("a.pdf");
        assertThat(first.get("numero_factura").asText()).matches("TEMP-[0-9A-F]{12}");
        assertThat(first.get("monto").asDouble()).isZero();
        assertThat(first.get("requiere_revision").asBoolean()).isTrue();
        assertThat(first.get("ot_matched").asBoolean()).isFalse();
        assertThat(first.get("match_method").isNull()).isTrue();
        assertThat(first.get("size").asLong()).isEqualTo(5000);
        assertThat(first.get("message").asText()).contains("auto_parse is ignored");
        long invoiceId = first.get("invoice_id").asLong();
        long fileId = first.get("file_id").asLong();

        assertThat(fx.scalar("SELECT count(*) FROM invoices_invoice WHERE id = ? AND uploaded_file_id = ? AND monto = 0"
                + " AND monto_aplicable = 0 AND requiere_revision AND tipo_costo = 'FLETE' AND proveedor_id = ?"
                + " AND proveedor_nombre = 'Naviera Uno' AND tipo_proveedor = 'naviera'"
                + " AND proveedor_categoria = 'internacional' AND processing_source = 'upload_manual'"
                + " AND processed_at IS NOT NULL AND fecha_emision = (now() AT TIME ZONE 'UTC')::date",
                invoiceId, fileId, naviera)).isEqualTo(1);
        String digest = sha256(pdf);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file WHERE id = ? AND sha256 = ? AND size = 5000"
                + " AND content_type = 'application/pdf' AND filename = 'a.pdf' AND path = ?", fileId, digest,
                digest.substring(0, 2) + "/" + digest.substring(2, 4) + "/" + digest)).isEqualTo(1);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file WHERE content_type IN"
                + " ('application/xml', 'application/json') AND filename IN ('b.xml', 'c.json')")).isEqualTo(2);
        Path blob = fx.uploadDir.resolve(digest.substring(0, 2)).resolve(digest.substring(2, 4)).resolve(digest);
        assertThat(Files.readAllBytes(blob)).isEqualTo(pdf);
        assertThat(fx.tempFiles()).isEmpty();
    }

    @Test
    void sameContentWithAnActiveInvoiceIsADuplicateAndWithoutOneReusesTheFile() throws Exception {
        byte[] content = pdf(3000, 2);
        JsonNode first = ok(fx.upload(withProvider(naviera).file("orig.pdf", content), Role.ADMIN));
        JsonNode item = first.get("results").get("success").get(0);
        String number = item.get("numero_factura").asText();

        JsonNode again = ok(fx.upload(withProvider(naviera).file("copy.pdf", content), Role.JEFE_OPERACIONES));
        assertThat(again.get("processed").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
        JsonNode dup = again.get("results").get("duplicates").get(0);
        assertThat(dup.get("filename").asText()).isEqualTo("copy.pdf");
        assertThat(dup.get("reason").asText()).contains(number).contains(sha256(content).substring(0, 8));

        HttpResponse<String> del = fx.server.send("DELETE", "/api/invoices/" + item.get("invoice_id").asLong() + "/",
                Role.ADMIN, null);
        assertThat(del.statusCode()).as(del.body()).isEqualTo(204);
        JsonNode reused = ok(fx.upload(withProvider(naviera).file("third.pdf", content), Role.ADMIN));
        JsonNode reusedItem = reused.get("results").get("success").get(0);
        assertThat(reusedItem.get("file_id").asLong()).isEqualTo(item.get("file_id").asLong());
        assertThat(reusedItem.get("invoice_id").asLong()).isNotEqualTo(item.get("invoice_id").asLong());
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file WHERE sha256 = ?", sha256(content)))
                .isEqualTo(1);
    }

    @Test
    void concurrentUploadsOfTheSameNewFileStoreItOnceWithOneInvoice() throws Exception {
        byte[] content = pdf(200_000, 3);
        int threads = 4;
        int blobsBefore = fx.blobs().size();
        fx.server.accessToken(Role.ADMIN);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String name = "same-" + i + ".pdf";
            answers.add(pool.submit(() -> {
                go.await();
                return ok(fx.upload(withProvider(naviera).field("tipo_costo", "OTRO").file(name, content), Role.ADMIN));
            }));
        }
        go.countDown();
        int success = 0;
        int duplicates = 0;
        for (Future<JsonNode> f : answers) {
            JsonNode body = f.get();
            success += body.get("processed").asInt();
            duplicates += body.get("duplicates").asInt();
        }
        pool.shutdown();
        assertThat(success).isEqualTo(1);
        assertThat(duplicates).isEqualTo(threads - 1);
        String digest = sha256(content);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file WHERE sha256 = ?", digest)).isEqualTo(1);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_invoice i JOIN invoices_uploaded_file f"
                + " ON f.id = i.uploaded_file_id WHERE f.sha256 = ? AND NOT i.is_deleted", digest)).isEqualTo(1);
        assertThat(fx.blobs()).hasSize(blobsBefore + 1);
        assertThat(fx.tempFiles()).isEmpty();
    }

    @Test
    void wrongTypesAndEmptyFilesAreRefusedPerFile() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        int blobsBefore = fx.blobs().size();
        JsonNode body = ok(fx.upload(withProvider(naviera).file("image.pdf", png)
                .file("notes.txt", "just some text".getBytes(StandardCharsets.UTF_8))
                .file("empty.pdf", new byte[0]), Role.ADMIN));
        assertThat(body.get("total").asInt()).isEqualTo(3);
        assertThat(body.get("errors").asInt()).isEqualTo(3);
        JsonNode errors = body.get("results").get("errors");
        assertThat(errors.get(0).get("filename").asText()).isEqualTo("image.pdf");
        assertThat(errors.get(0).get("error").asText()).contains("PNG").contains("PDF, XML and JSON");
        assertThat(errors.get(1).get("error").asText()).contains("not PDF, XML or JSON");
        assertThat(errors.get(2).get("error").asText()).isEqualTo("The file is empty.");
        assertThat(fx.blobs()).hasSize(blobsBefore);
        assertThat(fx.tempFiles()).isEmpty();
    }

    @Test
    void sizeLimitIsExactAndOtherFilesProceed() throws Exception {
        byte[] exact = pdf(MIB, 4);
        byte[] over = pdf(MIB + 1, 5);
        JsonNode body = ok(fx.upload(withProvider(naviera).file("over.pdf", over).file("exact.pdf", exact),
                Role.ADMIN));
        assertThat(body.get("processed").asInt()).isEqualTo(1);
        assertThat(body.get("results").get("success").get(0).get("filename").asText()).isEqualTo("exact.pdf");
        JsonNode error = body.get("results").get("errors").get(0);
        assertThat(error.get("filename").asText()).isEqualTo("over.pdf");
        assertThat(error.get("error").asText()).contains("1 MB").contains("1048576 bytes");
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file WHERE sha256 = ?", sha256(over))).isZero();
        assertThat(fx.tempFiles()).isEmpty();
    }

    @Test
    void moreFilesThanTheCountLimitRefuseTheWholeRequestAndStoreNothing() throws Exception {
        long invoicesBefore = fx.scalar("SELECT count(*) FROM invoices_invoice");
        long filesBefore = fx.scalar("SELECT count(*) FROM invoices_uploaded_file");
        int blobsBefore = fx.blobs().size();
        Multipart m = withProvider(naviera);
        for (int i = 0; i < 4; i++) {
            m.file("n" + i + ".pdf", pdf(100, 100 + i));
        }
        HttpResponse<String> r = fx.upload(m, Role.ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.get("code").asText()).isEqualTo("validation_error");
        assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("files[]");
        assertThat(body.get("errors").get(0).get("message").asText()).contains("Too many files: at most 3");
        assertThat(fx.scalar("SELECT count(*) FROM invoices_invoice")).isEqualTo(invoicesBefore);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file")).isEqualTo(filesBefore);
        assertThat(fx.blobs()).hasSize(blobsBefore);
        assertThat(fx.tempFiles()).isEmpty();
        // exactly the limit is accepted
        Multipart three = withProvider(naviera);
        for (int i = 0; i < 3; i++) {
            three.file("t" + i + ".pdf", pdf(100, 200 + i));
        }
        assertThat(ok(fx.upload(three, Role.ADMIN)).get("processed").asInt()).isEqualTo(3);
    }

    @Test
    void filesSentBeforeAMissingProviderAreNotKept() throws Exception {
        long filesBefore = fx.scalar("SELECT count(*) FROM invoices_uploaded_file");
        int blobsBefore = fx.blobs().size();
        HttpResponse<String> r = fx.upload(new Multipart().file("lonely.pdf", pdf(100, 300)), Role.ADMIN);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file")).isEqualTo(filesBefore);
        assertThat(fx.blobs()).hasSize(blobsBefore);
    }

    @Test
    void missingUnknownOrDeletedProviderAndUnknownCostTypeAre400() {
        byte[] content = pdf(100, 6);
        HttpResponse<String> missing = fx.upload(new Multipart().file("a.pdf", content), Role.ADMIN);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("errors").get(0).get("field").asText()).isEqualTo("proveedor_id");
        assertThat(json(fx.upload(withProvider(987_654).file("a.pdf", content), Role.ADMIN)).get("message").asText())
                .contains("proveedor_id").contains("does not exist");
        assertThat(fx.upload(withProvider(deleted).file("a.pdf", content), Role.ADMIN).statusCode()).isEqualTo(400);
        assertThat(fx.upload(new Multipart().field("proveedor_id", "abc").file("a.pdf", content), Role.ADMIN)
                .statusCode()).isEqualTo(400);
        HttpResponse<String> cost = fx.upload(withProvider(naviera).field("tipo_costo", "NOPE").file("a.pdf", content),
                Role.ADMIN);
        assertThat(cost.statusCode()).isEqualTo(400);
        assertThat(json(cost).get("errors").get(0).get("field").asText()).isEqualTo("tipo_costo");
        HttpResponse<String> none = fx.upload(withProvider(naviera), Role.ADMIN);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).get("errors").get(0).get("field").asText()).isEqualTo("files[]");
    }

    @Test
    void filesBeforeTheFieldsGetTheirInvoicesAfterTheBody() throws Exception {
        byte[] content = pdf(700, 7);
        JsonNode body = ok(fx.upload(new Multipart().file("first.pdf", content)
                .field("tipo_costo", "ADUANA").field("proveedor_id", Long.toString(naviera)), Role.ADMIN));
        JsonNode item = body.get("results").get("success").get(0);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_invoice WHERE id = ? AND tipo_costo = 'ADUANA'"
                + " AND uploaded_file_id = ?", item.get("invoice_id").asLong(), item.get("file_id").asLong()))
                .isEqualTo(1);
    }

    @Test
    void clientFileNamesAreMetadataOnly() throws Exception {
        String longName = "x".repeat(396) + ".pdf";
        JsonNode body = ok(fx.upload(withProvider(naviera).file("../../etc/passwd", pdf(100, 8))
                .file(longName, pdf(100, 10)), Role.ADMIN));
        assertThat(body.get("processed").asInt()).isEqualTo(2);
        JsonNode success = body.get("results").get("success");
        assertThat(success.get(0).get("filename").asText()).isEqualTo("../../etc/passwd");
        assertThat(success.get(1).get("filename").asText()).isEqualTo(longName);
        // control characters are not valid in a part's headers (browsers escape them): the parser refuses the body
        long before = fx.scalar("SELECT count(*) FROM invoices_uploaded_file");
        HttpResponse<String> control = fx.upload(withProvider(naviera).file("evil\u0000name\u0007.pdf", pdf(100, 9)),
                Role.ADMIN);
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(json(control).get("code").asText()).isEqualTo("malformed_multipart");
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file")).isEqualTo(before);
        // a part's headers are capped at 4096 bytes: a 1,000-character name passes, a 5,000-character one refuses
        // the request
        JsonNode thousand = ok(fx.upload(withProvider(naviera).file("z".repeat(996) + ".pdf", pdf(100, 15)),
                Role.ADMIN));
        assertThat(thousand.get("processed").asInt()).isEqualTo(1);
        long filesBefore = fx.scalar("SELECT count(*) FROM invoices_uploaded_file");
        HttpResponse<String> tooLong = fx.upload(withProvider(naviera).file("y".repeat(5000) + ".pdf", pdf(100, 14)),
                Role.ADMIN);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("code").asText()).isEqualTo("malformed_multipart");
        assertThat(json(tooLong).get("message").asText()).contains("4096 bytes");
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file")).isEqualTo(filesBefore);
        String unicode = "factura ñandú 日本 \uD83D\uDCC4.pdf";
        JsonNode u = ok(fx.upload(withProvider(naviera).file(unicode, pdf(100, 11)), Role.ADMIN));
        assertThat(u.get("results").get("success").get(0).get("filename").asText()).isEqualTo(unicode);
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file WHERE filename = ?", unicode)).isEqualTo(1);

        for (Path p : fx.blobs()) {
            assertThat(fx.uploadDir.relativize(p).toString()).matches("[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}");
        }
        assertThat(Files.exists(fx.uploadDir.resolveSibling("etc"))).isFalse();
        assertThat(fx.scalar("SELECT count(*) FROM invoices_uploaded_file WHERE path !~ '^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}$'"))
                .isZero();
    }

    @Test
    void onlyManagersMayUploadAndOnlyWithAToken() {
        Multipart m = withProvider(naviera).file("a.pdf", pdf(100, 12));
        assertThat(fx.upload(m, Role.OPERATIVO).statusCode()).isEqualTo(403);
        assertThat(fx.upload(m, Role.FINANZAS).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = fx.server.send(HttpRequest.newBuilder(fx.server.uri("/api/invoices/upload"))
                .header("Content-Type", m.contentType()).POST(m.publisher()).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> notMultipart = fx.server.send("POST", "/api/invoices/upload", Role.ADMIN, "{}");
        assertThat(notMultipart.statusCode()).isEqualTo(415);
    }

    @Test
    void downloadStreamsTheSameBytesTypeAndName() throws Exception {
        byte[] content = pdf(300_000, 13);
        String name = "Factura; marzo ñ.pdf";
        JsonNode item = ok(fx.upload(withProvider(naviera).file(name, content), Role.ADMIN))
                .get("results").get("success").get(0);
        long invoice = item.get("invoice_id").asLong();
        HttpResponse<byte[]> r = fx.server.client().send(fx.server.request("/api/invoices/" + invoice + "/file/",
                Role.OPERATIVO).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        assertThat(r.headers().firstValue("Content-Length").orElseThrow()).isEqualTo("300000");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).isEqualTo(
                "attachment; filename=\"Factura; marzo _.pdf\"; filename*=UTF-8''Factura%3B%20marzo%20%C3%B1.pdf");
        HttpResponse<byte[]> noSlash = fx.server.client().send(fx.server.request("/api/invoices/" + invoice + "/file",
                Role.FINANZAS).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(noSlash.body()).isEqualTo(content);

        assertThat(fx.server.get("/api/invoices/999999/file/", Role.ADMIN).statusCode()).isEqualTo(404);
        assertThat(json(fx.server.get("/api/invoices/999999/file/", Role.ADMIN)).get("code").asText())
                .isEqualTo("not_found");
        assertThat(fx.server.get("/api/invoices/" + invoice + "/file/").statusCode()).isEqualTo(401);
        assertThat(fx.server.get("/api/invoices/" + invoice + "/", Role.ADMIN).statusCode()).isEqualTo(200);
    }
}
