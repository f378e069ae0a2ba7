package io.nextops.invoices.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One live invoice with what its list and export rows show from related tables, all read by one joined query
 * ({@link InvoiceRepository#stream}): the OT (number, client, MBL, containers, carrier, vessel), the catalog provider
 * and the cost type name. Column names of the original are in the comments. Immutable, thread-safe.
 *
 * @param id id
 * @param workOrderId ot_id, or null
 * @param workOrderNumber ot_number (copy of the OT number; may be set without an OT by uploads)
 * @param providerId proveedor_id, or null
 * @param providerTaxId proveedor_nit
 * @param providerName proveedor_nombre (free text on the invoice)
 * @param providerType tipo_proveedor
 * @param providerCategory proveedor_categoria
 * @param invoiceNumber numero_factura
 * @param issueDate fecha_emision
 * @param paymentType tipo_pago
 * @param creditDaysApplied dias_credito_aplicado
 * @param dueDate fecha_vencimiento, or null
 * @param dueSoonFlag alerta_vencimiento
 * @param originalAmount monto_original, or null
 * @param amount monto
 * @param payableAmount monto_aplicable
 * @param costTypeCode tipo_costo
 * @param detectedRefsJson referencias_detectadas as JSON text
 * @param matchConfidence confianza_match
 * @param assignmentMethod assignment_method
 * @param needsReview requiere_revision
 * @param provisionStatus estado_provision
 * @param provisionDate fecha_provision, or null
 * @param billingStatus estado_facturacion
 * @param billingDate fecha_facturacion, or null
 * @param paymentStatus estado_pago
 * @param amountPaid monto_pagado
 * @param amountOutstanding monto_pendiente
 * @param paymentDate fecha_pago, or null
 * @param uploadedFileId uploaded_file_id, or null (invoices created through the JSON API)
 * @param processedAt processed_at, or null
 * @param processedBy processed_by
 * @param source processing_source
 * @param notes notas
 * @param createdAt created_at
 * @param updatedAt updated_at
 * @param otNumber the OT's numero_ot, or null without OT
 * @param clientName the OT client's normalized_name, or null
 * @param masterBl the OT's master_bl, or null
 * @param containersJson the OT's contenedores as JSON array text, or null
 * @param carrierName the OT provider's nombre ("Naviera"), or null
 * @param vessel the OT's barco, or null
 * @param catalogProviderName the catalog provider's nombre, or null
 * @param costTypeName the active cost type's name for the code, or null
 */
public record InvoiceRow(
        long id, Long workOrderId, String workOrderNumber, Long providerId, String providerTaxId, String providerName,
        String providerType, String providerCategory, String invoiceNumber, LocalDate issueDate, String paymentType,
        int creditDaysApplied, LocalDate dueDate, boolean dueSoonFlag, BigDecimal originalAmount, BigDecimal amount,
        BigDecimal payableAmount, String costTypeCode, String detectedRefsJson, BigDecimal matchConfidence,
        String assignmentMethod, boolean needsReview, String provisionStatus, LocalDate provisionDate,
        String billingStatus, LocalDate billingDate, String paymentStatus, BigDecimal amountPaid,
        BigDecimal amountOutstanding, LocalDate paymentDate, Long uploadedFileId, OffsetDateTime processedAt,
        String processedBy, String source, String notes, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        String otNumber, String clientName, String masterBl, String containersJson, String carrierName, String vessel,
        String catalogProviderName, String costTypeName) {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    public InvoiceRow {
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(amount, "amount");
    }

    /** The cost type as the original displays it: active cost type name, else the legacy label, else the code. */
    public String costTypeDisplay() {
        if (costTypeName != null) {
            return costTypeName;
        }
        return InvoiceLabels.LEGACY_COST_TYPE.getOrDefault(costTypeCode, costTypeCode);
    }

    /** The provider as exports show it: the catalog provider's name, else the invoice's free-text name. */
    public String providerDisplayName() {
        return catalogProviderName != null ? catalogProviderName : providerName;
    }

    /** The OT's container numbers as stored (not normalized), empty without OT; parsed on each call. */
    public List<String> otContainers() {
        if (containersJson == null || containersJson.isEmpty()) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            PLAIN.readTree(containersJson).forEach(n -> out.add(n.isTextual() ? n.textValue() : n.toString()));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ots.contenedores of invoice " + id + " is not JSON: " + containersJson, e);
        }
    }
}
