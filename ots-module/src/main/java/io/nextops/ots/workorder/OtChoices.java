package io.nextops.ots.workorder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The OT enums (value to label, as the original's choices) and the filter aliases of {@code estado}. */
public final class OtChoices {
    private OtChoices() {}

    /** {@code estado} values and labels, the legacy values included. */
    public static final Map<String, String> ESTADOS = ordered(
            "almacenadora", "Almacenadora", "bodega", "Bodega", "cerrada", "Cerrada",
            "desprendimiento", "Desprendimiento", "disputa", "Disputa", "en_rada", "En Rada",
            "fact_adicionales", "Fact Adicionales", "finalizada", "Finalizada", "puerto", "Puerto",
            "transito", "Tránsito", "pendiente", "Pendiente", "entregado", "Entregado", "facturado", "Facturado",
            "cerrado", "Cerrado", "cancelado", "Cancelado");

    /** Other spellings the {@code ?estado=} filter accepts (lower-cased), and the value each stands for. */
    public static final Map<String, String> ESTADO_ALIASES = Map.of(
            "en_transito", "transito", "tránsito", "transito", "en tránsito", "transito", "transit", "transito",
            "en rada", "en_rada", "rada", "en_rada",
            "fact adicionales", "fact_adicionales", "facturacion adicional", "fact_adicionales");

    public static final Map<String, String> TIPOS_OPERACION = ordered(
            "importacion", "Importación", "exportacion", "Exportación");

    public static final Map<String, String> ESTADOS_PROVISION = ordered(
            "pendiente", "Pendiente", "provisionada", "Provisionada", "revision", "En Revisión",
            "disputada", "Disputada");

    public static final Map<String, String> ESTADOS_FACTURADO = ordered(
            "pendiente", "Pendiente", "facturado", "Facturado");

    /** Values of the {@code *_source} fields and {@code provision_source} ('' = never written). */
    public static final Set<String> SOURCES = Set.of("", "manual", "csv", "excel");

    /** Fields the {@code finanzas} role may change with PUT or PATCH. */
    public static final Set<String> FINANCE_FIELDS = Set.of("estado", "estado_provision", "estado_facturado",
            "fecha_provision", "fecha_recepcion_factura", "provision_hierarchy", "comentarios");

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
