/**
 * Spreadsheet downloads of list results: {@link io.nextops.web.download.SnapshotExport} streams the rows of one
 * read-only repeatable-read transaction from a server-side cursor into an export-core {@code Exporter} writing to the
 * response, with the file name, {@code Content-Disposition} and the abort handling shared by every export;
 * {@link io.nextops.ots.export.OtExport} is {@code GET /api/ots/export-excel/} (reference 3.3). The invoice
 * export in invoices-module uses the same plumbing.
 */
package io.nextops.ots.export;
