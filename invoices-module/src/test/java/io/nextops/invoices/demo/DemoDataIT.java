package io.nextops.invoices.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.invoices.invoice.InvoicesDb;
import io.nextops.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DemoDataIT {
    private static String seeded(int ots, int invoices, long seed) throws SQLException {
        TestDatabase db = InvoicesDb.create();
        try (Connection c = db.dataSource().getConnection()) {
            io.nextops.ots.seed.OtsSeeder.seed(InvoicesDb.jdbi(db), seed, 40, 20, ots);
            assertThat(DemoData.seedInvoices(c, invoices, seed)).isEqualTo(invoices);
            assertThat(DemoData.counts(c).ots()).isEqualTo(ots);
            assertThat(DemoData.counts(c).invoices()).isEqualTo(invoices);
            assertThat(scalar(c, """
                    SELECT count(*) FROM invoices_invoice i LEFT JOIN ots o ON o.id = i.ot_id
                    WHERE i.monto_pendiente <> greatest(coalesce(i.monto_aplicable, i.monto) - i.monto_pagado, 0)
                       OR i.monto_aplicable > i.monto
                       OR (i.ot_id IS NOT NULL AND i.ot_number <> o.numero_ot)
                       OR (i.tipo_pago = 'contado' AND (i.fecha_vencimiento IS NOT NULL OR i.dias_credito_aplicado <> 0))
                       OR (i.tipo_pago = 'credito' AND i.fecha_vencimiento <> i.fecha_emision + i.dias_credito_aplicado)
                       OR (i.estado_pago = 'pagado_total') <> (i.monto_pagado >= coalesce(i.monto_aplicable, i.monto) AND i.monto_pagado > 0)
                    """)).as("rows breaking the save rules").isEqualTo("0");
            return scalar(c, "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM invoices_invoice t")
                    + scalar(c, "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM ots t");
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void sameSeedGivesTheSameRowsAndTheRowsFollowTheSaveRules() throws SQLException {
        assertThat(seeded(200, 1_000, 42)).isEqualTo(seeded(200, 1_000, 42));
    }
}
