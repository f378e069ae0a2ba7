package io.nextops.server.imports;

import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Test workbooks in the OT export's 27 columns (written with fastexcel, inline strings) and multipart uploads. */
final class OtSheets {
    static final List<String> HEADERS = List.of("Operativo", "Número OT", "Cliente", "HBL", "MBL", "Contenedores",
            "Cantidad Contenedores", "Naviera", "Barco", "Estado", "Tipo Embarque", "Puerto Origen", "Puerto Destino",
            "ETD", "ETA", "ETA Confirmada", "Fecha Provisión", "Fecha Facturación", "Estado Provisión",
            "Estado Facturado", "Express Release", "Contra Entrega", "Solicitud Facturación", "Envío Cierre OT",
            "Fecha Creación", "Última Actualización", "Comentarios");

    private OtSheets() {}

    /** A row in the 27 columns: the given values, the rest empty. */
    static Object[] row(String operativo, String numero, String cliente, String containers, String naviera,
                        String barco, String estado, Object eta) {
        Object[] r = new Object[HEADERS.size()];
        r[0] = operativo;
        r[1] = numero;
        r[2] = cliente;
        r[3] = "HBL-" + numero;
        r[4] = "MBL-" + numero;
        r[5] = containers;
        r[7] = naviera;
        r[8] = barco;
        r[9] = estado;
        r[10] = "FCL";
        r[11] = "Shanghai";
        r[12] = "Acajutla";
        r[13] = LocalDate.of(2025, 1, 10);
        r[14] = eta;
        return r;
    }

    static Path xlsx(Path dir, List<String> headers, List<Object[]> rows) {
        return xlsx(dir, headers, rows.size(), rows::get);
    }

    /** Writes {@code count} rows made by {@code rows} under {@code headers} to a new .xlsx in {@code dir}. */
    static Path xlsx(Path dir, List<String> headers, int count, IntFunction<Object[]> rows) {
        Path file = dir.resolve("ots-" + UUID.randomUUID() + ".xlsx");
        try (OutputStream os = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(os, "test", "1.0");
            Worksheet ws = wb.newWorksheet("OTs");
            for (int c = 0; c < headers.size(); c++) {
                ws.inlineString(0, c, headers.get(c));
            }
            for (int i = 0; i < count; i++) {
                Object[] r = rows.apply(i);
                for (int c = 0; c < r.length; c++) {
                    Object v = r[c];
                    if (v instanceof String s) {
                        ws.inlineString(i + 1, c, s);
                    } else if (v instanceof LocalDate d) {
                        ws.value(i + 1, c, d);
                        ws.style(i + 1, c).format("dd/mm/yyyy").set();
                    } else if (v instanceof Number n) {
                        ws.value(i + 1, c, n);
                    }
                }
                if (i % 1000 == 999) {
                    ws.flush();
                }
            }
            ws.finish();
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** POSTs {@code files} (name, content) with {@code tipos} (null to leave it out) as {@code role}. */
    static HttpResponse<String> upload(TestServer server, Role role, String tipos, Object... nameAndContent) {
        String boundary = "----nextops" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            String name = (String) nameAndContent[i];
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                    + "name=\"files\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                    StandardCharsets.UTF_8));
            Object content = nameAndContent[i + 1];
            try {
                parts.add(content instanceof Path p ? HttpRequest.BodyPublishers.ofFile(p)
                        : HttpRequest.BodyPublishers.ofByteArray((byte[]) content));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            parts.add(HttpRequest.BodyPublishers.ofString("\r\n"));
        }
        if (tipos != null) {
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                    + "name=\"tipos_operacion\"\r\n\r\n" + tipos + "\r\n", StandardCharsets.UTF_8));
        }
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
        HttpRequest.Builder b = role == null
                ? HttpRequest.newBuilder(server.uri("/api/ots/import_excel/"))
                : server.request("/api/ots/import_excel/", role);
        return server.send(b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build());
    }
}
