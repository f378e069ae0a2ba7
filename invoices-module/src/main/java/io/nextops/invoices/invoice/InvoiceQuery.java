package io.nextops.invoices.invoice;

import io.nextops.web.route.Param;
import io.nextops.web.Params;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The filters and order of an invoice list (reference 2.1), shared by the list endpoint and the exports so that both
 * select and order exactly the same rows. Every value is bound as a parameter; nothing here becomes SQL text except
 * the whitelisted ordering columns. Null or empty means "no filter". Immutable, thread-safe.
 *
 * <pre>{@code
 * Params params = call.params();                      // the route's declared parameters
 * InvoiceQuery query = InvoiceQuery.from(params);
 * params.validate();                                   // 400 listing every bad parameter
 * }</pre>
 *
 * @param provisionStatuses estado_provision (comma-separated: IN list)
 * @param billingStatus estado_facturacion
 * @param paymentStatus estado_pago
 * @param excludePaid excluir_pagadas=true: estado_pago != pagado_total
 * @param needsReview requiere_revision: {@code true} for "true", false for any other value, null when absent
 * @param costType tipo_costo, exact code
 * @param providerId proveedor (id)
 * @param providerName proveedor_nombre, case-insensitive contains
 * @param otNumber ot_number, case-insensitive contains
 * @param otId ot or ot_id
 * @param issuedFrom fecha_emision_desde or fecha_desde, inclusive
 * @param issuedTo fecha_emision_hasta or fecha_hasta, inclusive
 * @param search case-insensitive contains on numero_factura, proveedor_nombre, ot_number or notas
 * @param ordering explicit order (the {@code ordering} parameter); empty for the default order
 */
public record InvoiceQuery(
        List<String> provisionStatuses, String billingStatus, String paymentStatus, boolean excludePaid,
        Boolean needsReview, String costType, Long providerId, String providerName, String otNumber, Long otId,
        LocalDate issuedFrom, LocalDate issuedTo, String search, List<Order> ordering) {

    /**
     * One ordering term.
     *
     * @param field a key of {@link #ORDERING_FIELDS} (the JSON field name)
     * @param descending true for a {@code -} prefix
     */
    public record Order(String field, boolean descending) {
        public Order {
            if (!ORDERING_FIELDS.containsKey(field)) {
                throw new IllegalArgumentException("field must be one of " + ORDERING_FIELDS.keySet() + ", was " + field);
            }
        }
    }

    /** Orderable fields (plain fields of the serializer) and their column. */
    public static final Map<String, String> ORDERING_FIELDS = Map.ofEntries(
            Map.entry("id", "i.id"), Map.entry("numero_factura", "i.numero_factura"),
            Map.entry("fecha_emision", "i.fecha_emision"), Map.entry("fecha_vencimiento", "i.fecha_vencimiento"),
            Map.entry("fecha_provision", "i.fecha_provision"), Map.entry("fecha_facturacion", "i.fecha_facturacion"),
            Map.entry("fecha_pago", "i.fecha_pago"), Map.entry("monto", "i.monto"),
            Map.entry("monto_original", "i.monto_original"), Map.entry("monto_aplicable", "i.monto_aplicable"),
            Map.entry("monto_pagado", "i.monto_pagado"), Map.entry("monto_pendiente", "i.monto_pendiente"),
            Map.entry("proveedor", "i.proveedor_id"), Map.entry("proveedor_nombre", "i.proveedor_nombre"),
            Map.entry("proveedor_nit", "i.proveedor_nit"), Map.entry("tipo_proveedor", "i.tipo_proveedor"),
            Map.entry("proveedor_categoria", "i.proveedor_categoria"), Map.entry("ot", "i.ot_id"),
            Map.entry("ot_number", "i.ot_number"), Map.entry("tipo_costo", "i.tipo_costo"),
            Map.entry("tipo_pago", "i.tipo_pago"), Map.entry("dias_credito_aplicado", "i.dias_credito_aplicado"),
            Map.entry("alerta_vencimiento", "i.alerta_vencimiento"), Map.entry("estado_provision", "i.estado_provision"),
            Map.entry("estado_facturacion", "i.estado_facturacion"), Map.entry("estado_pago", "i.estado_pago"),
            Map.entry("requiere_revision", "i.requiere_revision"), Map.entry("confianza_match", "i.confianza_match"),
            Map.entry("assignment_method", "i.assignment_method"), Map.entry("processing_source", "i.processing_source"),
            Map.entry("processed_at", "i.processed_at"), Map.entry("created_at", "i.created_at"),
            Map.entry("updated_at", "i.updated_at"));

    /** The query parameters {@link #from} reads, for the route table. */
    public static final List<Param> PARAMS = List.of(
            Param.choiceList("estado_provision", InvoiceLabels.PROVISION_STATUS.keySet(), "comma-separated (IN)"),
            Param.choice("estado_facturacion", InvoiceLabels.BILLING_STATUS.keySet(), "exact"),
            Param.choice("estado_pago", InvoiceLabels.PAYMENT_STATUS.keySet(), "exact"),
            Param.flag("excluir_pagadas", "true: leaves out estado_pago=pagado_total"),
            Param.flag("requiere_revision", "true matches true; any other value matches false"),
            Param.text("tipo_costo", "cost type code, exact"),
            Param.id("proveedor", "provider id, exact"),
            Param.text("proveedor_nombre", "contained in proveedor_nombre, case-insensitive"),
            Param.text("ot_number", "contained in ot_number, case-insensitive"),
            Param.id("ot", "OT id, exact (alias ot_id)"),
            Param.id("ot_id", "alias of ot"),
            Param.date("fecha_emision_desde", "issue date >= (alias fecha_desde)"),
            Param.date("fecha_desde", "alias of fecha_emision_desde"),
            Param.date("fecha_emision_hasta", "issue date <= (alias fecha_hasta)"),
            Param.date("fecha_hasta", "alias of fecha_emision_hasta"),
            Param.text("search", "contained in numero_factura, proveedor_nombre, ot_number or notas, case-insensitive"),
            Param.ordering("ordering", ORDERING_FIELDS.keySet(), "comma-separated fields, each optionally prefixed "
                    + "with -; replaces the default order (provision-status priority, -fecha_emision, -created_at); "
                    + "ties broken by -id"));

    public InvoiceQuery {
        provisionStatuses = List.copyOf(provisionStatuses);
        ordering = List.copyOf(ordering);
        for (String s : provisionStatuses) {
            if (!InvoiceLabels.PROVISION_STATUS.containsKey(s)) {
                throw new IllegalArgumentException("provisionStatuses must hold known statuses, was " + s);
            }
        }
        if (billingStatus != null && !InvoiceLabels.BILLING_STATUS.containsKey(billingStatus)) {
            throw new IllegalArgumentException("billingStatus must be a known status, was " + billingStatus);
        }
        if (paymentStatus != null && !InvoiceLabels.PAYMENT_STATUS.containsKey(paymentStatus)) {
            throw new IllegalArgumentException("paymentStatus must be a known status, was " + paymentStatus);
        }
    }

    /** Every live invoice in the default order. */
    public static InvoiceQuery all() {
        return new InvoiceQuery(List.of(), null, null, false, null, null, null, null, null, null, null, null, null,
                List.of());
    }

    /**
     * Reads the list parameters of reference 2.1. Bad values are recorded in {@code params} (call
     * {@link Params#validate()} next) and the filter is left out.
     */
    public static InvoiceQuery from(Params params) {
        List<String> provision = params.csvOneOf("estado_provision", InvoiceLabels.PROVISION_STATUS.keySet());
        String billing = params.oneOf("estado_facturacion", InvoiceLabels.BILLING_STATUS.keySet());
        String payment = params.oneOf("estado_pago", InvoiceLabels.PAYMENT_STATUS.keySet());
        String excl = params.text("excluir_pagadas");
        String review = params.text("requiere_revision");
        Long otId = params.id("ot");
        if (otId == null) {
            otId = params.id("ot_id");
        }
        return new InvoiceQuery(provision, billing, payment, "true".equalsIgnoreCase(excl),
                review == null ? null : "true".equalsIgnoreCase(review), params.text("tipo_costo"),
                params.id("proveedor"), params.text("proveedor_nombre"), params.text("ot_number"), otId,
                params.date("fecha_emision_desde", "fecha_desde"), params.date("fecha_emision_hasta", "fecha_hasta"),
                params.text("search"), ordering(params));
    }

    private static List<Order> ordering(Params params) {
        List<Order> out = new ArrayList<>();
        for (String t : params.ordering("ordering", ORDERING_FIELDS.keySet())) {
            boolean desc = t.startsWith("-");
            out.add(new Order(desc ? t.substring(1) : t, desc));
        }
        return out;
    }

    /** True when no explicit ordering was asked for, so the default (index-backed) order applies. */
    public boolean defaultOrder() {
        return ordering.isEmpty();
    }
}
