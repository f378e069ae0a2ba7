package io.nextops.invoices.invoice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The invoice enums of the original (reference 1.3): stored value to display label, in declaration order. The key sets
 * are the accepted values; the labels are what exports and the web client show. Thread-safe (immutable).
 *
 * <pre>{@code
 * String label = InvoiceLabels.PROVISION_STATUS.getOrDefault(row.provisionStatus(), row.provisionStatus());
 * }</pre>
 */
public final class InvoiceLabels {
    public static final Map<String, String> PROVIDER_TYPE = of(
            "naviera", "Naviera", "agente_local", "Agente Local", "agencia_aduanal", "Agencia Aduanal",
            "agente_origen", "Agente de Origen", "aseguradora", "Aseguradora", "aerolinea", "Aerolínea",
            "consolidadora", "Consolidadora", "almacenadora", "Almacenadora", "transportista", "Transportista",
            "otro", "Otro");
    public static final Map<String, String> PROVIDER_CATEGORY = of("local", "Local", "internacional", "Internacional");
    public static final Map<String, String> PAYMENT_TYPE = of("contado", "Contado", "credito", "Crédito");
    public static final Map<String, String> PROVISION_STATUS = of(
            "pendiente", "Pendiente", "revision", "En Revisión", "disputada", "Disputada",
            "provisionada", "Provisionada", "anulada", "Anulada", "anulada_parcialmente", "Anulada Parcialmente",
            "rechazada", "Rechazada");
    public static final Map<String, String> BILLING_STATUS = of("pendiente", "Pendiente", "facturada", "Facturada");
    public static final Map<String, String> PAYMENT_STATUS = of(
            "pendiente", "Pendiente de Pago", "pagado_parcial", "Pagado Parcialmente", "pagado_total", "Pagado Totalmente");
    public static final Map<String, String> ASSIGNMENT_METHOD = of(
            "ot_directa", "OT Directa", "mbl_contenedor", "MBL + Contenedor", "solo_mbl", "Solo MBL",
            "solo_contenedor", "Solo Contenedor", "proveedor_fecha", "Proveedor + Fecha", "manual", "Asignación Manual",
            "no_match", "Sin Match");
    /** Declared choices only; the database also accepts {@code upload_auto}, which the original's upload writes. */
    public static final Map<String, String> PROCESSING_SOURCE = of(
            "email_auto", "Email Automático", "upload_manual", "Upload Manual", "csv_import", "Importación CSV");
    /** Legacy cost-type labels, the display fallback when no active cost type has the code. */
    public static final Map<String, String> LEGACY_COST_TYPE = of(
            "FLETE", "Flete", "CARGOS_NAVIERA", "Cargos de Naviera", "TRANSPORTE", "Transporte", "ADUANA", "Aduana",
            "ALMACENAJE", "Almacenaje", "DEMORA", "Demora", "OTRO", "Otro");

    private InvoiceLabels() {}

    private static Map<String, String> of(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
