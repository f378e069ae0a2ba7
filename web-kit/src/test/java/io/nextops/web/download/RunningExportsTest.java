package io.nextops.web.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.export.ExportFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunningExportsTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final List<String> lines = new ArrayList<>();
    private final RunningExports exports = new RunningExports(now::get, Duration.ofSeconds(5), lines::add);

    @Test
    void listsAnExportWithItsProgressUntilItIsClosed() {
        RunningExports.Export e = exports.start("OTs_9000_registros.csv", ExportFormat.CSV, 9000);
        now.addAndGet(2 * SECOND);
        e.progress(2048, 300_000);

        assertThat(exports.snapshot()).containsExactly(new RunningExports.View("OTs_9000_registros.csv",
                ExportFormat.CSV, 9000, 2048, 300_000, Duration.ofSeconds(2)));
        e.close();
        assertThat(exports.snapshot()).isEmpty();
        e.close(); // idempotent
    }

    @Test
    void logsProgressOnlyAfterFiveSecondsAndThenEveryFiveSeconds() {
        RunningExports.Export e = exports.start("Facturas.xlsx", ExportFormat.XLSX, 100_000);
        for (int s = 1; s <= 12; s++) {
            now.addAndGet(SECOND);
            e.progress(s * 1024L, s * 1_048_576L);
        }
        assertThat(lines).containsExactly(
                "export XLSX Facturas.xlsx in progress: 5120 of 100000 rows, 5.0 MB, 5 s",
                "export XLSX Facturas.xlsx in progress: 10240 of 100000 rows, 10.0 MB, 10 s");
    }

    @Test
    void listsTheOldestFirst() {
        exports.start("a.csv", ExportFormat.CSV, 1);
        now.addAndGet(SECOND);
        exports.start("b.csv", ExportFormat.CSV, 1);
        assertThat(exports.snapshot()).extracting(RunningExports.View::fileName).containsExactly("a.csv", "b.csv");
    }
}
