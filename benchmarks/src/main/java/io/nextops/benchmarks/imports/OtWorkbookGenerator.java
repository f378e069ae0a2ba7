package io.nextops.benchmarks.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes an OT workbook in the export's 27 columns (reference 3.3), streamed with fastexcel and inline strings as the
 * OT export writes them: {@code java -cp benchmarks.jar io.nextops.benchmarks.imports.OtWorkbookGenerator out.xlsx
 * 200000 [prefix]}. Rows: unique OT numbers, 50 clients, 7 operativos, two containers each, dates. Not thread-safe.
 */
public final class OtWorkbookGenerator {
    static final List<String> HEADERS = List.of("Operativo", "Número OT", "Cliente", "HBL", "MBL", "Contenedores",
            "Cantidad Contenedores", "Naviera", "Barco", "Estado", "Tipo Embarque", "Puerto Origen", "Puerto Destino",
            "ETD", "ETA", "ETA Confirmada", "Fecha Provisión", "Fecha Facturación", "Estado Provisión",
            "Estado Facturado", "Express Release", "Contra Entrega", "Solicitud Facturación", "Envío Cierre OT",
            "Fecha Creación", "Última Actualización", "Comentarios");

    private OtWorkbookGenerator() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        String prefix = args.length > 2 ? args[2] : "B";
        LocalDate base = LocalDate.of(2025, 1, 1);
        try (OutputStream os = Files.newOutputStream(out)) {
            Workbook wb = new Workbook(os, "nextops-bench", "1.0");
            Worksheet ws = wb.newWorksheet("OTs");
            for (int c = 0; c < HEADERS.size(); c++) {
                ws.inlineString(0, c, HEADERS.get(c));
            }
            for (int i = 0; i < rows; i++) {
                int r = i + 1;
                String numero = prefix + "-" + String.format("%07d", i);
                ws.inlineString(r, 0, "Operativo " + (i % 7));
                ws.inlineString(r, 1, numero);
                ws.inlineString(r, 2, "Cliente " + (i % 50) + " S.A. de C.V.");
                ws.inlineString(r, 3, "HBL" + numero);
                ws.inlineString(r, 4, "MBL" + numero);
                ws.inlineString(r, 5, String.format("MSCU%07d, TGHU%07d", i % 10_000_000, (i + 1) % 10_000_000));
                ws.value(r, 6, 2);
                ws.inlineString(r, 8, "MV Bench " + (i % 30));
                ws.inlineString(r, 9, i % 2 == 0 ? "Tránsito" : "Puerto");
                ws.inlineString(r, 10, i % 3 == 0 ? "LCL" : "FCL");
                ws.inlineString(r, 11, "Shanghai");
                ws.inlineString(r, 12, "Acajutla");
                date(ws, r, 13, base.plusDays(i % 300));
                date(ws, r, 14, base.plusDays(20 + i % 300));
                if (i % 4 == 0) {
                    date(ws, r, 15, base.plusDays(22 + i % 300));
                }
                if (i % 5 == 0) {
                    date(ws, r, 22, base.plusDays(40 + i % 300));
                }
                if (i % 1000 == 999) {
                    ws.flush();
                }
            }
            ws.finish();
            wb.finish();
        }
        System.out.println(out + ": " + rows + " rows, " + (Files.size(out) >> 10) + " KB");
    }

    private static void date(Worksheet ws, int r, int c, LocalDate d) {
        ws.value(r, c, d);
        ws.style(r, c).format("dd/mm/yyyy").set();
    }
}
