package io.nextops.invoices.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The writable columns of one invoice while a save is being prepared: filled from the stored row (or defaults),
 * changed by the request, completed by {@link SaveRules}, then written in one statement. Mutable on purpose (a PATCH
 * changes a few of forty fields); it never leaves this package. Not thread-safe.
 */
final class Draft {
    Long otId;
    String otNumber = "";
    Long providerId;
    String providerTaxId = "";
    String providerName;
    String providerType = "otro";
    String providerCategory = "local";
    String invoiceNumber;
    LocalDate issueDate;
    String paymentType = "contado";
    int creditDaysApplied;
    LocalDate dueDate;
    boolean dueSoonFlag;
    BigDecimal originalAmount;
    BigDecimal amount;
    BigDecimal payableAmount;
    String costTypeCode = "OTRO";
    String detectedRefsJson = "{}";
    BigDecimal matchConfidence = BigDecimal.ZERO;
    String assignmentMethod = "";
    boolean needsReview = true;
    String provisionStatus = "pendiente";
    LocalDate provisionDate;
    String billingStatus = "pendiente";
    LocalDate billingDate;
    String paymentStatus = "pendiente";
    BigDecimal amountPaid = BigDecimal.ZERO;
    BigDecimal amountOutstanding = BigDecimal.ZERO;
    LocalDate paymentDate;
    String processedBy = "system";
    String source = "upload_manual";
    String notes = "";

    static Draft of(InvoiceRow r) {
        Draft d = new Draft();
        d.otId = r.workOrderId();
        d.otNumber = r.workOrderNumber();
        d.providerId = r.providerId();
        d.providerTaxId = r.providerTaxId();
        d.providerName = r.providerName();
        d.providerType = r.providerType();
        d.providerCategory = r.providerCategory();
        d.invoiceNumber = r.invoiceNumber();
        d.issueDate = r.issueDate();
        d.paymentType = r.paymentType();
        d.creditDaysApplied = r.creditDaysApplied();
        d.dueDate = r.dueDate();
        d.dueSoonFlag = r.dueSoonFlag();
        d.originalAmount = r.originalAmount();
        d.amount = r.amount();
        d.payableAmount = r.payableAmount();
        d.costTypeCode = r.costTypeCode();
        d.detectedRefsJson = r.detectedRefsJson();
        d.matchConfidence = r.matchConfidence();
        d.assignmentMethod = r.assignmentMethod();
        d.needsReview = r.needsReview();
        d.provisionStatus = r.provisionStatus();
        d.provisionDate = r.provisionDate();
        d.billingStatus = r.billingStatus();
        d.billingDate = r.billingDate();
        d.paymentStatus = r.paymentStatus();
        d.amountPaid = r.amountPaid();
        d.amountOutstanding = r.amountOutstanding();
        d.paymentDate = r.paymentDate();
        d.processedBy = r.processedBy();
        d.source = r.source();
        d.notes = r.notes();
        return d;
    }
}
