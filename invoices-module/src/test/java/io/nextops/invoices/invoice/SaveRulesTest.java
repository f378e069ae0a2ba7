package io.nextops.invoices.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SaveRulesTest {
    private static final LocalDate ISSUED = LocalDate.of(2025, 3, 10);

    private static Draft draft(String amount) {
        Draft d = new Draft();
        d.invoiceNumber = "F-1";
        d.providerName = "X";
        d.issueDate = ISSUED;
        d.amount = new BigDecimal(amount);
        return d;
    }

    private static SaveContext provider(boolean credit, int days) {
        return new SaveContext(true, null, null, null, true, "P", "NIT", credit, days, false);
    }

    @Test
    void cashInvoiceHasNoCreditDaysDueDateOrAlert() {
        Draft d = draft("100.00");
        d.creditDaysApplied = 30;
        d.dueDate = ISSUED;
        d.dueSoonFlag = true;
        SaveRules.apply(d, provider(true, 30), null, false);
        assertThat(d.creditDaysApplied).isZero();
        assertThat(d.dueDate).isNull();
        assertThat(d.dueSoonFlag).isFalse();
    }

    @Test
    void creditInvoiceTakesTheProvidersCreditDaysForItsDueDate() {
        Draft d = draft("100.00");
        d.paymentType = "credito";
        SaveRules.apply(d, provider(true, 45), null, false);
        assertThat(d.creditDaysApplied).isEqualTo(45);
        assertThat(d.dueDate).isEqualTo(ISSUED.plusDays(45));
    }

    @Test
    void creditInvoiceOfProviderWithoutCreditKeepsItsOwnDays() {
        Draft d = draft("100.00");
        d.paymentType = "credito";
        d.creditDaysApplied = 10;
        SaveRules.apply(d, provider(false, 45), null, false);
        assertThat(d.dueDate).isEqualTo(ISSUED.plusDays(10));
    }

    @Test
    void payableAmountDefaultsToAmountAndIsClampedToIt() {
        Draft d = draft("100.00");
        SaveRules.apply(d, SaveContext.none(), null, false);
        assertThat(d.payableAmount).isEqualByComparingTo("100.00");

        Draft over = draft("100.00");
        over.payableAmount = new BigDecimal("150.00");
        SaveRules.apply(over, SaveContext.none(), null, true);
        assertThat(over.payableAmount).isEqualByComparingTo("100.00");
    }

    @Test
    void changedAmountResetsPayableAmountUnlessTheRequestSetsIt() {
        Draft d = draft("200.00");
        d.payableAmount = new BigDecimal("80.00");
        SaveRules.apply(d, SaveContext.none(), new BigDecimal("100.00"), false);
        assertThat(d.payableAmount).isEqualByComparingTo("200.00");

        Draft given = draft("200.00");
        given.payableAmount = new BigDecimal("80.00");
        SaveRules.apply(given, SaveContext.none(), new BigDecimal("100.00"), true);
        assertThat(given.payableAmount).isEqualByComparingTo("80.00");
    }

    @Test
    void paymentStatusAndOutstandingFollowThePaidAmountCappedAtPayable() {
        Draft none = draft("100.00");
        SaveRules.apply(none, SaveContext.none(), null, false);
        assertThat(none.paymentStatus).isEqualTo("pendiente");
        assertThat(none.amountOutstanding).isEqualByComparingTo("100.00");

        Draft part = draft("100.00");
        part.amountPaid = new BigDecimal("40.00");
        SaveRules.apply(part, SaveContext.none(), null, false);
        assertThat(part.paymentStatus).isEqualTo("pagado_parcial");
        assertThat(part.amountOutstanding).isEqualByComparingTo("60.00");

        Draft over = draft("100.00");
        over.payableAmount = new BigDecimal("90.00");
        over.amountPaid = new BigDecimal("120.00");
        SaveRules.apply(over, SaveContext.none(), null, true);
        assertThat(over.paymentStatus).isEqualTo("pagado_total");
        assertThat(over.amountPaid).isEqualByComparingTo("90.00");
        assertThat(over.amountOutstanding).isEqualByComparingTo("0.00");
    }

    @Test
    void billingAndProvisionDatesMovePendingStatuses() {
        Draft d = draft("10.00");
        d.billingDate = ISSUED;
        d.provisionDate = ISSUED;
        SaveRules.apply(d, SaveContext.none(), null, false);
        assertThat(d.billingStatus).isEqualTo("facturada");
        assertThat(d.provisionStatus).isEqualTo("provisionada");

        Draft disputed = draft("10.00");
        disputed.provisionStatus = "disputada";
        disputed.provisionDate = ISSUED;
        SaveRules.apply(disputed, SaveContext.none(), null, false);
        assertThat(disputed.provisionStatus).isEqualTo("disputada");
    }

    @Test
    void otLinkedCostTypeCopiesTheOtsDatesAndNumber() {
        Draft d = draft("10.00");
        d.otId = 7L;
        d.costTypeCode = "FLETE";
        SaveContext ctx = new SaveContext(true, "OT-25-000007", ISSUED.plusDays(1), ISSUED.plusDays(2), true, null,
                null, false, 0, true);
        SaveRules.apply(d, ctx, null, false);
        assertThat(d.otNumber).isEqualTo("OT-25-000007");
        assertThat(d.provisionDate).isEqualTo(ISSUED.plusDays(1));
        assertThat(d.billingDate).isEqualTo(ISSUED.plusDays(2));
        assertThat(d.provisionStatus).isEqualTo("provisionada");
        assertThat(d.billingStatus).isEqualTo("facturada");
    }

    @Test
    void providerNameAndTaxIdAreFilledFromTheCatalogWhenBlank() {
        Draft d = draft("10.00");
        d.providerName = "";
        d.providerId = 3L;
        SaveRules.apply(d, provider(false, 0), null, false);
        assertThat(d.providerName).isEqualTo("P");
        assertThat(d.providerTaxId).isEqualTo("NIT");
    }
}
