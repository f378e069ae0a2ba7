package io.nextops.ots.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header detection, dates, list cells, the row hash and the zip guard. */
class ImportParsingTest {
    @TempDir
    Path dir;

    @Test
    void detectsTheHeaderWhateverTheCaseAccentsAndSpacing() {
        Header h = Header.detect(new ArrayList<>(List.of("  NUMERO  OT ", "cliente", "Naviera/Proveedor", "eta confirmada",
                "Envio cierre OT", "Fecha Provision")), 3);
        assertThat(h).isNotNull();
        assertThat(h.missingRequired()).isEmpty();
        List<Object> row = List.of("OT-1", "Acme", "MSC", "01/02/2025", "", "");
        assertThat(h.get(row, Column.NAVIERA)).isEqualTo("MSC");
        assertThat(h.get(row, Column.ETA_CONFIRMADA)).isEqualTo("01/02/2025");
        assertThat(Column.of("No. OT")).isEqualTo(Column.NUMERO_OT);
        assertThat(Column.of("Nº OT")).isEqualTo(Column.NUMERO_OT);
        assertThat(Column.of("OT")).isEqualTo(Column.NUMERO_OT);
        assertThat(Column.of("Solicitud Facturación")).isEqualTo(Column.SOLICITUD_FACTURACION);
        assertThat(Column.of("Cantidad Contenedores")).isNull();
        assertThat(Header.detect(List.of("Reporte de OTs", "", ""), 1)).isNull();
        Header noClient = Header.detect(List.of("OT", "MBL", "Barco"), 1);
        assertThat(noClient.missingRequired()).containsExactly("Cliente");
    }

    @Test
    void readsDatesAsSerialsOrText() {
        assertThat(Cells.date(new BigDecimal("45658"), false)).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(Cells.date(new BigDecimal("45658.75"), false)).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(Cells.date(new BigDecimal("44196"), true)).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(Cells.date("01/02/2025", false)).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(Cells.date("1-2-2025", false)).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(Cells.date("2025-02-01", false)).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(Cells.date("2025-02-01 00:00:00", false)).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(Cells.date("45658", false)).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(Cells.date(" ", false)).isNull();
        assertThat(Cells.date(null, false)).isNull();
        assertThatThrownBy(() -> Cells.date("31/02/2025", false)).hasMessageContaining("31/02/2025");
        assertThatThrownBy(() -> Cells.date("mañana", false)).hasMessageContaining("mañana");
        assertThatThrownBy(() -> Cells.date(new BigDecimal("-3"), false)).hasMessageContaining("fuera de rango");
    }

    @Test
    void splitsContainerListsOnIrregularSeparators() {
        assertThat(Cells.list("MSCU1234567, TGHU7654321;MAEU1111111/ CMAU2222222\nHLXU3333333 OOLU4444444"))
                .containsExactly("MSCU1234567", "TGHU7654321", "MAEU1111111", "CMAU2222222", "HLXU3333333",
                        "OOLU4444444");
        assertThat(Cells.list("MSCU 123456-7, TGHU 7654321")).containsExactly("MSCU 123456-7", "TGHU 7654321");
        assertThat(Cells.list(" ;; ")).isEmpty();
        assertThat(Cells.hbls("HBL 1, HBL/2")).containsExactly("HBL 1", "HBL/2");
        assertThat(Cells.text("'-")).isEqualTo("-");
        assertThat(Cells.text("'=SUM(A1)")).isEqualTo("=SUM(A1)");
        assertThat(Cells.text("'abc")).isEqualTo("'abc");
        assertThat(Cells.text(new BigDecimal("12345.0"))).isEqualTo("12345");
    }

    @Test
    void parsesARowWithTheOtSaveRules() {
        Header h = Header.detect(List.of("Número OT", "Cliente", "Contenedores", "Estado", "ETA"), 1);
        RowParser p = new RowParser(h, "importacion", false);
        List<String> problems = new ArrayList<>();
        ParsedRow row = p.parse(List.of(" ot-9 ", "Acme  S.A.", "mscu 123456-7; mscu1234567", "Tránsito",
                new BigDecimal("45658")), 2, problems);
        assertThat(problems).isEmpty();
        assertThat(row.numeroOt()).isEqualTo("OT-9");
        assertThat(row.clienteNormalized()).isEqualTo("ACME S.A");
        assertThat(row.contenedores()).containsExactly("MSCU1234567");
        assertThat(row.estado()).isEqualTo("transito");
        assertThat(row.operativo()).isEqualTo("-");
        assertThat(row.fechaEta()).isEqualTo(LocalDate.of(2025, 1, 1));

        assertThat(p.parse(List.of("OT/9", "", "XX12", "Volando", "ayer"), 3, problems)).isNull();
        assertThat(String.join(" | ", problems)).contains("Cliente", "numero_ot", "XX12", "Volando", "ayer");
    }

    @Test
    void hashesTheRowLikePythonJsonDumpsWithSortedKeys() {
        Map<String, Object> m = new TreeMap<>();
        m.put("b", List.of("Z", "A"));
        m.put("a", "Tránsito \"x\"");
        m.put("c", null);
        m.put("d", LocalDate.of(2025, 1, 2));
        // json.dumps({"b": ["Z", "A"] sorted, "a": "Tr\u00e1nsito \"x\"", "c": None, "d": "2025-01-02"}, sort_keys=True)
        assertThat(RowHash.json(m)).isEqualTo("{\"a\": \"Tr\\u00e1nsito \\\"x\\\"\", \"b\": [\"A\", \"Z\"], \"c\": null, "
                + "\"d\": \"2025-01-02\"}");
        assertThat(RowHash.FIELDS).hasSize(21);
        Header h = Header.detect(List.of("Número OT", "Cliente", "Contenedores"), 1);
        RowParser p = new RowParser(h, "importacion", false);
        ParsedRow a = p.parse(List.of("OT-1", "Acme", "MSCU1234567, TGHU7654321"), 2, new ArrayList<>());
        ParsedRow b = p.parse(List.of("OT-1", "Acme", "TGHU7654321;MSCU1234567"), 9, new ArrayList<>());
        ParsedRow c = p.parse(List.of("OT-1", "Acme2", "TGHU7654321;MSCU1234567"), 9, new ArrayList<>());
        assertThat(a.rowHash()).hasSize(64).isEqualTo(b.rowHash()).isNotEqualTo(c.rowHash());
    }

    @Test
    void zipGuardRefusesBombsEvenWhenTheHeadersLie() throws IOException {
        OtImportLimits limits = OtImportLimits.defaults().withMaxUncompressedBytes(4L << 20);
        Path honest = bomb(8 << 20);
        assertThatThrownBy(() -> ZipGuard.check(honest, limits)).hasMessageContaining("bomba zip");
        // patch the central directory's uncompressed sizes to 1 byte: the declared check passes, the count does not
        Path liar = bomb(8 << 20);
        byte[] bytes = Files.readAllBytes(liar);
        for (int i = 0; i + 4 < bytes.length; i++) {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02) {
                bytes[i + 24] = 1;
                bytes[i + 25] = 0;
                bytes[i + 26] = 0;
                bytes[i + 27] = 0;
            }
        }
        Files.write(liar, bytes);
        assertThatThrownBy(() -> ZipGuard.check(liar, limits)).isInstanceOf(BadFileException.class);
        Path text = dir.resolve("text.xlsx");
        Files.writeString(text, "Número OT,Cliente\n");
        assertThatThrownBy(() -> ZipGuard.check(text, limits)).hasMessageContaining("no es un archivo");
    }

    private Path bomb(int bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'a');
            for (int i = 0; i < bytes >> 20; i++) {
                zip.write(block);
            }
        }
        Path p = Files.createTempFile(dir, "bomb", ".xlsx");
        Files.write(p, out.toByteArray());
        return p;
    }
}
