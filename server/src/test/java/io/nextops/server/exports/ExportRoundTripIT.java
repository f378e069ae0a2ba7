package io.nextops.server.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.io.StringReader;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both exports over HTTP on a handful of known rows, read back (the XLSX parts directly, CSV with commons-csv) and
 * compared cell by cell: values, cell types, number formats, headers, file names, filters and ordering.
 */
class ExportRoundTripIT {
    static final String LONG_NOTE = "Nota larga ".repeat(4000); // 44,000 characters: over Excel's 32,767 per cell
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"clic\")";
    static final String UNICODE_NOTE = "日本語 — “comillas”, coma; salto\nsegunda línea 🚢";
    static final Pattern DISPOSITION = Pattern.compile(
            "attachment; filename=\"([^\"]+)\"; filename\\*=UTF-8''(\\S+)");

    static TestServer server;

    @BeforeAll
    static void seed() throws Exception {
        server = TestServer.start();
        try (Connection c = server.testDatabase().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                INSERT INTO catalogs_provider (id, nombre, tipo, nit) OVERRIDING SYSTEM VALUE VALUES
                  (101, 'Maersk Línea', 'naviera', NULL), (102, 'Agencia Ñandú', 'agente_local', '0614-1')""");
            s.execute("""
                INSERT INTO client_aliases (id, original_name, normalized_name) OVERRIDING SYSTEM VALUE VALUES
                  (201, 'Cliente Único S.A.', 'CLIENTE ÚNICO S.A')""");
            s.execute("""
                INSERT INTO ots (id, numero_ot, cliente_id, proveedor_id, master_bl, house_bls, contenedores, barco,
                  estado, operativo, tipo_embarque, puerto_origen, puerto_destino, etd, fecha_eta, fecha_llegada,
                  fecha_provision, fecha_recepcion_factura, estado_provision, estado_facturado, express_release_fecha,
                  contra_entrega_fecha, fecha_solicitud_facturacion, envio_cierre_ot, comentarios, created_at,
                  updated_at) OVERRIDING SYSTEM VALUE VALUES
                  (301, 'OT-001', 201, 101, 'MBL123', '[" HBL1 ", "", "HBL2"]', '["MSCU1234567", "TGHU7654321"]',
                   'Barco 🚢', 'en_rada', 'Ana', 'FCL', 'Shanghái', 'Acajutla', '2025-01-02', '2025-02-03',
                   '2025-02-04', '2025-02-05', '2025-02-06', 'provisionada', 'facturado', '2025-02-07',
                   '2025-02-08', '2025-02-09', '2025-02-10', '=1+1', '2025-01-01 02:00:00+00',
                   '2025-03-01 23:30:00+00'),
                  (302, 'OT-002', 201, NULL, NULL, '[]', '[]', '-', 'transito', '-', '-', '', '', NULL, NULL,
                   NULL, NULL, NULL, 'pendiente', 'pendiente', NULL, NULL, NULL, NULL, '',
                   '2025-01-05 00:00:00+00', '2025-01-05 00:00:00+00')""");
            s.execute("INSERT INTO ots (id, numero_ot, cliente_id, is_deleted, deleted_at) OVERRIDING SYSTEM VALUE"
                    + " VALUES (303, 'OT-GONE', 201, true, now())");
            s.execute("""
                INSERT INTO invoices_invoice (id, ot_id, ot_number, proveedor_id, proveedor_nit, proveedor_nombre,
                  tipo_proveedor, numero_factura, fecha_emision, fecha_vencimiento, monto, tipo_costo, confianza_match,
                  assignment_method, requiere_revision, estado_provision, fecha_provision, estado_facturacion,
                  fecha_facturacion, notas, created_at) OVERRIDING SYSTEM VALUE VALUES
                  (1, 301, 'OT-001', 102, '0614-1', 'Agencia Ñandú (texto)', 'agente_local', 'F-001', '2025-03-01',
                   '2025-03-31', 1234.56, 'FLETE', 0.875, 'mbl_contenedor', false, 'provisionada', '2025-03-05',
                   'facturada', '2025-03-10', '%s', '2025-03-01 05:30:00+00'),
                  (2, NULL, '', NULL, '', 'Proveedor libre ñ', 'otro', 'F-002', '2025-01-15', NULL, 99.99, 'XYZ',
                   0, '', true, 'pendiente', NULL, 'pendiente', NULL, '%s', '2025-01-15 12:00:00+00'),
                  (3, NULL, '', 102, '', 'otro nombre', 'naviera', 'F-003', '2025-02-01', NULL, 5000.00, 'OTRO',
                   1, 'manual', true, 'pendiente', NULL, 'pendiente', NULL, '%s', '2025-02-01 18:45:10+00')
                """.formatted(FORMULA.replace("'", "''"), LONG_NOTE, UNICODE_NOTE));
            s.execute("INSERT INTO invoices_invoice (id, proveedor_nombre, numero_factura, fecha_emision, monto,"
                    + " is_deleted, deleted_at) OVERRIDING SYSTEM VALUE VALUES (4, 'borrada', 'F-GONE', '2025-04-01',"
                    + " 1, true, now())");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static final List<String> INVOICE_HEADERS = List.of("ID", "Número Factura", "OT", "Cliente", "MBL", "Contenedor",
            "Naviera", "Barco", "Proveedor", "NIT Proveedor", "Tipo Proveedor", "Tipo Costo", "Monto (USD)",
            "Fecha Emisión", "Fecha Vencimiento", "Fecha Provisión", "Fecha Facturación", "Estado Provisión",
            "Estado Facturación", "Método Asignación", "Confianza Match", "Requiere Revisión", "Notas", "Creado");
    static final double[] INVOICE_WIDTHS = {8, 20, 15, 25, 18, 15, 20, 20, 25, 15, 18, 15, 12, 15, 18, 18, 20, 18, 20,
            20, 15, 15, 40, 20};
    static final List<String> OT_HEADERS = List.of("Operativo", "Número OT", "Cliente", "HBL", "MBL", "Contenedores",
            "Cantidad Contenedores", "Naviera", "Barco", "Estado", "Tipo Embarque", "Puerto Origen", "Puerto Destino",
            "ETD", "ETA", "ETA Confirmada", "Fecha Provisión", "Fecha Facturación", "Estado Provisión",
            "Estado Facturado", "Express Release", "Contra Entrega", "Solicitud Facturación", "Envío Cierre OT",
            "Fecha Creación", "Última Actualización", "Comentarios");
    static final double[] OT_WIDTHS = {20, 15, 30, 35, 20, 40, 12, 25, 25, 18, 15, 25, 25, 12, 12, 15, 15, 15, 18, 18,
            15, 15, 18, 15, 15, 18, 40};

    // ---- invoices ----

    @Test
    void invoicesXlsxHasTheOriginalsColumnsTypesAndFormatsInTheDefaultOrder() throws Exception {
        HttpResponse<byte[]> r = download("/api/invoices/export-excel/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertDownloadHeaders(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "Facturas_3_registros_\\d{8}_\\d{6}\\.xlsx");
        Xlsx x = Xlsx.read(r.body());
        assertThat(x.sheetNames).containsExactly("Facturas");
        assertThat(x.panes.get(0)).isEqualTo("A2");
        assertThat(x.autoFilters.get(0)).isEqualTo("A1:X4");
        List<Map<String, Xlsx.Cell>> rows = x.sheets.get(0);
        assertThat(rows).hasSize(4);
        assertThat(texts(rows.get(0))).containsExactlyElementsOf(INVOICE_HEADERS);
        assertThat(rows.get(0).values()).allMatch(Xlsx.Cell::bold);
        Map<Integer, Double> widths = Xlsx.widths(r.body());
        for (int i = 0; i < INVOICE_WIDTHS.length; i++) {
            assertThat(widths.get(i + 1)).as("width of column %d", i + 1).isEqualTo(INVOICE_WIDTHS[i]);
        }
        // default order: pendiente before provisionada, then fecha_emision descending
        Map<String, Xlsx.Cell> f3 = rows.get(1);
        Map<String, Xlsx.Cell> f2 = rows.get(2);
        Map<String, Xlsx.Cell> f1 = rows.get(3);
        assertNumber(f3.get("A"), 3, "0");
        assertThat(f3.get("B").value()).isEqualTo("F-003");
        assertThat(f3.get("I").value()).isEqualTo("Agencia Ñandú"); // catalog provider name wins over the free text
        assertThat(f3.get("K").value()).isEqualTo("Naviera");
        assertThat(f3.get("L").value()).isEqualTo("Otro");
        assertNumber(f3.get("M"), 5000, "$#,##0.00");
        assertNumber(f3.get("U"), 1, "0.0%");
        assertThat(f3.get("T").value()).isEqualTo("manual"); // the raw code, as the original
        assertThat(f3.get("W").value()).isEqualTo(UNICODE_NOTE);
        assertThat(dateTime(f3.get("X"))).isEqualTo(LocalDateTime.of(2025, 2, 1, 12, 45, 10)); // El Salvador, UTC-6
        assertThat(f3.get("X").numberFormat()).isEqualTo("DD/MM/YYYY HH:MM");

        assertThat(f2.get("B").value()).isEqualTo("F-002");
        for (String empty : List.of("C", "D", "E", "F", "G", "H", "O", "P", "Q")) {
            assertThat(f2.get(empty) == null || f2.get(empty).value() == null || f2.get(empty).value().isEmpty())
                    .as("column %s of F-002 is empty", empty).isTrue();
        }
        assertThat(f2.get("I").value()).isEqualTo("Proveedor libre ñ");
        assertThat(f2.get("L").value()).isEqualTo("XYZ"); // no cost type, no legacy label: the code
        assertNumber(f2.get("M"), 99.99, "$#,##0.00");
        assertNumber(f2.get("U"), 0, "0.0%");
        assertThat(f2.get("V").value()).isEqualTo("Sí");
        assertThat(f2.get("W").value()).hasSize(32_767).isEqualTo(LONG_NOTE.substring(0, 32_767));

        assertNumber(f1.get("A"), 1, "0");
        assertThat(texts(f1).subList(1, 12)).containsExactly("F-001", "OT-001", "CLIENTE ÚNICO S.A", "MBL123",
                "MSCU1234567, TGHU7654321", "Maersk Línea", "Barco 🚢", "Agencia Ñandú", "0614-1", "Agente Local",
                "Flete");
        assertNumber(f1.get("M"), 1234.56, "$#,##0.00");
        assertThat(date(f1.get("N"))).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(f1.get("N").numberFormat()).isEqualTo("DD/MM/YYYY");
        assertThat(date(f1.get("O"))).isEqualTo(LocalDate.of(2025, 3, 31));
        assertThat(date(f1.get("P"))).isEqualTo(LocalDate.of(2025, 3, 5));
        assertThat(date(f1.get("Q"))).isEqualTo(LocalDate.of(2025, 3, 10));
        assertThat(texts(f1).subList(17, 20)).containsExactly("Provisionada", "Facturada", "mbl_contenedor");
        assertNumber(f1.get("U"), 0.875, "0.0%");
        assertThat(f1.get("V").value()).isEqualTo("No");
        assertThat(f1.get("W").value()).isEqualTo("'" + FORMULA); // neutralized, a string cell, never a formula
        assertThat(f1.get("W").type()).isEqualTo("inlineStr");
        // 05:30 UTC on 1 March is 23:30 on 28 February in El Salvador: the original crashed on this column
        assertThat(dateTime(f1.get("X"))).isEqualTo(LocalDateTime.of(2025, 2, 28, 23, 30));
    }

    @Test
    void invoicesCsvHasTheSameColumnsWithABom() throws Exception {
        HttpResponse<byte[]> r = download("/api/invoices/export-excel?format=csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertDownloadHeaders(r, "text/csv; charset=UTF-8", "Facturas_3_registros_\\d{8}_\\d{6}\\.csv");
        List<CSVRecord> rows = csv(r.body());
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).toList()).containsExactlyElementsOf(INVOICE_HEADERS);
        assertThat(rows.get(1).toList()).containsExactly("3", "F-003", "", "", "", "", "", "", "Agencia Ñandú", "",
                "Naviera", "Otro", "5000.00", "2025-02-01", "", "", "", "Pendiente", "Pendiente", "manual", "1.000",
                "Sí", UNICODE_NOTE, "2025-02-01 12:45:10");
        assertThat(rows.get(2).get(22)).isEqualTo(LONG_NOTE); // CSV has no cell limit
        assertThat(rows.get(2).get(11)).isEqualTo("XYZ");
        assertThat(rows.get(3).toList()).containsExactly("1", "F-001", "OT-001", "CLIENTE ÚNICO S.A", "MBL123",
                "MSCU1234567, TGHU7654321", "Maersk Línea", "Barco 🚢", "Agencia Ñandú", "0614-1", "Agente Local",
                "Flete", "1234.56", "2025-03-01", "2025-03-31", "2025-03-05", "2025-03-10", "Provisionada",
                "Facturada", "mbl_contenedor", "0.875", "No", "'" + FORMULA, "2025-02-28 23:30:00");
    }

    @Test
    void invoicesHonourListFiltersAndOrdering() throws Exception {
        HttpResponse<byte[]> r = download("/api/invoices/export-excel/?format=csv&estado_provision=pendiente"
                + "&ordering=-monto&page=2&page_size=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(fileName(r)).startsWith("Facturas_2_registros_");
        assertThat(csv(r.body()).stream().skip(1).map(x -> x.get(1)).toList()).containsExactly("F-003", "F-002");

        r = download("/api/invoices/export-excel/?format=csv&ordering=monto&search=f-00");
        assertThat(csv(r.body()).stream().skip(1).map(x -> x.get(1)).toList())
                .containsExactly("F-002", "F-001", "F-003");
        r = download("/api/invoices/export-excel/?format=csv&requiere_revision=false");
        assertThat(csv(r.body()).stream().skip(1).map(x -> x.get(1)).toList()).containsExactly("F-001");
        r = download("/api/invoices/export-excel/?estado_provision=anulada");
        assertThat(fileName(r)).startsWith("Facturas_0_registros_");
        assertThat(Xlsx.read(r.body()).sheets.get(0)).hasSize(1); // the header only
    }

    @Test
    void invalidFilterOrFormatIsA400EnvelopeBeforeAnythingIsWritten() throws Exception {
        for (String q : List.of("?estado_provision=nope", "?format=pdf", "?ordering=-nope", "?fecha_desde=ayer")) {
            HttpResponse<byte[]> r = download("/api/invoices/export-excel/" + q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Disposition")).as(q).isEmpty();
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(q).contains("\"code\":\"validation_error\"");
        }
        // the route's declared types are checked first (format), then the handler's own rules (estado's aliases)
        HttpResponse<byte[]> r = download("/api/ots/export-excel/?estado=nope&format=xml");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"format\"");
        r = download("/api/ots/export-excel/?estado=nope&format=CSV");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"estado\"");
        HttpResponse<String> anonymous = server.get("/api/invoices/export-excel/");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void everyRoleMayExport() {
        for (Role role : Role.values()) {
            assertThat(server.get("/api/ots/export-excel/?format=csv", role).statusCode()).as(role.name())
                    .isEqualTo(200);
        }
    }

    // ---- OTs ----

    @Test
    void otsXlsxHasTheOriginals27ColumnsTypesAndFormats() throws Exception {
        HttpResponse<byte[]> r = download("/api/ots/export-excel/?ordering=numero_ot");
        assertThat(r.statusCode()).isEqualTo(200);
        assertDownloadHeaders(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "OTs_2_registros_\\d{8}_\\d{6}\\.xlsx");
        Xlsx x = Xlsx.read(r.body());
        assertThat(x.sheetNames).containsExactly("OTs");
        List<Map<String, Xlsx.Cell>> rows = x.sheets.get(0);
        assertThat(rows).hasSize(3);
        assertThat(texts(rows.get(0))).containsExactlyElementsOf(OT_HEADERS);
        Map<Integer, Double> widths = Xlsx.widths(r.body());
        for (int i = 0; i < OT_WIDTHS.length; i++) {
            assertThat(widths.get(i + 1)).as("width of column %d", i + 1).isEqualTo(OT_WIDTHS[i]);
        }
        Map<String, Xlsx.Cell> ot1 = rows.get(1);
        assertThat(texts(ot1).subList(0, 6)).containsExactly("Ana", "OT-001", "Cliente Único S.A.", "HBL1, HBL2",
                "MBL123", "MSCU1234567, TGHU7654321");
        assertNumber(ot1.get("G"), 2, "0");
        assertThat(texts(ot1).subList(7, 13)).containsExactly("Maersk Línea", "Barco 🚢", "En Rada", "FCL",
                "Shanghái", "Acajutla");
        List<LocalDate> dates = new ArrayList<>();
        for (String col : List.of("N", "O", "P", "Q", "R", "U", "V", "W", "X", "Y", "Z")) {
            assertThat(ot1.get(col).numberFormat()).as(col).isEqualTo("DD/MM/YYYY");
            dates.add(date(ot1.get(col)));
        }
        assertThat(dates).containsExactly(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 2, 3),
                LocalDate.of(2025, 2, 4), LocalDate.of(2025, 2, 5), LocalDate.of(2025, 2, 6),
                LocalDate.of(2025, 2, 7), LocalDate.of(2025, 2, 8), LocalDate.of(2025, 2, 9),
                LocalDate.of(2025, 2, 10), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1)); // UTC dates
        assertThat(ot1.get("S").value()).isEqualTo("Provisionada");
        assertThat(ot1.get("T").value()).isEqualTo("Facturado");
        assertThat(ot1.get("AA").value()).isEqualTo("'=1+1");

        Map<String, Xlsx.Cell> ot2 = rows.get(2);
        assertThat(ot2.get("B").value()).isEqualTo("OT-002");
        assertThat(ot2.get("E") == null || ot2.get("E").value() == null || ot2.get("E").value().isEmpty()).isTrue();
        assertNumber(ot2.get("G"), 0, "0");
        assertThat(ot2.get("J").value()).isEqualTo("Tránsito");
        assertThat(ot2.get("N") == null || ot2.get("N").value() == null).isTrue();
    }

    @Test
    void otsCsvHasTheSameColumnsAndHonoursFilters() throws Exception {
        HttpResponse<byte[]> r = download("/api/ots/export-excel?format=csv&ordering=-numero_ot");
        assertThat(r.statusCode()).isEqualTo(200);
        assertDownloadHeaders(r, "text/csv; charset=UTF-8", "OTs_2_registros_\\d{8}_\\d{6}\\.csv");
        List<CSVRecord> rows = csv(r.body());
        assertThat(rows.get(0).toList()).containsExactlyElementsOf(OT_HEADERS);
        assertThat(rows.get(1).get(1)).isEqualTo("OT-002");
        assertThat(rows.get(2).toList()).containsExactly("Ana", "OT-001", "Cliente Único S.A.", "HBL1, HBL2",
                "MBL123", "MSCU1234567, TGHU7654321", "2", "Maersk Línea", "Barco 🚢", "En Rada", "FCL", "Shanghái",
                "Acajutla", "2025-01-02", "2025-02-03", "2025-02-04", "2025-02-05", "2025-02-06", "Provisionada",
                "Facturado", "2025-02-07", "2025-02-08", "2025-02-09", "2025-02-10", "2025-01-01", "2025-03-01",
                "'=1+1");
        r = download("/api/ots/export-excel/?format=csv&estado=rada");
        assertThat(fileName(r)).startsWith("OTs_1_registros_");
        assertThat(csv(r.body()).stream().skip(1).map(x -> x.get(1)).toList()).containsExactly("OT-001");
    }

    // ---- helpers ----

    static HttpResponse<byte[]> download(String path) throws Exception {
        HttpRequest req = server.request(path, Role.OPERATIVO).GET().build();
        return server.client().send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    static void assertDownloadHeaders(HttpResponse<byte[]> r, String contentType, String fileNamePattern) {
        assertThat(r.headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers")).hasValue("Content-Disposition");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        String disposition = r.headers().firstValue("Content-Disposition").orElseThrow();
        Matcher m = DISPOSITION.matcher(disposition);
        assertThat(m.matches()).as(disposition).isTrue();
        assertThat(m.group(1)).matches(fileNamePattern);
        assertThat(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8)).isEqualTo(m.group(1));
    }

    static String fileName(HttpResponse<?> r) {
        Matcher m = DISPOSITION.matcher(r.headers().firstValue("Content-Disposition").orElseThrow());
        assertThat(m.matches()).isTrue();
        return m.group(1);
    }

    static List<CSVRecord> csv(byte[] body) throws Exception {
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }

    static List<String> texts(Map<String, Xlsx.Cell> row) {
        List<String> out = new ArrayList<>();
        row.values().forEach(c -> out.add(c.value()));
        return out;
    }

    static void assertNumber(Xlsx.Cell cell, double expected, String format) {
        assertThat(cell.type()).as(cell.ref()).isEqualTo("n");
        assertThat(Double.parseDouble(cell.value())).as(cell.ref()).isEqualTo(expected);
        assertThat(cell.numberFormat()).as(cell.ref()).isEqualTo(format);
    }

    static LocalDate date(Xlsx.Cell cell) {
        assertThat(cell.type()).as(cell.ref()).isEqualTo("n");
        return LocalDate.of(1899, 12, 30).plusDays((long) Math.floor(Double.parseDouble(cell.value())));
    }

    static LocalDateTime dateTime(Xlsx.Cell cell) {
        double serial = Double.parseDouble(cell.value());
        long days = (long) Math.floor(serial);
        long seconds = Math.round((serial - days) * 86_400);
        return LocalDate.of(1899, 12, 30).plusDays(days).atStartOfDay().plusSeconds(seconds);
    }
}
