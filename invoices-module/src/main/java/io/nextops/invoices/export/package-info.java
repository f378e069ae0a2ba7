/**
 * {@code GET /api/invoices/export-excel/}: the invoice list's rows, with every filter and ordering of
 * {@link io.nextops.invoices.invoice.InvoiceQuery}, as the original's 24-column sheet {@code Facturas} or as CSV,
 * streamed from one database snapshot through ots-module's {@link io.nextops.web.download.SnapshotExport}.
 */
package io.nextops.invoices.export;
