package io.nextops.invoices.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The rules the original applies when an invoice is saved (reference 1.3, {@code invoices/models.py:438-579}), in one
 * place and without queries: everything they need from other tables arrives in a {@link SaveContext}. Not applied:
 * the OT roll-up signals (the OT side is ots-module's), credit notes and disputes (out of scope), and the due-soon
 * alert for credit invoices, which the original sets from a periodic command.
 */
final class SaveRules {
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private SaveRules() {}

    /**
     * Completes {@code d} for saving.
     *
     * @param previousAmount the stored {@code monto} before this change, or null on create
     * @param payableAmountGiven the request set {@code monto_aplicable} itself
     */
    static void apply(Draft d, SaveContext ctx, BigDecimal previousAmount, boolean payableAmountGiven) {
        if (d.otId != null && ctx.otNumber() != null) {
            d.otNumber = ctx.otNumber();
        }
        if (d.providerId != null) {
            if (isBlank(d.providerName) && ctx.providerName() != null) {
                d.providerName = ctx.providerName();
            }
            if (isBlank(d.providerTaxId) && ctx.providerTaxId() != null) {
                d.providerTaxId = ctx.providerTaxId();
            }
        }
        credit(d, ctx);
        payable(d, previousAmount, payableAmountGiven);
        if (d.otId != null && ctx.costTypeLinkedToOt()) {
            if (d.provisionDate == null) {
                d.provisionDate = ctx.otProvisionDate();
            }
            if (d.billingDate == null) {
                d.billingDate = ctx.otInvoiceReceivedDate();
            }
        }
        if (d.billingDate != null && d.billingStatus.equals("pendiente")) {
            d.billingStatus = "facturada";
        }
        if (d.provisionDate != null && d.provisionStatus.equals("pendiente")) {
            d.provisionStatus = "provisionada";
        }
        payment(d);
    }

    private static void credit(Draft d, SaveContext ctx) {
        if (d.paymentType.equals("credito")) {
            if (ctx.providerHasCredit()) {
                d.creditDaysApplied = ctx.providerCreditDays();
            }
            d.dueDate = d.issueDate.plusDays(d.creditDaysApplied);
        } else {
            d.creditDaysApplied = 0;
            d.dueDate = null;
            d.dueSoonFlag = false;
        }
    }

    private static void payable(Draft d, BigDecimal previousAmount, boolean payableAmountGiven) {
        boolean amountChanged = previousAmount != null && previousAmount.compareTo(d.amount) != 0;
        if (d.payableAmount == null || (amountChanged && !payableAmountGiven)) {
            d.payableAmount = d.amount;
        }
        d.payableAmount = clamp(d.payableAmount, ZERO, d.amount);
    }

    private static void payment(Draft d) {
        BigDecimal base = d.payableAmount != null ? d.payableAmount : d.amount;
        BigDecimal paid = d.amountPaid.max(ZERO).min(base);
        d.amountPaid = money(paid);
        d.amountOutstanding = money(base.subtract(paid).max(ZERO));
        if (paid.signum() == 0) {
            d.paymentStatus = "pendiente";
        } else if (paid.compareTo(base) >= 0) {
            d.paymentStatus = "pagado_total";
        } else {
            d.paymentStatus = "pagado_parcial";
        }
    }

    private static BigDecimal clamp(BigDecimal v, BigDecimal min, BigDecimal max) {
        return money(v.max(min).min(max));
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
