package io.nextops.ots.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The original's {@code row_hash}: SHA-256 (lower-case hex) of the sorted-key JSON of 21 fields of an imported row,
 * lists sorted and dates as ISO strings, serialized as Python's {@code json.dumps(data, sort_keys=True)} does
 * ({@code ", "} and {@code ": "} separators, non-ASCII escaped as backslash-u and four hex digits), so hashes written by the original
 * still match. Thread-safe (stateless).
 */
final class RowHash {
    /** The fields hashed, as the original names them. */
    static final List<String> FIELDS = List.of("cliente_name", "proveedor_name", "operativo", "tipo_operacion",
            "master_bl", "house_bls", "contenedores", "fecha_eta", "fecha_llegada", "etd", "puerto_origen",
            "puerto_destino", "tipo_embarque", "barco", "express_release_fecha", "contra_entrega_fecha",
            "fecha_solicitud_facturacion", "fecha_recepcion_factura", "envio_cierre_ot", "fecha_provision", "estado");

    private RowHash() {}

    /** The hash of {@code row}. */
    static String of(ParsedRow row) {
        Map<String, Object> m = new TreeMap<>();
        m.put("cliente_name", row.cliente());
        m.put("proveedor_name", row.naviera());
        m.put("operativo", row.operativo());
        m.put("tipo_operacion", row.tipoOperacion());
        m.put("master_bl", row.masterBl());
        m.put("house_bls", row.houseBls());
        m.put("contenedores", row.contenedores());
        m.put("fecha_eta", row.fechaEta());
        m.put("fecha_llegada", row.fechaLlegada());
        m.put("etd", row.etd());
        m.put("puerto_origen", row.puertoOrigen());
        m.put("puerto_destino", row.puertoDestino());
        m.put("tipo_embarque", row.tipoEmbarque());
        m.put("barco", row.barco());
        m.put("express_release_fecha", row.expressReleaseFecha());
        m.put("contra_entrega_fecha", row.contraEntregaFecha());
        m.put("fecha_solicitud_facturacion", row.fechaSolicitudFacturacion());
        m.put("fecha_recepcion_factura", row.fechaRecepcionFactura());
        m.put("envio_cierre_ot", row.envioCierreOt());
        m.put("fecha_provision", row.fechaProvision());
        m.put("estado", row.estado());
        return sha256(json(m));
    }

    /** Python-compatible {@code json.dumps(m, sort_keys=True)} of strings, dates, string lists and nulls. */
    static String json(Map<String, Object> sorted) {
        StringBuilder sb = new StringBuilder(512).append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            string(sb, e.getKey());
            sb.append(": ");
            value(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    private static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof LocalDate d) {
            string(sb, d.toString());
        } else if (v instanceof List<?> list) {
            List<String> sorted = new ArrayList<>();
            list.forEach(o -> sorted.add(String.valueOf(o)));
            sorted.sort(null);
            sb.append('[');
            for (int i = 0; i < sorted.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                string(sb, sorted.get(i));
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
