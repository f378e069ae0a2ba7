package io.nextops.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nextops.server.TestServer;
import io.nextops.web.Role;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code OT_IMPORT_MODE=strict}: a file with any bad row writes nothing and is not marked processed. */
class OtImportStrictIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static Jdbi db;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OT_IMPORT_MODE", "strict"), s -> {});
        db = Jdbi.create(server.testDatabase().dataSource());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void rowErrorsRejectTheWholeFileAnd207WhenNothingWasProcessed() throws IOException {
        long ots = count("SELECT count(*) FROM ots");
        Path bad = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "ER-1", "Eta", "", "", "", "", "31/02/2025"),
                OtSheets.row("Ana", "ER-2", "Eta", "MSCU12", "", "", "", null),
                OtSheets.row("Ana", "", "Eta", "", "", "", "", null),
                OtSheets.row("Ana", "ER-4", "Eta", "", "", "", "", "mañana"),
                OtSheets.row("Ana", "ER-5", "Eta", "", "", "", "", null)));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "malo.xlsx", bad), 207);
        assertThat(r.get("success").asBoolean()).isFalse();
        assertThat(r.get("processed").asInt()).isZero();
        List<String> messages = new ArrayList<>();
        r.get("errors").forEach(e -> messages.add(e.get("row").asText() + " " + e.get("message").asText()));
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0)).startsWith("2 ").contains("31/02/2025");
        assertThat(messages.get(3)).startsWith("5 ").contains("mañana");
        assertThat(r.get("files").get(0).get("status").asText()).isEqualTo("rechazado");
        assertThat(count("SELECT count(*) FROM ots")).isEqualTo(ots);
        assertThat(count("SELECT count(*) FROM ots WHERE numero_ot = 'ER-5'")).isZero();
        assertThat(count("SELECT count(*) FROM processed_files WHERE filename = 'malo.xlsx'")).isZero();

        // a good file next to it is imported (200: something was processed), the bad one is not
        Path good = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "ER-OK", "Eta", "", "", "", "", null)));
        r = json(OtSheets.upload(server, Role.ADMIN, null, "malo2.xlsx", bad, "bueno.xlsx", good), 200);
        assertThat(r.get("created").asInt()).isEqualTo(1);
        assertThat(r.get("errors")).hasSize(4);
        assertThat(r.get("message").asText()).contains("archivos con errores no se importaron");
        assertThat(count("SELECT count(*) FROM ots")).isEqualTo(ots + 1);
    }

    @Test
    void aRowNamingADeletedOtRejectsItsFile() throws IOException {
        Path first = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "SDEL-1", "Eta", "", "", "", "", null)));
        json(OtSheets.upload(server, Role.ADMIN, null, "sdel1.xlsx", first), 200);
        db.useHandle(h -> h.execute("UPDATE ots SET is_deleted = true, deleted_at = now() WHERE numero_ot = 'SDEL-1'"));
        Path again = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "SDEL-1", "Eta", "", "", "", "Puerto", null),
                OtSheets.row("Ana", "SDEL-2", "Eta", "", "", "", "", null)));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "sdel2.xlsx", again), 207);
        assertThat(r.get("errors").get(0).get("message").asText()).contains("eliminada");
        assertThat(count("SELECT count(*) FROM ots WHERE numero_ot = 'SDEL-2'")).isZero();
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static long count(String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
