package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {
    private static final long MB = Units.BYTES_PER_MB;
    private final RecordingLog log = new RecordingLog();
    private final HistoryRecorder recorder = new HistoryRecorder(new MemoryHistory(720),
            new LeakDetector(Duration.ofMinutes(10), 50 * MB), log);

    private static MemorySnapshot snapshot(Instant at, long rssBytes) {
        return new MemorySnapshot(at, rssBytes, -1, 100 * MB, 200 * MB, 1024 * MB, 50 * MB, 30 * MB, 10 * MB, 0, 0,
                20, 3, 40, -1, -1, "none", -1, -1);
    }

    @Test
    void warnsOnceAboutARisingTrendPerWindowWithTheSlope() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        // 30 minutes of +10 MB/min at 5 s
        for (int i = 0; i <= 360; i++) {
            long rss = Math.round((300 + 10 * i * 5 / 60.0) * MB);
            recorder.record(snapshot(t0.plusSeconds(5L * i), rss), MemoryStatus.GOOD, Budget.NONE);
        }

        assertThat(recorder.trend()).isPresent();
        // first possible after half a window (5 min), then once per 10 min window: at 5, 15 and 25 min
        assertThat(log.messages(MemoryLog.Level.WARN))
                .hasSize(3)
                .allSatisfy(m -> assertThat(m).startsWith("memory leak suspected: RSS rising 10.00 MB/min"));
    }

    @Test
    void trendClearsWhenRssLevelsOff() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        int i = 0;
        for (; i <= 120; i++) {
            recorder.record(snapshot(t0.plusSeconds(5L * i), (300 + i) * MB), MemoryStatus.GOOD, Budget.NONE);
        }
        assertThat(recorder.trend()).isPresent();
        for (int k = 0; k < 120; k++, i++) {
            recorder.record(snapshot(t0.plusSeconds(5L * i), 420 * MB), MemoryStatus.GOOD, Budget.NONE);
        }
        assertThat(recorder.trend()).isEmpty();
    }

    @Test
    void logsStatusChangesOnly() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Budget budget = new Budget(1000 * MB, "configured");
        recorder.record(snapshot(t, 100 * MB), MemoryStatus.EXCELLENT, budget);
        recorder.record(snapshot(t.plusSeconds(5), 100 * MB), MemoryStatus.EXCELLENT, budget);
        recorder.record(snapshot(t.plusSeconds(10), 750 * MB), MemoryStatus.WARNING, budget);
        recorder.record(snapshot(t.plusSeconds(15), 900 * MB), MemoryStatus.CRITICAL, budget);
        recorder.record(snapshot(t.plusSeconds(20), 900 * MB), MemoryStatus.CRITICAL, budget);
        recorder.record(snapshot(t.plusSeconds(25), 300 * MB), MemoryStatus.EXCELLENT, budget);

        assertThat(log.lines()).extracting(RecordingLog.Line::level).containsExactly(
                MemoryLog.Level.WARN, MemoryLog.Level.ERROR, MemoryLog.Level.INFO);
        assertThat(log.lines().get(1).message())
                .startsWith("memory status WARNING -> CRITICAL: rss=900.0MB budget=1000.0MB (configured)");
        assertThat(recorder.samples()).hasSize(6);
    }
}
