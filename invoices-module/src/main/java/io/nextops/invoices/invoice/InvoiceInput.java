package io.nextops.invoices.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nextops.web.ApiException;
import io.nextops.web.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The JSON body of a create or update, checked field by field like the original's serializer: types, lengths,
 * choices, decimal digits and ranges, required fields. Every problem is collected and reported in one 400. Read-only
 * fields of the response (id, ot_number, computed dates and amounts, timestamps) are ignored when sent back, as DRF
 * does; any other unknown field is an error.
 */
final class InvoiceInput {
    /** What finanzas may change (reference 6); other roles need manager rights to update. */
    static final Set<String> FINANCE_FIELDS = Set.of(
            "estado_provision", "estado_facturacion", "estado_pago", "monto_pagado", "fecha_pago", "notas");

    static final Set<String> READ_ONLY = Set.of("id", "ot_number", "ot_data", "fecha_vencimiento",
            "dias_credito_aplicado", "alerta_vencimiento", "monto_pendiente", "tipo_costo_display", "uploaded_file",
            "processed_at", "created_at", "updated_at", "is_deleted", "deleted_at");

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private enum Kind { TEXT, CODE, CHOICE, DECIMAL, DATE, BOOL, ID, OBJECT }

    private record Field(Kind kind, boolean nullable, boolean blankOk, int maxLength, Set<String> choices,
                         BigDecimal min, BigDecimal max, int integerDigits, int scale, BiConsumer<Draft, Object> set) {}

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        text("numero_factura", 64, false, (d, v) -> d.invoiceNumber = (String) v);
        text("proveedor_nombre", 255, false, (d, v) -> d.providerName = (String) v);
        text("proveedor_nit", 64, true, (d, v) -> d.providerTaxId = (String) v);
        text("processed_by", 255, true, (d, v) -> d.processedBy = (String) v);
        text("notas", 65_535, true, (d, v) -> d.notes = (String) v);
        FIELDS.put("tipo_costo", new Field(Kind.CODE, false, false, 50, null, null, null, 0, 0,
                (d, v) -> d.costTypeCode = (String) v));
        choice("tipo_proveedor", InvoiceLabels.PROVIDER_TYPE.keySet(), (d, v) -> d.providerType = (String) v);
        choice("proveedor_categoria", InvoiceLabels.PROVIDER_CATEGORY.keySet(), (d, v) -> d.providerCategory = (String) v);
        choice("tipo_pago", InvoiceLabels.PAYMENT_TYPE.keySet(), (d, v) -> d.paymentType = (String) v);
        choice("estado_provision", InvoiceLabels.PROVISION_STATUS.keySet(), (d, v) -> d.provisionStatus = (String) v);
        choice("estado_facturacion", InvoiceLabels.BILLING_STATUS.keySet(), (d, v) -> d.billingStatus = (String) v);
        choice("estado_pago", InvoiceLabels.PAYMENT_STATUS.keySet(), (d, v) -> d.paymentStatus = (String) v);
        choice("processing_source", InvoiceLabels.PROCESSING_SOURCE.keySet(), (d, v) -> d.source = (String) v);
        FIELDS.put("assignment_method", new Field(Kind.CHOICE, false, true, 32,
                InvoiceLabels.ASSIGNMENT_METHOD.keySet(), null, null, 0, 0, (d, v) -> d.assignmentMethod = (String) v));
        decimal("monto", false, "0.01", 10, 2, (d, v) -> d.amount = (BigDecimal) v);
        decimal("monto_original", true, "0", 10, 2, (d, v) -> d.originalAmount = (BigDecimal) v);
        decimal("monto_aplicable", true, "0", 10, 2, (d, v) -> d.payableAmount = (BigDecimal) v);
        decimal("monto_pagado", false, "0", 13, 2, (d, v) -> d.amountPaid = (BigDecimal) v);
        FIELDS.put("confianza_match", new Field(Kind.DECIMAL, false, false, 0, null, BigDecimal.ZERO, BigDecimal.ONE,
                1, 3, (d, v) -> d.matchConfidence = (BigDecimal) v));
        date("fecha_emision", false, (d, v) -> d.issueDate = (LocalDate) v);
        date("fecha_provision", true, (d, v) -> d.provisionDate = (LocalDate) v);
        date("fecha_facturacion", true, (d, v) -> d.billingDate = (LocalDate) v);
        date("fecha_pago", true, (d, v) -> d.paymentDate = (LocalDate) v);
        FIELDS.put("requiere_revision", new Field(Kind.BOOL, false, false, 0, null, null, null, 0, 0,
                (d, v) -> d.needsReview = (Boolean) v));
        FIELDS.put("proveedor", new Field(Kind.ID, true, false, 0, null, null, null, 0, 0,
                (d, v) -> d.providerId = (Long) v));
        FIELDS.put("ot", new Field(Kind.ID, true, false, 0, null, null, null, 0, 0, (d, v) -> d.otId = (Long) v));
        FIELDS.put("referencias_detectadas", new Field(Kind.OBJECT, false, false, 0, null, null, null, 0, 0,
                (d, v) -> d.detectedRefsJson = (String) v));
    }

    private final Map<String, Object> values;

    private InvoiceInput(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Checks {@code body}; {@code partial} for PATCH (no field required). Throws a validation ApiException listing
     * every bad field.
     */
    static InvoiceInput parse(ObjectNode body, boolean partial) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            Field f = FIELDS.get(name);
            if (f == null) {
                if (!READ_ONLY.contains(name)) {
                    errors.add(new FieldError(name.length() > 64 ? name.substring(0, 64) : name, "Unknown field."));
                }
                continue;
            }
            String problem = read(name, f, e.getValue(), values);
            if (problem != null) {
                errors.add(new FieldError(name, problem));
            }
        }
        if (!partial) {
            for (String required : List.of("numero_factura", "fecha_emision", "monto")) {
                if (!body.has(required)) {
                    errors.add(new FieldError(required, "This field is required."));
                }
            }
            if (!body.has("proveedor_nombre") && values.get("proveedor") == null) {
                errors.add(new FieldError("proveedor_nombre", "This field is required (or give proveedor)."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new InvoiceInput(values);
    }

    /** The fields the body sets (for the role check). */
    Set<String> fields() {
        return values.keySet();
    }

    boolean has(String field) {
        return values.containsKey(field);
    }

    void applyTo(Draft d) {
        values.forEach((name, v) -> FIELDS.get(name).set().accept(d, v));
    }

    /** The value for {@code f}, stored in {@code out}; or the problem. */
    private static String read(String name, Field f, JsonNode n, Map<String, Object> out) {
        if (n.isNull()) {
            if (!f.nullable()) {
                return "This field may not be null.";
            }
            out.put(name, null);
            return null;
        }
        switch (f.kind()) {
            case TEXT, CODE, CHOICE -> {
                if (!n.isTextual()) {
                    return "Not a valid string.";
                }
                String s = n.textValue().strip();
                if (s.indexOf('\0') >= 0) {
                    return "Null characters are not allowed.";
                }
                if (s.isEmpty() && !f.blankOk()) {
                    return "This field may not be blank.";
                }
                if (f.kind() == Kind.CODE) {
                    s = s.toUpperCase(Locale.ROOT).replaceAll("\\s+", "_");
                }
                if (f.kind() == Kind.CHOICE && !s.isEmpty() && !f.choices().contains(s)) {
                    return "\"" + abbreviate(s) + "\" is not a valid choice.";
                }
                if (s.codePointCount(0, s.length()) > f.maxLength()) {
                    return "Ensure this field has no more than " + f.maxLength() + " characters.";
                }
                out.put(name, s);
                return null;
            }
            case DECIMAL -> {
                BigDecimal v;
                try {
                    v = n.isNumber() ? n.decimalValue() : n.isTextual() ? new BigDecimal(n.textValue().strip()) : null;
                } catch (NumberFormatException e) {
                    v = null;
                }
                if (v == null) {
                    return "A valid number is required.";
                }
                BigDecimal stripped = v.stripTrailingZeros();
                if (stripped.scale() > f.scale()) {
                    return "Ensure that there are no more than " + f.scale() + " decimal places.";
                }
                if (stripped.precision() - stripped.scale() > f.integerDigits()) {
                    return "Ensure that there are no more than " + f.integerDigits() + " digits before the decimal point.";
                }
                if (f.min() != null && v.compareTo(f.min()) < 0) {
                    return "Ensure this value is greater than or equal to " + f.min().toPlainString() + ".";
                }
                if (f.max() != null && v.compareTo(f.max()) > 0) {
                    return "Ensure this value is less than or equal to " + f.max().toPlainString() + ".";
                }
                out.put(name, v.setScale(f.scale()));
                return null;
            }
            case DATE -> {
                if (!n.isTextual() || !ISO_DATE.matcher(n.textValue()).matches()) {
                    return "Date has wrong format. Use YYYY-MM-DD.";
                }
                try {
                    out.put(name, LocalDate.parse(n.textValue()));
                    return null;
                } catch (DateTimeParseException e) {
                    return "Date has wrong format. Use YYYY-MM-DD.";
                }
            }
            case BOOL -> {
                if (!n.isBoolean()) {
                    return "Must be a valid boolean.";
                }
                out.put(name, n.booleanValue());
                return null;
            }
            case ID -> {
                long id = n.isIntegralNumber() && n.canConvertToLong() ? n.longValue()
                        : n.isTextual() && n.textValue().matches("\\d{1,18}") ? Long.parseLong(n.textValue()) : -1;
                if (id < 1) {
                    return "Incorrect type. Expected pk value.";
                }
                out.put(name, id);
                return null;
            }
            case OBJECT -> {
                if (!n.isObject()) {
                    return "Expected a JSON object.";
                }
                String json = n.toString();
                if (json.indexOf("\\u0000") >= 0) {
                    return "Null characters are not allowed.";
                }
                out.put(name, json);
                return null;
            }
            default -> throw new IllegalStateException("kind " + f.kind());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private static void text(String name, int max, boolean blankOk, BiConsumer<Draft, Object> set) {
        FIELDS.put(name, new Field(Kind.TEXT, false, blankOk, max, null, null, null, 0, 0, set));
    }

    private static void choice(String name, Set<String> choices, BiConsumer<Draft, Object> set) {
        FIELDS.put(name, new Field(Kind.CHOICE, false, false, 32, choices, null, null, 0, 0, set));
    }

    private static void decimal(String name, boolean nullable, String min, int integerDigits, int scale,
                                BiConsumer<Draft, Object> set) {
        FIELDS.put(name, new Field(Kind.DECIMAL, nullable, false, 0, null, new BigDecimal(min), null, integerDigits,
                scale, set));
    }

    private static void date(String name, boolean nullable, BiConsumer<Draft, Object> set) {
        FIELDS.put(name, new Field(Kind.DATE, nullable, false, 0, null, null, null, 0, 0, set));
    }
}
