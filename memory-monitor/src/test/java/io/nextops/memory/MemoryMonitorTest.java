package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryMonitorTest {
    private static final long MB = Units.BYTES_PER_MB;

    @TempDir
    Path cgroup;
    private final FakeRssProbe probe = FakeRssProbe.mb(300);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingLog samplerLog = new RecordingLog();

    private MemoryMonitor monitor(MemoryConfig config) {
        SnapshotTaker taker = new SnapshotTaker(probe,
                () -> new SystemMemoryProbe.SystemMemory(8192 * MB, 4096 * MB), new CgroupReader(cgroup),
                new JvmMemoryReader(), clock);
        return new MemoryMonitor(config, taker, () -> false, new RecordingLog(), new RecordingLog(), samplerLog);
    }

    @Test
    void snapshotOfTheRealProcessHasJvmAndOsFigures() {
        try (MemoryMonitor monitor = MemoryMonitor.create(MemoryConfig.defaults())) {
            MemorySnapshot s = monitor.snapshot();

            assertThat(s.rssBytes()).isGreaterThan(10 * MB);
            assertThat(s.heapUsedBytes()).isPositive();
            assertThat(s.heapCommittedBytes()).isGreaterThanOrEqualTo(s.heapUsedBytes());
            assertThat(s.metaspaceUsedBytes()).isPositive();
            assertThat(s.codeCacheUsedBytes()).isPositive();
            assertThat(s.nonHeapUsedBytes()).isGreaterThanOrEqualTo(s.metaspaceUsedBytes());
            assertThat(s.directBufferBytes()).isGreaterThanOrEqualTo(0);
            assertThat(s.threadCount()).isPositive();
            assertThat(s.systemTotalBytes()).isGreaterThan(s.systemAvailableBytes()).isPositive();
            assertThat(s.cgroupVersion()).isIn("v1", "v2", "none");
            assertThat(monitor.status(s)).isNotNull();
        }
    }

    @Test
    void containerLimitIsTheBudgetAndTheSmallerOfBothWins() throws IOException {
        Files.writeString(cgroup.resolve("memory.max"), String.valueOf(1000 * MB));
        Files.writeString(cgroup.resolve("memory.current"), String.valueOf(400 * MB));
        probe.setRssMb(600);

        MemoryMonitor containerOnly = monitor(MemoryConfig.defaults());
        assertThat(containerOnly.budgetBytes()).hasValue(1000 * MB);
        assertThat(containerOnly.status()).isEqualTo(MemoryStatus.GOOD); // 60%

        MemoryMonitor tighterConfig = monitor(MemoryConfig.defaults().withBudgetMb(700));
        assertThat(tighterConfig.budgetBytes()).hasValue(700 * MB);
        assertThat(tighterConfig.status()).isEqualTo(MemoryStatus.CRITICAL); // 600 / 700 = 86%
    }

    @Test
    void configuredBudgetIsUsedWithoutAContainerLimit() {
        probe.setRssMb(450);

        assertThat(monitor(MemoryConfig.defaults().withBudgetMb(500)).status()).isEqualTo(MemoryStatus.CRITICAL);
        assertThat(monitor(MemoryConfig.defaults()).status()).isEqualTo(MemoryStatus.EXCELLENT); // absolute fallback
    }

    @Test
    void reportIsAPlainMapReadyForJson() throws IOException {
        Files.writeString(cgroup.resolve("memory.max"), "max");
        probe.setRssMb(1200);
        MemoryMonitor monitor = monitor(MemoryConfig.defaults());
        monitor.sampleNow();

        Map<String, Object> map = monitor.report().toMap();

        assertThat(map).containsKeys("status", "budget", "snapshot", "recommendations", "leakTrend", "history");
        assertThat(map.get("status")).isEqualTo("WARNING");
        assertThat(map.get("budget")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("source", "none").containsEntry("bytes", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> process = (Map<String, Object>) ((Map<String, Object>) map.get("snapshot")).get("process");
        assertThat(process).containsEntry("rssBytes", 1200 * MB).containsEntry("rssMb", 1200.0);
        assertThat((List<?>) map.get("history")).hasSize(1);
        assertThat((List<?>) map.get("recommendations")).anySatisfy(
                r -> assertThat(r.toString()).startsWith("RSS 1200.0MB is in the WARNING band"));
        assertThat((List<?>) map.get("recommendations")).anySatisfy(
                r -> assertThat(r.toString()).contains("MEMORY_BUDGET_MB"));
    }

    @Test
    void historyIsBoundedAndFindsALeakTrend() {
        MemoryMonitor monitor = monitor(MemoryConfig.defaults().withHistorySize(120)
                .withLeakWindow(Duration.ofMinutes(5)).withLeakMinRiseMb(20));
        for (int i = 0; i < 300; i++) {
            probe.setRssMb(300 + i * 0.5); // 6 MB/min at 5 s
            monitor.sampleNow();
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(monitor.history()).hasSize(120);
        assertThat(monitor.leakTrend()).hasValueSatisfying(
                t -> assertThat(t.slopeMbPerMinute()).isBetween(5.9, 6.1));
        assertThat(samplerLog.messages(MemoryLog.Level.WARN)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("MB/min"));
    }

    @Test
    void startRunsADaemonSamplerThreadThatCloseStops() throws InterruptedException {
        MemoryMonitor monitor = monitor(MemoryConfig.defaults().withSampleInterval(Duration.ofMillis(20))
                .withLeakWindow(Duration.ofSeconds(1)));
        monitor.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (monitor.history().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(monitor.history()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(samplerThreads()).singleElement().satisfies(t -> assertThat(t.isDaemon()).isTrue());
            assertThatThrownBy(monitor::start).isInstanceOf(IllegalStateException.class);
        } finally {
            monitor.close();
        }
        assertThat(monitor.isRunning()).isFalse();
        Thread.sleep(50);
        assertThat(samplerThreads()).isEmpty();
        assertThatThrownBy(monitor::start).hasMessageContaining("closed");
    }

    private static List<Thread> samplerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(MemorySampler.THREAD_NAME) && t.isAlive()).toList();
    }

    @Test
    void filtersAreCreatedOnceEach() {
        MemoryMonitor monitor = monitor(MemoryConfig.defaults());

        assertThat(monitor.requestLoggingFilter()).isSameAs(monitor.requestLoggingFilter());
        assertThat(monitor.sizeMonitorFilter()).isSameAs(monitor.sizeMonitorFilter())
                .isNotSameAs(monitor.requestLoggingFilter());
    }
}
