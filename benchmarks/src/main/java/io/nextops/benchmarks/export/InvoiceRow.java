package io.nextops.benchmarks.export;

import io.nextops.export.Columns;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A row shaped like the invoices export (nextops-domain.md 3.2): 24 mixed columns. */
record InvoiceRow(long id, String number, String ot, String client, String mbl, String containers, String carrier,
                  String vessel, String provider, String providerNit, String providerType, String costType,
                  BigDecimal amount, LocalDate issued, LocalDate due, LocalDate provisioned, LocalDate invoiced,
                  String provisionState, String invoiceState, String matchMethod, Double matchConfidence,
                  Boolean needsReview, String notes, OffsetDateTime createdAt) {

    static final Columns<InvoiceRow> COLUMNS = Columns.<InvoiceRow>builder()
            .integer("ID", InvoiceRow::id, 8)
            .text("Número Factura", InvoiceRow::number, 20)
            .text("OT", InvoiceRow::ot, 15)
            .text("Cliente", InvoiceRow::client, 25)
            .text("MBL", InvoiceRow::mbl, 18)
            .text("Contenedor", InvoiceRow::containers, 15)
            .text("Naviera", InvoiceRow::carrier, 20)
            .text("Barco", InvoiceRow::vessel, 20)
            .text("Proveedor", InvoiceRow::provider, 25)
            .text("NIT Proveedor", InvoiceRow::providerNit, 15)
            .text("Tipo Proveedor", InvoiceRow::providerType, 18)
            .text("Tipo Costo", InvoiceRow::costType, 15)
            .money("Monto (USD)", InvoiceRow::amount, 12)
            .date("Fecha Emisión", InvoiceRow::issued, 15)
            .date("Fecha Vencimiento", InvoiceRow::due, 18)
            .date("Fecha Provisión", InvoiceRow::provisioned, 18)
            .date("Fecha Facturación", InvoiceRow::invoiced, 20)
            .text("Estado Provisión", InvoiceRow::provisionState, 18)
            .text("Estado Facturación", InvoiceRow::invoiceState, 20)
            .text("Método Asignación", InvoiceRow::matchMethod, 20)
            .percent("Confianza Match", InvoiceRow::matchConfidence, 15)
            .yesNo("Requiere Revisión", InvoiceRow::needsReview, "Sí", "No", 15)
            .text("Notas", InvoiceRow::notes, 40)
            .dateTime("Creado", InvoiceRow::createdAt, 20)
            .build();

    private static final String[] CLIENTS = {"ALMACENES SIMAN", "DISTRIBUIDORA ZABLAH", "CORPORACIÓN BONIMA",
        "INDUSTRIAS LA CONSTANCIA", "GRUPO CALLEJA"};
    private static final String[] CARRIERS = {"MAERSK", "MSC", "CMA CGM", "HAPAG-LLOYD", "EVERGREEN"};
    private static final String[] STATES = {"pendiente", "provisionada", "facturada", "anulada"};

    /** {@code count} rows with realistic variety and some nulls, the same for every seed. */
    static List<InvoiceRow> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<InvoiceRow> rows = new ArrayList<>(count);
        LocalDate base = LocalDate.of(2024, 1, 1);
        Instant created = Instant.parse("2024-01-01T12:00:00Z");
        for (int i = 1; i <= count; i++) {
            LocalDate issued = base.plusDays(random.nextInt(700));
            boolean provisioned = random.nextInt(4) != 0;
            rows.add(new InvoiceRow(i, "FAC-" + (100000 + i), "OT-" + (5000 + random.nextInt(4000)),
                    CLIENTS[random.nextInt(CLIENTS.length)], "MEDU" + (1_000_000 + random.nextInt(9_000_000)),
                    "MSCU" + random.nextInt(10_000_000) + ", TGHU" + random.nextInt(10_000_000),
                    CARRIERS[random.nextInt(CARRIERS.length)], "VESSEL " + random.nextInt(300),
                    "PROVEEDOR " + random.nextInt(800), "0614-" + (100000 + random.nextInt(900000)) + "-101-" + i % 10,
                    random.nextBoolean() ? "naviera" : "agente", random.nextBoolean() ? "Flete" : "Demoras",
                    BigDecimal.valueOf(random.nextLong(1, 10_000_000), 2), issued, issued.plusDays(30),
                    provisioned ? issued.plusDays(5) : null, random.nextBoolean() ? issued.plusDays(12) : null,
                    STATES[random.nextInt(STATES.length)], STATES[random.nextInt(STATES.length)],
                    random.nextBoolean() ? "auto_mbl" : "manual", random.nextDouble(),
                    random.nextInt(5) == 0, random.nextInt(3) == 0 ? null : "Nota de seguimiento número " + i,
                    created.plusSeconds(i * 37L).atOffset(ZoneOffset.ofHours(-6))));
        }
        return rows;
    }
}
