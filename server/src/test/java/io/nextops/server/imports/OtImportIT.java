package io.nextops.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/ots/import_excel/} through a real server: the original's contract and bad inputs. */
class OtImportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static Jdbi db;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("OT_IMPORT_MAX_UNCOMPRESSED_MB", "20"), s -> {});
        db = Jdbi.create(server.testDatabase().dataSource());
        db.useHandle(h -> h.execute("INSERT INTO catalogs_provider (nombre, tipo) VALUES ('MAERSK', 'naviera'), "
                + "('MSC', 'naviera')"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void createsThenUpdatesAndSkipsUnchangedRows() throws IOException {
        Path first = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "CU-1", "Acme S.A.", "MSCU1234567, TGHU 765432-1", "maersk", "MV Uno", "Tránsito",
                        LocalDate.of(2025, 3, 1)),
                OtSheets.row("Ana", "cu-2", "ACME  S.A", "MSCU1234568;MSCU1234569\nMSCU1234570", "MSC", "MV Dos",
                        "Puerto", "15/03/2025"),
                OtSheets.row("Luis", "CU-3", "Beta Ltda", "", "", "", "", null)));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, "[\"importacion\"]", "primero.xlsx", first), 200);
        assertThat(r.get("success").asBoolean()).isTrue();
        assertThat(r.get("created").asInt()).isEqualTo(3);
        assertThat(r.get("total_rows").asInt()).isEqualTo(3);
        assertThat(r.get("files").get(0).get("created").asInt()).isEqualTo(3);
        Map<String, Object> cu1 = ot("CU-1");
        assertThat(cu1.get("contenedores").toString()).isEqualTo("[\"MSCU1234567\", \"TGHU7654321\"]");
        assertThat(cu1.get("estado")).isEqualTo("transito");
        assertThat(cu1.get("estado_source")).isEqualTo("excel");
        assertThat(cu1.get("fecha_eta")).hasToString("2025-03-01");
        assertThat(cu1.get("proveedor")).isEqualTo("MAERSK");
        Map<String, Object> cu2 = ot("CU-2");
        assertThat(cu2.get("fecha_eta")).hasToString("2025-03-15");
        assertThat(cu2.get("cliente_id")).isEqualTo(cu1.get("cliente_id")); // one client by normalized name
        assertThat(cu2.get("contenedores").toString()).contains("MSCU1234570");
        assertThat(count("SELECT count(*) FROM processed_files WHERE created_count = 3 AND total_rows = 3")).isEqualTo(1);

        Path second = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "CU-1", "Acme S.A.", "MSCU1234567, TGHU 765432-1", "maersk", "MV Uno", "Tránsito",
                        LocalDate.of(2025, 3, 1)),
                OtSheets.row("Ana", "CU-2", "ACME  S.A", "MSCU1234568;MSCU1234569\nMSCU1234570", "MSC", "MV Dos",
                        "Bodega", "15/03/2025"),
                OtSheets.row("Luis", "CU-3", "Beta Ltda", "", "", "", "", null)));
        r = json(OtSheets.upload(server, Role.JEFE_OPERACIONES, "[\"importacion\"]", "segundo.xlsx", second), 200);
        assertThat(r.get("created").asInt()).isZero();
        assertThat(r.get("updated").asInt()).isEqualTo(1);
        assertThat(r.get("skipped").asInt()).isEqualTo(2);
        assertThat(types(r.get("warnings"))).containsOnly("fila sin cambios").hasSize(2);
        assertThat(ot("CU-2").get("estado")).isEqualTo("bodega");

        // the same bytes again: skipped whole, a warning, not an error
        r = json(OtSheets.upload(server, Role.ADMIN, "[\"importacion\"]", "otra-vez.xlsx", second), 200);
        assertThat(types(r.get("warnings"))).containsExactly("archivo duplicado");
        assertThat(r.get("warnings").get(0).get("row").asText()).isEqualTo("N/A");
        assertThat(r.get("warnings").get(0).get("file").asText()).isEqualTo("otra-vez.xlsx");
        assertThat(r.get("errors")).isEmpty();
        assertThat(r.get("skipped").asInt()).isEqualTo(3);
        assertThat(r.get("created").asInt() + r.get("updated").asInt()).isZero();
    }

    @Test
    void manualValuesSurviveAnExcelImport() throws IOException {
        Path first = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "PR-1", "Gamma", "", "MSC", "MV Excel", "Tránsito", "01/04/2025")));
        json(OtSheets.upload(server, Role.ADMIN, null, "pr1.xlsx", first), 200);
        long id = ((Number) ot("PR-1").get("id")).longValue();
        HttpResponse<String> patch = server.send("PATCH", "/api/ots/" + id + "/", Role.ADMIN,
                "{\"barco\": \"MV Manual\", \"barco_source\": \"manual\"}");
        assertThat(patch.statusCode()).isEqualTo(200);

        Path second = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "PR-1", "Gamma", "", "MSC", "MV Otro", "Puerto", "02/04/2025")));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "pr2.xlsx", second), 200);
        assertThat(r.get("updated").asInt()).isEqualTo(1);
        Map<String, Object> ot = ot("PR-1");
        assertThat(ot.get("barco")).isEqualTo("MV Manual");
        assertThat(ot.get("barco_source")).isEqualTo("manual");
        assertThat(ot.get("estado")).isEqualTo("puerto");
        assertThat(ot.get("fecha_eta")).hasToString("2025-04-02");
    }

    @Test
    void clientOrOperativoConflictsAnswer409BeforeAnyWrite() throws IOException {
        Path first = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "CF-1", "Delta", "", "", "", "", null)));
        json(OtSheets.upload(server, Role.ADMIN, null, "cf1.xlsx", first), 200);
        long ots = count("SELECT count(*) FROM ots");
        long files = count("SELECT count(*) FROM processed_files");
        long clients = count("SELECT count(*) FROM client_aliases");

        Path other = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "CF-NEW", "Nuevo Cliente", "", "", "", "", null),
                OtSheets.row("Ana", "CF-1", "Epsilon", "", "", "", "", null)));
        Path between = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Pedro", "CF-2", "Zeta", "", "", "", "", null)));
        Path between2 = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Pablo", "CF-2", "Zeta", "", "", "", "", null)));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, "[\"importacion\",\"importacion\",\"exportacion\"]",
                "a.xlsx", other, "b.xlsx", between, "c.xlsx", between2), 409);
        assertThat(r.get("has_conflicts").asBoolean()).isTrue();
        assertThat(r.get("success").asBoolean()).isFalse();
        assertThat(r.get("conflicts")).hasSize(2);
        assertThat(types(r.get("conflicts"))).containsExactlyInAnyOrder("cliente", "operativo");
        assertThat(r.get("conflicts").toString()).contains("CF-1", "Delta", "Epsilon", "CF-2");
        assertThat(count("SELECT count(*) FROM ots")).isEqualTo(ots);
        assertThat(count("SELECT count(*) FROM processed_files")).isEqualTo(files);
        assertThat(count("SELECT count(*) FROM client_aliases")).isEqualTo(clients);
    }

    @Test
    void byDefaultValidRowsAreWrittenAndBadRowsReportedOneByOne() throws IOException {
        long ots = count("SELECT count(*) FROM ots");
        Path bad = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "ER-1", "Eta", "", "", "", "", "31/02/2025"),
                OtSheets.row("Ana", "ER-2", "Eta", "MSCU12", "", "", "", null),
                OtSheets.row("Ana", "", "Eta", "", "", "", "", null),
                OtSheets.row("Ana", "ER-4", "Eta", "", "", "", "", "mañana"),
                OtSheets.row("Ana", "ER-5", "Eta", "", "", "", "", null)));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "malo.xlsx", bad), 200);
        assertThat(r.get("success").asBoolean()).isTrue();
        assertThat(r.get("created").asInt()).isEqualTo(1);
        assertThat(r.get("processed").asInt()).isEqualTo(1);
        List<String> messages = new ArrayList<>();
        r.get("errors").forEach(e -> messages.add(e.get("row").asText() + " " + e.get("message").asText()));
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0)).startsWith("2 ").contains("31/02/2025");
        assertThat(messages.get(1)).startsWith("3 ").contains("MSCU12");
        assertThat(messages.get(2)).startsWith("4 ").contains("Número OT");
        assertThat(messages.get(3)).startsWith("5 ").contains("mañana");
        assertThat(r.get("message").asText()).contains("las filas con errores no se importaron");
        assertThat(r.get("files").get(0).get("status").asText()).isEqualTo("importado con errores");
        assertThat(count("SELECT count(*) FROM ots")).isEqualTo(ots + 1);
        assertThat(count("SELECT count(*) FROM ots WHERE numero_ot IN ('ER-1', 'ER-2', 'ER-4')")).isZero();
        assertThat(count("SELECT count(*) FROM ots WHERE numero_ot = 'ER-5'")).isEqualTo(1);
        // written, so marked processed
        assertThat(count("SELECT created_count FROM processed_files WHERE filename = 'malo.xlsx'")).isEqualTo(1);
    }

    @Test
    void byDefaultAFileWithNoValidRowIsNotWrittenNorMarkedProcessedAnd207() throws IOException {
        long ots = count("SELECT count(*) FROM ots");
        Path bad = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "NV-1", "Eta", "", "", "", "", "31/02/2025"),
                OtSheets.row("Ana", "NV-2", "Eta", "MSCU12", "", "", "", null)));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "nada.xlsx", bad), 207);
        assertThat(r.get("success").asBoolean()).isFalse();
        assertThat(r.get("processed").asInt()).isZero();
        assertThat(r.get("errors")).hasSize(2);
        assertThat(r.get("files").get(0).get("status").asText()).isEqualTo("rechazado");
        assertThat(count("SELECT count(*) FROM ots")).isEqualTo(ots);
        assertThat(count("SELECT count(*) FROM processed_files WHERE filename = 'nada.xlsx'")).isZero();
    }

    @Test
    void byDefaultARowNamingADeletedOtIsReportedAndTheOthersAreWritten() throws IOException {
        Path first = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "DEL-1", "Eta", "", "", "", "", null)));
        json(OtSheets.upload(server, Role.ADMIN, null, "del1.xlsx", first), 200);
        db.useHandle(h -> h.execute("UPDATE ots SET is_deleted = true, deleted_at = now() WHERE numero_ot = 'DEL-1'"));
        Path again = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Ana", "DEL-1", "Eta", "", "", "", "Puerto", null),
                OtSheets.row("Ana", "DEL-2", "Eta", "", "", "", "", null)));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "del2.xlsx", again), 200);
        assertThat(r.get("created").asInt()).isEqualTo(1);
        assertThat(r.get("errors")).hasSize(1);
        assertThat(r.get("errors").get(0).get("message").asText()).contains("eliminada");
        assertThat(count("SELECT count(*) FROM ots WHERE numero_ot = 'DEL-2'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ots WHERE numero_ot = 'DEL-1' AND NOT is_deleted")).isZero();
    }

    @Test
    void refusesFilesThatAreNotSpreadsheets() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        byte[] text = "Número OT,Cliente\nX-1,Acme\n".getBytes(StandardCharsets.UTF_8);
        long ots = count("SELECT count(*) FROM ots");
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "foto.xlsx", png, "ruido.xlsx", random,
                "texto.xlsx", text, "viejo.xls", random), 207);
        assertThat(r.get("errors")).hasSize(4);
        assertThat(r.get("errors").get(0).get("message").asText()).contains("PNG");
        assertThat(r.get("errors").get(3).get("message").asText()).contains(".xls");
        r.get("errors").forEach(e -> assertThat(e.get("row").asText()).isEqualTo("N/A"));
        assertThat(count("SELECT count(*) FROM ots")).isEqualTo(ots);

        assertThat(OtSheets.upload(server, Role.ADMIN, null, "notas.txt", text).statusCode()).isEqualTo(400);
        assertThat(OtSheets.upload(server, Role.ADMIN, "[\"importacion\",\"exportacion\"]", "a.xlsx", png)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAZipBombWithoutInflatingIt() throws IOException {
        // 64 MB of one byte deflates to ~64 KB: above the 20 MB uncompressed limit of this server
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                zip.write(block);
            }
            zip.closeEntry();
        }
        assertThat(bytes.size()).isLessThan(1 << 20);
        long start = System.nanoTime();
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "bomba.xlsx", bytes.toByteArray()), 207);
        assertThat(r.get("errors").get(0).get("message").asText()).contains("bomba zip");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void missingRequiredColumnsIsAFileError() throws IOException {
        List<String> headers = new ArrayList<>(OtSheets.HEADERS);
        headers.set(2, "Consignatario");
        Path file = OtSheets.xlsx(dir, headers, List.<Object[]>of(
                OtSheets.row("Ana", "MC-1", "Acme", "", "", "", "", null)));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "sin-cliente.xlsx", file), 207);
        assertThat(r.get("errors").get(0).get("message").asText()).contains("faltan columnas requeridas: Cliente");

        Path noHeader = OtSheets.xlsx(dir, List.of("a", "b", "c"), List.<Object[]>of(new Object[] {"1", "2", "3"}));
        r = json(OtSheets.upload(server, Role.ADMIN, null, "sin-encabezado.xlsx", noHeader), 207);
        assertThat(r.get("errors").get(0).get("message").asText()).contains("encabezados");
    }

    @Test
    void acceptsHeaderVariantsAndCsv() throws IOException {
        Path variants = OtSheets.xlsx(dir, List.of("No. OT", "CLIENTE ", "naviera/proveedor", "Contenedor", "eta"),
                List.<Object[]>of(new Object[] {"VA-1", "Iota", "MSC", "MSCU1111111 / MSCU2222222", "2025-05-06"}));
        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "variantes.xlsx", variants), 200);
        assertThat(r.get("created").asInt()).isEqualTo(1);
        assertThat(ot("VA-1").get("contenedores").toString()).contains("MSCU1111111", "MSCU2222222");

        byte[] csv = ("\uFEFFNúmero OT;Cliente;ETA;Contenedores\nCSV-1;Kappa;07/05/2025;\"MSCU3333333, MSCU4444444\"\n")
                .getBytes(StandardCharsets.UTF_8);
        r = json(OtSheets.upload(server, Role.ADMIN, "[\"exportacion\"]", "ots.csv", csv), 200);
        assertThat(r.get("created").asInt()).isEqualTo(1);
        assertThat(ot("CSV-1").get("tipo_operacion")).isEqualTo("exportacion");
        assertThat(ot("CSV-1").get("fecha_eta")).hasToString("2025-05-07");
    }

    @Test
    void onlyManagersMayImport() {
        byte[] any = "x".getBytes(StandardCharsets.UTF_8);
        assertThat(OtSheets.upload(server, Role.OPERATIVO, null, "a.xlsx", any).statusCode()).isEqualTo(403);
        assertThat(OtSheets.upload(server, Role.FINANZAS, null, "a.xlsx", any).statusCode()).isEqualTo(403);
        assertThat(OtSheets.upload(server, null, null, "a.xlsx", any).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/ots/import_excel/", Role.ADMIN).statusCode()).isEqualTo(405);
    }

    @Test
    void theExportedFileReimportsWithoutChanges() throws Exception {
        Path seed = OtSheets.xlsx(dir, OtSheets.HEADERS, List.<Object[]>of(
                OtSheets.row("Rosa", "RT-1", "Lambda S.A.", "MSCU5555555, MSCU6666666", "MAERSK", "MV Tres", "En Rada",
                        LocalDate.of(2025, 6, 1)),
                OtSheets.row("Rosa", "RT-2", "Lambda S.A.", "", "", "", "Finalizada", null)));
        json(OtSheets.upload(server, Role.ADMIN, null, "semilla.xlsx", seed), 200);
        // an OT created by hand (no row hash) must not change either
        HttpResponse<String> manual = server.send("POST", "/api/ots/", Role.ADMIN, "{\"numero_ot\": \"RT-3\", "
                + "\"cliente\": " + ot("RT-1").get("cliente_id") + ", \"house_bls\": [\"H1\", \"H2\"], "
                + "\"puerto_origen\": \"Busan\", \"fecha_llegada\": \"2025-07-01\"}");
        assertThat(manual.statusCode()).isEqualTo(201);
        List<Map<String, Object>> before = rows("SELECT * FROM ots WHERE numero_ot LIKE 'RT-%' ORDER BY numero_ot");

        HttpRequest req = server.request("/api/ots/export-excel/?search=RT-", Role.ADMIN).GET().build();
        HttpResponse<byte[]> export = server.client().send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        Path exported = dir.resolve("export.xlsx");
        Files.write(exported, export.body());

        JsonNode r = json(OtSheets.upload(server, Role.ADMIN, null, "export.xlsx", exported), 200);
        assertThat(r.get("total_rows").asInt()).as(r.toString()).isEqualTo(3);
        assertThat(r.get("skipped").asInt()).isEqualTo(3);
        assertThat(r.get("created").asInt() + r.get("updated").asInt()).isZero();
        assertThat(r.get("errors")).isEmpty();
        assertThat(rows("SELECT * FROM ots WHERE numero_ot LIKE 'RT-%' ORDER BY numero_ot")).isEqualTo(before);
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static List<String> types(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("type").asText()));
        return out;
    }

    private static Map<String, Object> ot(String numero) {
        return db.withHandle(h -> h.createQuery("SELECT o.id, o.cliente_id, o.contenedores::text AS contenedores, o.estado, "
                        + "o.estado_source, o.fecha_eta, o.barco, o.barco_source, o.tipo_operacion, "
                        + "p.nombre AS proveedor FROM ots o "
                        + "LEFT JOIN catalogs_provider p ON p.id = o.proveedor_id WHERE numero_ot = :n")
                .bind("n", numero).mapToMap().one());
    }

    private static List<Map<String, Object>> rows(String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapToMap().list()).stream()
                .map(m -> { m.replaceAll((k, v) -> v == null ? null : v.toString()); return m; }).toList();
    }

    private static long count(String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
