package io.nextops.server.invoices;

import static io.nextops.server.invoices.InvoiceFixture.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.server.SeedDemoCommand;
import io.nextops.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class SeedDemoIT {
    private static String digest(TestServer server) throws Exception {
        try (Connection c = server.testDatabase().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("""
                     SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM invoices_invoice t)
                         || (SELECT md5(string_agg(concat_ws(',', id, numero_ot, cliente_id, proveedor_id, master_bl,
                             contenedores), '|' ORDER BY id)) FROM ots)""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int seed(TestServer server, ByteArrayOutputStream out, String... args) throws Exception {
        PrintStream p = new PrintStream(out, true);
        return SeedDemoCommand.seedInto(server.database(), args, p, p);
    }

    @Test
    void seedsTheRequestedCountsDeterministicallyAndRefusesToSeedTwice() throws Exception {
        String first;
        try (TestServer a = TestServer.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(seed(a, out, "--invoices", "2000", "--ots", "500")).as(out.toString()).isZero();
            assertThat(scalar(a, "SELECT count(*) FROM invoices_invoice")).isEqualTo(2000);
            assertThat(scalar(a, "SELECT count(*) FROM ots")).isEqualTo(500);
            assertThat(scalar(a, "SELECT count(DISTINCT notas) FROM invoices_invoice")).isGreaterThan(100);
            assertThat(scalar(a, "SELECT count(*) FROM invoices_invoice WHERE fecha_emision NOT BETWEEN '2024-01-01' AND '2025-12-31'")).isZero();
            assertThat(out.toString()).contains("2000 invoices");
            first = digest(a);

            ByteArrayOutputStream again = new ByteArrayOutputStream();
            assertThat(seed(a, again, "--invoices", "10", "--ots", "5")).isEqualTo(1);
            assertThat(again.toString()).contains("already has").contains("--force");
            assertThat(scalar(a, "SELECT count(*) FROM invoices_invoice")).isEqualTo(2000);

            assertThat(seed(a, again, "--invoices", "10", "--ots", "5", "--force")).isZero();
            assertThat(scalar(a, "SELECT count(*) FROM invoices_invoice")).isEqualTo(2010);
        }
        try (TestServer b = TestServer.start()) {
            assertThat(seed(b, new ByteArrayOutputStream(), "--invoices", "2000", "--ots", "500")).isZero();
            assertThat(digest(b)).isEqualTo(first);
        }
    }

    @Test
    void rejectsBadArguments() {
        for (String[] bad : new String[][] {{"--invoices"}, {"--invoices", "x"}, {"--invoices", "-1"}, {"--ots", "1.5"},
                {"--bogus"}, {"200"}, {"--invoices", "10", "--ots", "0"}, {"--invoices", "99999999999"}}) {
            assertThatThrownBy(() -> SeedDemoCommand.seedInto(null, bad, System.out, System.err))
                    .as(String.join(" ", bad)).isInstanceOf(RuntimeException.class)
                    .hasMessageMatching("(?s).*(--|argument).*");
        }
    }
}
