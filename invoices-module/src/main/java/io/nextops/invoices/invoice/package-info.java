/**
 * Supplier invoices ({@code invoices_invoice}): the joined row ({@link io.nextops.invoices.invoice.InvoiceRow}), the
 * list criteria shared by the list endpoint and exports ({@link io.nextops.invoices.invoice.InvoiceQuery}), the
 * repository ({@link io.nextops.invoices.invoice.InvoiceRepository}), the save rules of the original, the JSON shape
 * and the HTTP endpoints ({@link io.nextops.invoices.invoice.InvoiceResource}, its routes).
 */
package io.nextops.invoices.invoice;
