package io.nextops.server.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.invoices.demo.DemoData;
import io.nextops.web.Role;
import io.nextops.server.SeedDemoCommand;
import io.nextops.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Exports of many rows over HTTP: the server's heap does not grow with the row count (10,000 vs 100,000 invoices,
 * measured in this JVM, where the test server runs), and a client that disconnects mid-download gets its connection
 * returned to the pool at once with no export query left running. The 200,000-row run from the jar is in
 * {@code benchmarks/scripts/exports.sh}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportStreamingIT {
    static final int SMALL = 10_000;
    static final int LARGE = 100_000;
    /** Allowed growth of the live heap between the small and the large export. */
    static final long SLACK_BYTES = 8L * 1024 * 1024;

    static TestServer server;
    static long smallCsvPeak;
    static long smallXlsxPeak;

    @BeforeAll
    static void seed() throws Exception {
        server = TestServer.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SeedDemoCommand.seedInto(server.database(),
                new String[] {"--invoices", Integer.toString(SMALL), "--ots", "2000", "--seed", "5"},
                new PrintStream(out, true), new PrintStream(out, true));
        assertThat(status).as(out.toString()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @Order(1)
    void smallExports() throws Exception {
        smallCsvPeak = peakLiveHeapDuring("/api/invoices/export-excel/?format=csv", SMALL);
        smallXlsxPeak = peakLiveHeapDuring("/api/invoices/export-excel/", SMALL);
    }

    @Test
    @Order(2)
    void heapDoesNotGrowWithTheRowCount() throws Exception {
        try (Connection c = server.testDatabase().dataSource().getConnection()) {
            c.setAutoCommit(false);
            DemoData.seedInvoices(c, LARGE - SMALL, 6);
            c.commit();
        }
        long csvPeak = peakLiveHeapDuring("/api/invoices/export-excel/?format=csv", LARGE);
        long xlsxPeak = peakLiveHeapDuring("/api/invoices/export-excel/", LARGE);
        System.out.printf("peak live heap: csv %d KB at %d rows, %d KB at %d rows; xlsx %d KB, %d KB%n",
                smallCsvPeak / 1024, SMALL, csvPeak / 1024, LARGE, smallXlsxPeak / 1024, xlsxPeak / 1024);
        assertThat(csvPeak).isLessThan(smallCsvPeak + SLACK_BYTES);
        assertThat(xlsxPeak).isLessThan(smallXlsxPeak + SLACK_BYTES);
    }

    @Test
    @Order(3)
    void clientAbortReturnsTheConnectionAtOnce() throws Exception {
        for (String path : new String[] {"/api/invoices/export-excel/", "/api/invoices/export-excel/?format=csv"}) {
            var pool = server.database().pool().getHikariPoolMXBean();
            String auth = server.request(path, Role.FINANZAS).build().headers().firstValue("Authorization")
                    .orElseThrow();
            long closedAt;
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                int read = in.read(buffer);
                assertThat(new String(buffer, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
                while (read < 8192) {
                    int n = in.read(buffer);
                    assertThat(n).isPositive();
                    read += n;
                }
                assertThat(pool.getActiveConnections()).as("the export holds its connection").isEqualTo(1);
                socket.setSoLinger(true, 0); // reset: the client is gone
                closedAt = System.nanoTime();
            }
            while (pool.getActiveConnections() > 0 && System.nanoTime() - closedAt < 2_000_000_000L) {
                Thread.sleep(5);
            }
            long releasedMs = (System.nanoTime() - closedAt) / 1_000_000;
            System.out.printf("%s: connection back in the pool %d ms after the disconnect%n", path, releasedMs);
            assertThat(pool.getActiveConnections()).isZero();
            assertThat(releasedMs).isLessThan(1_000);
            try (Connection c = server.testDatabase().dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
                         + " WHERE pid <> pg_backend_pid() AND state <> 'idle' AND query ILIKE '%invoices_invoice%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("export queries still running").isZero();
            }
        }
        // and the server still exports afterwards
        HttpResponse<String> r = server.get("/api/invoices/export-excel/?format=csv&estado_provision=anulada",
                Role.FINANZAS);
        assertThat(r.statusCode()).isEqualTo(200);
    }

    /**
     * Downloads {@code path} over a raw socket (read and discarded, so that no client-side buffering counts) while
     * sampling the live heap after a full GC every 400 ms, from the first body bytes to the end; returns the peak.
     */
    static long peakLiveHeapDuring(String path, int expectedRows) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong peak = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                System.gc();
                peak.accumulateAndGet(liveHeapAfterLastGc(), Math::max);
                samples.incrementAndGet();
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        String auth = server.request(path, Role.ADMIN).build().headers().firstValue("Authorization").orElseThrow();
        long start = System.nanoTime();
        long bytes = 0;
        String head;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Authorization: " + auth + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            int n = in.read(buffer);
            head = new String(buffer, 0, Math.min(n, 1024), StandardCharsets.ISO_8859_1);
            sampler.start();
            try {
                for (; n > 0; n = in.read(buffer)) {
                    bytes += n;
                }
            } finally {
                done.set(true);
                sampler.join();
            }
        }
        assertThat(head).startsWith("HTTP/1.1 200").contains("Facturas_" + expectedRows + "_registros_");
        System.out.printf("%s: %d rows, %d bytes in %d ms, peak live heap %d KB over %d samples%n", path,
                expectedRows, bytes, (System.nanoTime() - start) / 1_000_000, peak.get() / 1024, samples.get());
        return peak.get();
    }

    /**
     * Heap used right after the last collection, summed over the heap pools. Read from the pools' collection usage,
     * not the current usage: on a loaded machine the sampler may be descheduled between the GC and the read while the
     * export thread allocates megabytes of garbage, which would count as live.
     */
    static long liveHeapAfterLastGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }
}
