package io.nextops.invoices.export;

import io.nextops.export.Column;
import io.nextops.export.Columns;
import io.nextops.invoices.invoice.InvoiceLabels;
import io.nextops.invoices.invoice.InvoiceRow;
import java.time.ZoneId;
import java.util.Map;

/**
 * The 24 columns of the invoice export (reference 3.2): headers, order, widths and formats of the original.
 * "Método Asignación" is the raw code, as in the original. "Creado" is the time-zone-aware {@code created_at}: written
 * as a date-time in {@link #ZONE} (the original's {@code TIME_ZONE}, where its users are) with
 * {@code DD/MM/YYYY HH:MM}, where the original crashed (openpyxl refuses time-zone-aware values). The cost type name
 * comes from the joined {@code catalogs_cost_type} row, not from a query per row. Thread-safe (immutable).
 */
final class InvoiceExportColumns {
    /** The sheet name and the file name prefix. */
    static final String SHEET = "Facturas";
    /** Zone of the "Creado" column in both formats. */
    static final ZoneId ZONE = ZoneId.of("America/El_Salvador");

    static final Columns<InvoiceRow> COLUMNS = Columns.<InvoiceRow>builder()
            .integer("ID", InvoiceRow::id, 8)
            .text("Número Factura", InvoiceRow::invoiceNumber, 20)
            .text("OT", InvoiceRow::otNumber, 15)
            .text("Cliente", InvoiceRow::clientName, 25)
            .text("MBL", InvoiceRow::masterBl, 18)
            .text("Contenedor", r -> JsonStringArray.join(r.containersJson(), ", "), 15)
            .text("Naviera", InvoiceRow::carrierName, 20)
            .text("Barco", InvoiceRow::vessel, 20)
            .text("Proveedor", InvoiceRow::providerDisplayName, 25)
            .text("NIT Proveedor", InvoiceRow::providerTaxId, 15)
            .text("Tipo Proveedor", r -> label(InvoiceLabels.PROVIDER_TYPE, r.providerType()), 18)
            .text("Tipo Costo", InvoiceRow::costTypeDisplay, 15)
            .money("Monto (USD)", InvoiceRow::amount, 12)
            .date("Fecha Emisión", InvoiceRow::issueDate, 15)
            .date("Fecha Vencimiento", InvoiceRow::dueDate, 18)
            .date("Fecha Provisión", InvoiceRow::provisionDate, 18)
            .date("Fecha Facturación", InvoiceRow::billingDate, 20)
            .text("Estado Provisión", r -> label(InvoiceLabels.PROVISION_STATUS, r.provisionStatus()), 18)
            .text("Estado Facturación", r -> label(InvoiceLabels.BILLING_STATUS, r.billingStatus()), 20)
            .text("Método Asignación", InvoiceRow::assignmentMethod, 20)
            .percent("Confianza Match", InvoiceRow::matchConfidence, 15)
            .yesNo("Requiere Revisión", InvoiceRow::needsReview, "Sí", "No", 15)
            .text("Notas", InvoiceRow::notes, 40)
            .add(Column.<InvoiceRow>dateTime("Creado", InvoiceRow::createdAt).withWidth(20))
            .build();

    private InvoiceExportColumns() {}

    static String label(Map<String, String> labels, String value) {
        return value == null ? null : labels.getOrDefault(value, value);
    }
}
