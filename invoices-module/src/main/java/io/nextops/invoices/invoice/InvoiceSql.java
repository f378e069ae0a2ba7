package io.nextops.invoices.invoice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The SQL text of the invoice reads: one joined select, the WHERE of an {@link InvoiceQuery}, the ORDER BY. */
final class InvoiceSql {
    /**
     * Must stay identical to the key of {@code invoices_invoice_default_order_idx} so that PostgreSQL reads the
     * default order from the index instead of sorting (see V2_3__invoices.sql).
     */
    static final String DEFAULT_ORDER = "i.provision_priority, i.fecha_emision DESC, i.created_at DESC, i.id DESC";

    static final String COLUMNS = """
            i.id, i.ot_id, i.ot_number, i.proveedor_id, i.proveedor_nit, i.proveedor_nombre, i.tipo_proveedor,
            i.proveedor_categoria, i.numero_factura, i.fecha_emision, i.tipo_pago, i.dias_credito_aplicado,
            i.fecha_vencimiento, i.alerta_vencimiento, i.monto_original, i.monto, i.monto_aplicable, i.tipo_costo,
            i.referencias_detectadas::text AS referencias_detectadas, i.confianza_match, i.assignment_method,
            i.requiere_revision, i.estado_provision, i.fecha_provision, i.estado_facturacion, i.fecha_facturacion,
            i.estado_pago, i.monto_pagado, i.monto_pendiente, i.fecha_pago, i.uploaded_file_id, i.processed_at,
            i.processed_by, i.processing_source, i.notas, i.created_at, i.updated_at,
            o.numero_ot AS ot_numero_ot, c.normalized_name AS ot_cliente, o.master_bl AS ot_master_bl,
            o.contenedores::text AS ot_contenedores, op.nombre AS ot_naviera, o.barco AS ot_barco,
            p.nombre AS proveedor_catalogo_nombre, ct.name AS tipo_costo_nombre
            """;

    /** Every join is to-one (FK or unique code), so rows are never multiplied and no DISTINCT is needed. */
    static final String FROM = """
             FROM invoices_invoice i
             LEFT JOIN ots o ON o.id = i.ot_id
             LEFT JOIN client_aliases c ON c.id = o.cliente_id
             LEFT JOIN catalogs_provider op ON op.id = o.proveedor_id
             LEFT JOIN catalogs_provider p ON p.id = i.proveedor_id
             LEFT JOIN catalogs_cost_type ct ON ct.code = i.tipo_costo AND ct.is_active AND NOT ct.is_deleted
            """;

    /** The joins of {@link #FROM}, after {@code invoices_invoice i}. */
    private static final String JOINS = FROM.substring(FROM.indexOf("LEFT JOIN"));

    private InvoiceSql() {}

    /**
     * The select of one page, as a deferred join: the page's ids are found on {@code invoices_invoice} alone (in the
     * order's index when there is one, skipping {@code :offset} entries without touching another table), and only
     * those {@code :limit} rows are joined. A plain {@code LIMIT/OFFSET} over the joins would join every skipped row
     * first: page 4,000 of 25 rows joined 100,000 rows to read 25. Same rows, same order (a total order: the order
     * ends with the id).
     */
    static String page(Where where, String orderBy) {
        return "SELECT " + COLUMNS + " FROM (SELECT i.id FROM invoices_invoice i" + where.sql() + orderBy
                + " LIMIT :limit OFFSET :offset) page JOIN invoices_invoice i ON i.id = page.id\n " + JOINS
                + orderBy;
    }

    /** A WHERE clause and its bindings. */
    record Where(String sql, Map<String, Object> binds) {}

    static Where where(InvoiceQuery q) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        clauses.add("i.is_deleted = false");
        if (!q.provisionStatuses().isEmpty()) {
            clauses.add("i.estado_provision = ANY(:estado_provision)");
            binds.put("estado_provision", q.provisionStatuses().toArray(String[]::new));
        }
        eq(clauses, binds, "i.estado_facturacion", "estado_facturacion", q.billingStatus());
        eq(clauses, binds, "i.estado_pago", "estado_pago", q.paymentStatus());
        if (q.excludePaid()) {
            clauses.add("i.estado_pago <> 'pagado_total'");
        }
        eq(clauses, binds, "i.requiere_revision", "requiere_revision", q.needsReview());
        eq(clauses, binds, "i.tipo_costo", "tipo_costo", q.costType());
        eq(clauses, binds, "i.proveedor_id", "proveedor", q.providerId());
        eq(clauses, binds, "i.ot_id", "ot", q.otId());
        contains(clauses, binds, "i.proveedor_nombre", "proveedor_nombre", q.providerName());
        contains(clauses, binds, "i.ot_number", "ot_number", q.otNumber());
        if (q.issuedFrom() != null) {
            clauses.add("i.fecha_emision >= :desde");
            binds.put("desde", q.issuedFrom());
        }
        if (q.issuedTo() != null) {
            clauses.add("i.fecha_emision <= :hasta");
            binds.put("hasta", q.issuedTo());
        }
        if (q.search() != null) {
            clauses.add("(i.numero_factura ILIKE :search ESCAPE '!' OR i.proveedor_nombre ILIKE :search ESCAPE '!'"
                    + " OR i.ot_number ILIKE :search ESCAPE '!' OR i.notas ILIKE :search ESCAPE '!')");
            binds.put("search", likeContains(q.search()));
        }
        return new Where(" WHERE " + String.join(" AND ", clauses), binds);
    }

    static String orderBy(InvoiceQuery q) {
        if (q.defaultOrder()) {
            return " ORDER BY " + DEFAULT_ORDER;
        }
        StringJoiner j = new StringJoiner(", ", " ORDER BY ", "");
        for (InvoiceQuery.Order o : q.ordering()) {
            j.add(InvoiceQuery.ORDERING_FIELDS.get(o.field()) + (o.descending() ? " DESC" : ""));
        }
        j.add("i.id DESC"); // a total order, so that pages never repeat or skip rows
        return j.toString();
    }

    /**
     * {@code %value%} with LIKE's wildcards and the escape character taken literally. The escape character is
     * {@code !}, not backslash: Jdbi's parser reads {@code '\'} as an escaped quote and would take the named
     * parameters after it for string content.
     */
    static String likeContains(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8).append('%');
        for (int k = 0; k < value.length(); k++) {
            char ch = value.charAt(k);
            if (ch == '%' || ch == '_' || ch == '!') {
                b.append('!');
            }
            b.append(ch);
        }
        return b.append('%').toString();
    }

    private static void eq(List<String> clauses, Map<String, Object> binds, String column, String name, Object value) {
        if (value != null) {
            clauses.add(column + " = :" + name);
            binds.put(name, value);
        }
    }

    private static void contains(List<String> clauses, Map<String, Object> binds, String column, String name,
                                 String value) {
        if (value != null) {
            clauses.add(column + " ILIKE :" + name + " ESCAPE '!'");
            binds.put(name, likeContains(value));
        }
    }
}
