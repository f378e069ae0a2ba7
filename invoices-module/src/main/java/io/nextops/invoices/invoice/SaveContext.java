package io.nextops.invoices.invoice;

import java.time.LocalDate;

/**
 * What the save rules need from other tables, read in one query before a save.
 *
 * @param otFound the requested OT exists and is live (true when no OT is requested)
 * @param otNumber the OT's numero_ot, or null without OT
 * @param otProvisionDate the OT's fecha_provision
 * @param otInvoiceReceivedDate the OT's fecha_recepcion_factura
 * @param providerFound the requested provider exists and is live (true when none is requested)
 * @param providerName the provider's nombre, or null
 * @param providerTaxId the provider's nit, or null
 * @param providerHasCredit tiene_credito
 * @param providerCreditDays dias_credito
 * @param costTypeLinkedToOt the cost type is linked to its OT (FLETE*, CARGOS_NAVIERA* or is_linked_to_ot)
 */
record SaveContext(boolean otFound, String otNumber, LocalDate otProvisionDate, LocalDate otInvoiceReceivedDate,
                   boolean providerFound, String providerName, String providerTaxId, boolean providerHasCredit,
                   int providerCreditDays, boolean costTypeLinkedToOt) {

    /** No OT, no provider, a plain cost type. */
    static SaveContext none() {
        return new SaveContext(true, null, null, null, true, null, null, false, 0, false);
    }
}
