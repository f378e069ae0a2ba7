package io.nextops.invoices.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic demo data loaded with PostgreSQL {@code COPY}: the same seed and counts give the same rows (ids,
 * values and timestamps). Rows are generated while they are sent, so 200,000 invoices need a few MB of heap.
 *
 * <pre>{@code
 * OtsSeeder.seed(jdbi, 42, 40, 300, 50_000);           // providers, clients, OTs (ots-module)
 * try (Connection c = dataSource.getConnection()) {
 *     DemoData.seedInvoices(c, 200_000, 42);
 * }
 * }</pre>
 *
 * <p>Stateless, thread-safe (each call uses its own connection).
 */
public final class DemoData {
    static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    static final int DAYS = 731; // 2024-01-01 .. 2025-12-31

    private DemoData() {}

    /** Row counts of the tables the demo fills, live rows only. */
    public record Counts(long providers, long clients, long ots, long invoices) {}

    /** The live row counts now. */
    public static Counts counts(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT count(*) FROM catalogs_provider WHERE NOT is_deleted),
                       (SELECT count(*) FROM client_aliases WHERE NOT is_deleted),
                       (SELECT count(*) FROM ots WHERE NOT is_deleted),
                       (SELECT count(*) FROM invoices_invoice WHERE NOT is_deleted)""")) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /**
     * {@code count} invoices over the live OTs and providers already in the database, with the derived columns the
     * save rules would give them (OT number, due date, payable and outstanding amounts, payment status). Run it with
     * auto-commit off: the secondary indexes are dropped for the load and rebuilt after it, in the same transaction.
     *
     * @return the number of rows loaded
     */
    public static long seedInvoices(Connection c, int count, long seed) throws SQLException {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Ot> ots = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, numero_ot, proveedor_id FROM ots WHERE NOT is_deleted ORDER BY id")) {
            while (rs.next()) {
                ots.add(new Ot(rs.getLong(1), rs.getString(2), rs.getObject(3) == null ? 0 : rs.getLong(3)));
            }
        }
        List<Provider> providers = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT id, nombre, coalesce(nit, ''), tipo, categoria, tiene_credito, dias_credito
                FROM catalogs_provider WHERE NOT is_deleted ORDER BY id""")) {
            while (rs.next()) {
                providers.add(new Provider(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getInt(7)));
            }
        }
        long existing;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM invoices_invoice")) {
            rs.next();
            existing = rs.getLong(1); // numbers continue after earlier rows, so a second run does not collide
        }
        if (providers.isEmpty()) {
            throw new IllegalStateException("no providers to invoice: seed providers and OTs first");
        }
        // Maintaining fourteen secondary indexes row by row is most of a bulk load's cost; building them afterwards
        // is several times faster. DDL is transactional, so a failed load leaves the indexes as they were; readers
        // of the table wait until the caller commits.
        List<String> indexes = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
                    WHERE indrelid = 'invoices_invoice'::regclass AND NOT indisprimary AND NOT indisunique""")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    // names come from the catalog, not from input
                    try (Statement drop = c.createStatement()) {
                        drop.execute("DROP INDEX " + rs.getString(1));
                    }
                }
            }
            s.execute("SET LOCAL maintenance_work_mem = '128MB'");
        }
        long loaded;
        try (CopyWriter w = new CopyWriter(c, "invoices_invoice", """
                ot_id, ot_number, proveedor_id, proveedor_nit, proveedor_nombre, tipo_proveedor, proveedor_categoria,
                numero_factura, fecha_emision, tipo_pago, dias_credito_aplicado, fecha_vencimiento, alerta_vencimiento,
                monto_original, monto, monto_aplicable, tipo_costo, referencias_detectadas, confianza_match,
                assignment_method, requiere_revision, estado_provision, fecha_provision, estado_facturacion,
                fecha_facturacion, estado_pago, monto_pagado, monto_pendiente, fecha_pago, processed_at, processed_by,
                processing_source, notas, created_at, updated_at""")) {
            for (int i = 0; i < count; i++) {
                invoice(w, rnd, (int) (existing + i), ots, providers);
            }
            loaded = w.finish();
        }
        try (Statement s = c.createStatement()) {
            for (String ddl : indexes) {
                s.execute(ddl);
            }
        }
        return loaded;
    }

    private static void invoice(CopyWriter w, SplittableRandom rnd, int i, List<Ot> ots, List<Provider> providers)
            throws SQLException {
        Ot ot = !ots.isEmpty() && rnd.nextInt(100) < 92 ? ots.get(rnd.nextInt(ots.size())) : null;
        String costType = Names.pickWeighted(rnd, Names.COST_TYPES, Names.COST_TYPE_WEIGHTS);
        Provider p = providers.get(rnd.nextInt(providers.size()));
        if (ot != null && ot.carrierId != 0 && (costType.equals("FLETE") || costType.equals("CARGOS_NAVIERA"))) {
            for (Provider q : providers) {
                if (q.id == ot.carrierId) {
                    p = q;
                }
            }
        }
        LocalDate issued = FIRST_DAY.plusDays(rnd.nextInt(DAYS));
        boolean credit = p.hasCredit && rnd.nextInt(100) < 85;
        int days = credit ? p.creditDays : 0;
        BigDecimal amount = BigDecimal.valueOf(Math.round(Math.exp(3.2 + rnd.nextDouble() * 6.8) * 100), 2)
                .max(new BigDecimal("0.01"));
        BigDecimal payable = rnd.nextInt(100) < 90 ? amount
                : amount.multiply(BigDecimal.valueOf(50 + rnd.nextInt(50))).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        int pr = rnd.nextInt(100);
        String provision = pr < 35 ? "pendiente" : pr < 43 ? "revision" : pr < 47 ? "disputada" : pr < 87 ? "provisionada"
                : pr < 90 ? "rechazada" : pr < 95 ? "anulada" : "anulada_parcialmente";
        LocalDate provisionDate = provision.equals("provisionada") ? issued.plusDays(rnd.nextInt(15)) : null;
        boolean billed = rnd.nextInt(100) < 45;
        LocalDate billingDate = billed ? issued.plusDays(1 + rnd.nextInt(20)) : null;
        int pay = rnd.nextInt(100);
        BigDecimal paid = pay < 50 ? BigDecimal.ZERO.setScale(2) : pay < 80 ? payable
                : payable.multiply(BigDecimal.valueOf(10 + rnd.nextInt(80))).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        String paymentStatus = paid.signum() == 0 ? "pendiente" : paid.compareTo(payable) >= 0 ? "pagado_total" : "pagado_parcial";
        LocalDate paidOn = paid.signum() > 0 ? issued.plusDays(days + rnd.nextInt(20)) : null;
        String method = ot == null ? "no_match" : Names.pick(rnd, Names.ASSIGNMENT);
        OffsetDateTime created = issued.atTime(9, 0).atOffset(ZoneOffset.UTC).plusMinutes(rnd.nextInt(60 * 48));
        String categoria = p.categoria.equals("internacional") ? "internacional" : "local";
        w.raw(ot == null ? null : ot.id).text(ot == null ? "" : ot.number).raw(p.id).text(p.nit).text(p.nombre)
                .text(p.tipo).text(categoria).text(Names.invoiceNumber(rnd, i)).raw(issued)
                .text(credit ? "credito" : "contado").raw(days).raw(credit ? issued.plusDays(days) : null).raw(false)
                .raw(rnd.nextInt(100) < 10 ? amount.add(BigDecimal.valueOf(rnd.nextInt(5000), 2)) : null)
                .raw(amount.toPlainString()).raw(payable.toPlainString()).text(costType)
                .text(ot == null ? "{}" : "{\"ot\": \"" + ot.number + "\"}")
                .raw(BigDecimal.valueOf(ot == null ? 0 : 500 + rnd.nextInt(501), 3).toPlainString())
                .text(method).raw(rnd.nextInt(100) < 20).text(provision).raw(provisionDate)
                .text(billed ? "facturada" : "pendiente").raw(billingDate).text(paymentStatus)
                .raw(paid.toPlainString()).raw(payable.subtract(paid).max(BigDecimal.ZERO).toPlainString()).raw(paidOn)
                .raw(created.plusMinutes(1)).text("system").text(Names.pick(rnd, Names.SOURCES))
                .text(rnd.nextInt(100) < 60 ? Names.note(rnd) : "").raw(created).raw(created).endRow();
    }

    private record Ot(long id, String number, long carrierId) {}

    private record Provider(long id, String nombre, String nit, String tipo, String categoria, boolean hasCredit,
                            int creditDays) {}

}
