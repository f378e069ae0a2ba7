package io.nextops.invoices.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * try (Connection c = dataSource.getConnection()) {
 *     DemoData.seedCatalogsAndOts(c, 50_000, 42);   // until ots-module has a seeder of its own
 *     DemoData.seedInvoices(c, 200_000, 42);
 * }
 * }</pre>
 *
 * <p>{@link #seedCatalogsAndOts} writes providers, clients and OTs of ots-module's tables with only the columns an
 * invoice list shows; it is a stand-in for an ots-module seeder. Stateless, thread-safe (each call uses its own
 * connection).
 */
public final class DemoData {
    static final OffsetDateTime EPOCH = OffsetDateTime.of(2024, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC);
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

    /** Providers (carriers and other suppliers), {@code max(20, ots / 150)} clients and {@code ots} OTs. */
    public static void seedCatalogsAndOts(Connection c, int ots, long seed) throws SQLException {
        SplittableRandom rnd = new SplittableRandom(seed);
        try (CopyWriter w = new CopyWriter(c, "catalogs_provider",
                "nombre, nit, tipo, categoria, tiene_credito, dias_credito, created_at, updated_at")) {
            for (int i = 0; i < Names.PROVIDERS.length; i++) {
                String[] p = Names.PROVIDERS[i];
                boolean credit = rnd.nextInt(100) < 70;
                OffsetDateTime at = EPOCH.minusDays(400 - i);
                w.text(p[0]).text(String.format("%04d-%06d-%03d-%d", 600 + i, 100_000 + i * 37, i, i % 10))
                        .text(p[1]).text(p[2]).raw(credit).raw(credit ? new int[] {15, 30, 30, 45, 60}[rnd.nextInt(5)] : 0)
                        .raw(at).raw(at).endRow();
            }
            w.finish();
        }
        int clients = Math.max(20, ots / 150);
        try (CopyWriter w = new CopyWriter(c, "client_aliases",
                "original_name, normalized_name, created_at, updated_at")) {
            for (int i = 0; i < clients; i++) {
                String name = Names.client(i);
                OffsetDateTime at = EPOCH.minusDays(300).plusMinutes(i);
                w.text(name).text(Names.normalize(name)).raw(at).raw(at).endRow();
            }
            w.finish();
        }
        long[] carriers = ids(c, "SELECT id FROM catalogs_provider WHERE tipo = 'naviera' AND NOT is_deleted ORDER BY id");
        long[] clientIds = ids(c, "SELECT id FROM client_aliases WHERE NOT is_deleted ORDER BY id");
        try (CopyWriter w = new CopyWriter(c, "ots", "numero_ot, proveedor_id, cliente_id, master_bl, house_bls, "
                + "contenedores, fecha_eta, fecha_llegada, etd, puerto_origen, puerto_destino, operativo, "
                + "tipo_operacion, tipo_embarque, barco, fecha_recepcion_factura, estado_facturado, fecha_provision, "
                + "estado_provision, estado, comentarios, created_at, updated_at")) {
            for (int i = 0; i < ots; i++) {
                LocalDate etd = FIRST_DAY.plusDays(rnd.nextInt(DAYS - 40));
                LocalDate eta = etd.plusDays(12 + rnd.nextInt(25));
                LocalDate arrival = rnd.nextInt(100) < 70 ? eta.plusDays(rnd.nextInt(5)) : null;
                LocalDate provision = rnd.nextInt(100) < 55 ? eta.plusDays(2 + rnd.nextInt(10)) : null;
                LocalDate received = rnd.nextInt(100) < 45 ? eta.plusDays(5 + rnd.nextInt(20)) : null;
                int nContainers = 1 + rnd.nextInt(3);
                StringBuilder containers = new StringBuilder("[");
                for (int k = 0; k < nContainers; k++) {
                    containers.append(k == 0 ? "" : ", ").append('"').append(Names.container(rnd)).append('"');
                }
                containers.append(']');
                OffsetDateTime at = EPOCH.plusMinutes(i * 7L);
                w.text(String.format("OT-%d-%06d", 24 + i % 2, i + 1))
                        .raw(carriers[rnd.nextInt(carriers.length)])
                        .raw(clientIds[rnd.nextInt(clientIds.length)])
                        .text(Names.masterBl(rnd)).text("[\"HBL" + (100_000 + i) + "\"]").text(containers.toString())
                        .raw(eta).raw(arrival).raw(etd)
                        .text(Names.pick(rnd, Names.ORIGIN_PORTS)).text(Names.pick(rnd, Names.DESTINATION_PORTS))
                        .text(Names.pick(rnd, Names.OPERATORS)).text(rnd.nextInt(100) < 85 ? "importacion" : "exportacion")
                        .text(rnd.nextInt(100) < 75 ? "FCL" : "LCL")
                        .text(Names.pick(rnd, Names.VESSELS) + " " + (100 + rnd.nextInt(900)) + (rnd.nextBoolean() ? "W" : "E"))
                        .raw(received).text(received != null ? "facturado" : "pendiente")
                        .raw(provision).text(provision != null ? "provisionada" : "pendiente")
                        .text(Names.pick(rnd, Names.OT_STATES)).text(rnd.nextInt(100) < 30 ? Names.note(rnd) : "")
                        .raw(at).raw(at).endRow();
            }
            w.finish();
        }
    }

    /**
     * {@code count} invoices over the live OTs and providers already in the database, with the derived columns the
     * save rules would give them (OT number, due date, payable and outstanding amounts, payment status).
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
        if (providers.isEmpty()) {
            throw new IllegalStateException("no providers to invoice: seed providers and OTs first");
        }
        try (CopyWriter w = new CopyWriter(c, "invoices_invoice", """
                ot_id, ot_number, proveedor_id, proveedor_nit, proveedor_nombre, tipo_proveedor, proveedor_categoria,
                numero_factura, fecha_emision, tipo_pago, dias_credito_aplicado, fecha_vencimiento, alerta_vencimiento,
                monto_original, monto, monto_aplicable, tipo_costo, referencias_detectadas, confianza_match,
                assignment_method, requiere_revision, estado_provision, fecha_provision, estado_facturacion,
                fecha_facturacion, estado_pago, monto_pagado, monto_pendiente, fecha_pago, processed_at, processed_by,
                processing_source, notas, created_at, updated_at""")) {
            for (int i = 0; i < count; i++) {
                invoice(w, rnd, i, ots, providers);
            }
            return w.finish();
        }
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

    private static long[] ids(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private record Ot(long id, String number, long carrierId) {}

    private record Provider(long id, String nombre, String nit, String tipo, String categoria, boolean hasCredit,
                            int creditDays) {}

}
