package io.nextops.server.imports;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's heap does not grow with the rows: 10,000 and then 100,000 rows through the in-process server, the
 * used heap sampled after a GC while each import runs. (The 200,000-row run is in benchmarks/scripts/ot-import.sh.)
 */
class OtImportMemoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void heapDoesNotGrowWithTheRowCount() throws Exception {
        try (TestServer server = TestServer.start(Map.of("OT_IMPORT_MAX_FILE_MB", "64", "TIMEOUT", "600"), s -> {})) {
            long small = peakHeapDuringImport(server, "S", 10_000);
            long large = peakHeapDuringImport(server, "L", 100_000);
            System.out.printf("ot import heap growth over baseline: 10k rows %d MB, 100k rows %d MB%n",
                    small >> 20, large >> 20);
            // ten times the rows: the peak may differ by noise (GC timing, JIT, pool buffers), not by 10x
            assertThat(large).isLessThan(small + (24L << 20));
        }
    }

    /**
     * The heap in use right after a full collection, as the collector itself reports it per pool: unlike a read of
     * the used heap after {@code System.gc()}, it does not count what other threads allocated in between (which on a
     * loaded machine made this test flaky).
     */
    private static long liveHeapAfterGc() {
        System.gc();
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        return live;
    }

    private long peakHeapDuringImport(TestServer server, String prefix, int rows) throws Exception {
        Path file = OtSheets.xlsx(dir, OtSheets.HEADERS, rows, i -> row(prefix, i));
        long baseline = liveHeapAfterGc();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(liveHeapAfterGc(), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long start = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = OtSheets.upload(server, Role.ADMIN, null, prefix + ".xlsx", file);
        } finally {
            running.set(false);
            sampler.join();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("created").asInt()).isEqualTo(rows);
        System.out.printf("ot import %d rows (%d KB): %d ms, %.0f rows/s%n", rows, Files.size(file) >> 10, ms,
                rows * 1000.0 / ms);
        Files.delete(file);
        return Math.max(0, peak.get() - baseline);
    }

    static Object[] row(String prefix, int i) {
        Object[] r = OtSheets.row("Operativo " + (i % 7), prefix + "-" + String.format("%07d", i),
                "Cliente " + (i % 50), String.format("MSCU%07d, TGHU%07d", i, i + 1), null, "MV " + (i % 30),
                i % 2 == 0 ? "Tránsito" : "Puerto", LocalDate.of(2025, 1, 1).plusDays(i % 365));
        r[15] = LocalDate.of(2025, 2, 1).plusDays(i % 200);
        r[22] = "01/03/2025";
        return r;
    }
}
