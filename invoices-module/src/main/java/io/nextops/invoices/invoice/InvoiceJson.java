package io.nextops.invoices.invoice;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An invoice as the original's serializer shows it: Spanish field names, money and confidence as decimal strings
 * ({@code "1500.00"}, DRF's default, exact), ISO dates, timestamps in ISO-8601 UTC. Written field by field to the
 * generator, so a page of 10,000 rows needs no intermediate tree. Immutable, thread-safe.
 */
record InvoiceJson(InvoiceRow r) implements JsonSerializable {

    @Override
    public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", r.id());
        g.writeStringField("numero_factura", r.invoiceNumber());
        date(g, "fecha_emision", r.issueDate());
        date(g, "fecha_vencimiento", r.dueDate());
        g.writeStringField("tipo_pago", r.paymentType());
        g.writeNumberField("dias_credito_aplicado", r.creditDaysApplied());
        g.writeBooleanField("alerta_vencimiento", r.dueSoonFlag());
        money(g, "monto_original", r.originalAmount());
        money(g, "monto", r.amount());
        money(g, "monto_aplicable", r.payableAmount());
        g.writeStringField("estado_pago", r.paymentStatus());
        money(g, "monto_pagado", r.amountPaid());
        money(g, "monto_pendiente", r.amountOutstanding());
        date(g, "fecha_pago", r.paymentDate());
        g.writeStringField("tipo_costo", r.costTypeCode());
        g.writeStringField("tipo_costo_display", r.costTypeDisplay());
        id(g, "proveedor", r.providerId());
        g.writeStringField("proveedor_nombre", r.providerName());
        g.writeStringField("proveedor_nit", r.providerTaxId());
        g.writeStringField("tipo_proveedor", r.providerType());
        g.writeStringField("proveedor_categoria", r.providerCategory());
        id(g, "ot", r.workOrderId());
        g.writeStringField("ot_number", r.workOrderNumber());
        if (r.workOrderId() == null || r.otNumber() == null) {
            g.writeNullField("ot_data");
        } else {
            g.writeObjectFieldStart("ot_data");
            g.writeNumberField("id", r.workOrderId());
            g.writeStringField("numero_ot", r.otNumber());
            g.writeStringField("cliente", r.clientName());
            g.writeStringField("master_bl", r.masterBl());
            g.writeFieldName("contenedores");
            g.writeRawValue(r.containersJson() == null ? "[]" : r.containersJson());
            g.writeStringField("naviera", r.carrierName());
            g.writeStringField("barco", r.vessel());
            g.writeEndObject();
        }
        g.writeStringField("estado_provision", r.provisionStatus());
        date(g, "fecha_provision", r.provisionDate());
        g.writeStringField("estado_facturacion", r.billingStatus());
        date(g, "fecha_facturacion", r.billingDate());
        g.writeBooleanField("requiere_revision", r.needsReview());
        g.writeStringField("confianza_match", r.matchConfidence().toPlainString());
        g.writeStringField("assignment_method", r.assignmentMethod());
        g.writeFieldName("referencias_detectadas");
        g.writeRawValue(r.detectedRefsJson());
        id(g, "uploaded_file", r.uploadedFileId());
        timestamp(g, "processed_at", r.processedAt());
        g.writeStringField("processed_by", r.processedBy());
        g.writeStringField("processing_source", r.source());
        g.writeStringField("notas", r.notes());
        timestamp(g, "created_at", r.createdAt());
        timestamp(g, "updated_at", r.updatedAt());
        g.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type) throws IOException {
        serialize(g, provider);
    }

    private static void money(JsonGenerator g, String name, BigDecimal v) throws IOException {
        g.writeStringField(name, v == null ? null : v.toPlainString());
    }

    private static void date(JsonGenerator g, String name, LocalDate v) throws IOException {
        g.writeStringField(name, v == null ? null : v.toString());
    }

    private static void id(JsonGenerator g, String name, Long v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void timestamp(JsonGenerator g, String name, OffsetDateTime v) throws IOException {
        g.writeStringField(name, v == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(v.withOffsetSameInstant(ZoneOffset.UTC)));
    }
}
