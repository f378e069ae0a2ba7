/**
 * export-core: stream tabular data from a row cursor to an {@link java.io.OutputStream} as CSV or XLSX at constant
 * memory. Start at {@link io.nextops.export.Exporter}.
 *
 * <pre>{@code
 * Columns<Invoice> columns = Columns.<Invoice>builder()
 *         .integer("ID", Invoice::id, 8)
 *         .text("Número Factura", Invoice::number, 20)
 *         .money("Monto (USD)", Invoice::amount, 12)
 *         .date("Fecha Emisión", Invoice::issuedOn, 15)
 *         .yesNo("Requiere Revisión", Invoice::needsReview, "Sí", "No", 15)
 *         .dateTime("Creado", Invoice::createdAt, 20)
 *         .build();
 * try (Stream<Invoice> rows = repository.streamInvoices(filter)) {
 *     ExportSummary summary = Exporter.xlsx(XlsxOptions.defaults().withSheetName("Facturas"))
 *             .export(columns, rows, response.getOutputStream());
 * }
 * }</pre>
 *
 * <p>Sub-packages {@code csv}, {@code xlsx} and {@code internal} hold the writers; they are not API.
 */
package io.nextops.export;
