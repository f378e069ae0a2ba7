package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestMemoryLoggingFilterTest {
    private static final long MB = Units.BYTES_PER_MB;
    private static final FilterChain PASS = (req, res) -> { };

    @TempDir
    Path noCgroup;
    private final RecordingLog log = new RecordingLog();
    private final FakeRssProbe probe = FakeRssProbe.mb(300);

    private RequestMemoryLoggingFilter filter(RequestSampler sampler, long budgetBytes) {
        SnapshotTaker taker = new SnapshotTaker(probe, () -> SystemMemoryProbe.SystemMemory.UNKNOWN,
                new CgroupReader(noCgroup), new JvmMemoryReader(), Clock.systemUTC());
        Budget budget = Budget.of(-1, budgetBytes);
        return new RequestMemoryLoggingFilter(sampler, taker,
                rss -> Thresholds.defaults().classify(rss, budget.asOptional()), () -> budget, "nextops.user", log);
    }

    /** A sampler that answers from a fixed script. */
    private static RequestSampler scripted(Boolean... answers) {
        Iterator<Boolean> it = List.of(answers).iterator();
        return it::next;
    }

    @Test
    void logsOnlyOnSampledRequests() throws Exception {
        RequestMemoryLoggingFilter filter = filter(scripted(false, true, false), -1);
        ServletFakes.Request request = new ServletFakes.Request();

        filter.doFilter(request.proxy(), new ServletFakes.Response().proxy(), PASS);
        request.uri = "/api/ots/42";
        request.method = "POST";
        filter.doFilter(request.proxy(), new ServletFakes.Response().proxy(), PASS);
        filter.doFilter(request.proxy(), new ServletFakes.Response().proxy(), PASS);

        assertThat(log.lines()).hasSize(1);
        assertThat(log.lines().get(0).level()).isEqualTo(MemoryLog.Level.INFO);
        assertThat(log.lines().get(0).message())
                .startsWith("memory sample POST /api/ots/42 status=200 rss=300.0MB vms=1200.0MB heapUsed=")
                .endsWith("memoryStatus=EXCELLENT");
    }

    @Test
    void sampledFractionFollowsTheRate() throws Exception {
        RequestMemoryLoggingFilter filter = filter(RequestSampler.seeded(0.01, 1), -1);
        ServletFakes.Request request = new ServletFakes.Request();
        var httpRequest = request.proxy();
        var httpResponse = new ServletFakes.Response().proxy();

        for (int i = 0; i < 20_000; i++) {
            filter.doFilter(httpRequest, httpResponse, PASS);
        }

        assertThat(log.lines()).hasSizeBetween(140, 260); // expected 200, sd ~14
    }

    @Test
    void criticalStatusLogsAnErrorWithTheUserFromTheAttribute() throws Exception {
        probe.setRssMb(900); // 90% of the 1000 MB budget
        RequestMemoryLoggingFilter filter = filter(() -> true, 1000 * MB);
        ServletFakes.Request request = new ServletFakes.Request();
        request.remoteUser = "container-user";
        // set by the authentication layer further down the chain
        FilterChain authenticating = (req, res) -> req.setAttribute("nextops.user", "alice");

        filter.doFilter(request.proxy(), new ServletFakes.Response().proxy(), authenticating);

        assertThat(log.messages(MemoryLog.Level.WARN)).singleElement().asString().endsWith("memoryStatus=CRITICAL");
        assertThat(log.messages(MemoryLog.Level.ERROR)).containsExactly(
                "memory CRITICAL rss=900.0MB budget=1000.0MB (configured) after GET /api/things status=200 user=alice");
    }

    @Test
    void criticalWithoutAttributeFallsBackToRemoteUserThenAnonymous() throws Exception {
        probe.setRssMb(1600); // no budget: absolute 1500 MB band
        RequestMemoryLoggingFilter filter = filter(() -> true, -1);
        ServletFakes.Request request = new ServletFakes.Request();
        request.remoteUser = "bob";

        filter.doFilter(request.proxy(), new ServletFakes.Response().proxy(), PASS);
        request.remoteUser = null;
        filter.doFilter(request.proxy(), new ServletFakes.Response().proxy(), PASS);

        assertThat(log.messages(MemoryLog.Level.ERROR)).hasSize(2);
        assertThat(log.messages(MemoryLog.Level.ERROR).get(0)).contains("budget=none").endsWith("user=bob");
        assertThat(log.messages(MemoryLog.Level.ERROR).get(1)).endsWith("user=anonymous");
    }

    @Test
    void warningStatusLogsTheSampleAtWarnWithoutAnError() throws Exception {
        probe.setRssMb(750);
        filter(() -> true, 1000 * MB).doFilter(new ServletFakes.Request().proxy(),
                new ServletFakes.Response().proxy(), PASS);

        assertThat(log.messages(MemoryLog.Level.WARN)).singleElement().asString().endsWith("memoryStatus=WARNING");
        assertThat(log.messages(MemoryLog.Level.ERROR)).isEmpty();
    }

    @Test
    void withInfoDisabledOnlyWarningsAndErrorsAreLogged() throws Exception {
        RecordingLog warnOnly = new RecordingLog(MemoryLog.Level.WARN);
        SnapshotTaker taker = new SnapshotTaker(probe, () -> SystemMemoryProbe.SystemMemory.UNKNOWN,
                new CgroupReader(noCgroup), new JvmMemoryReader(), Clock.systemUTC());
        Budget budget = Budget.of(-1, 1000 * MB);
        RequestMemoryLoggingFilter filter = new RequestMemoryLoggingFilter(() -> true, taker,
                rss -> Thresholds.defaults().classify(rss, budget.asOptional()), () -> budget, "u", warnOnly);

        filter.doFilter(new ServletFakes.Request().proxy(), new ServletFakes.Response().proxy(), PASS); // 30%
        probe.setRssMb(950);
        filter.doFilter(new ServletFakes.Request().proxy(), new ServletFakes.Response().proxy(), PASS); // 95%

        assertThat(warnOnly.lines()).extracting(RecordingLog.Line::level)
                .containsExactly(MemoryLog.Level.WARN, MemoryLog.Level.ERROR);
    }

    @Test
    void stillSamplesWhenTheChainFailsAndRethrows() {
        RequestMemoryLoggingFilter filter = filter(() -> true, -1);
        FilterChain failing = (req, res) -> {
            throw new ServletException("boom");
        };

        assertThatThrownBy(() -> filter.doFilter(new ServletFakes.Request().proxy(),
                new ServletFakes.Response().proxy(), failing)).hasMessage("boom");
        assertThat(log.lines()).hasSize(1);
    }

    @Test
    void aFailingProbeNeverFailsTheRequestAndIsLoggedOnce() throws IOException, ServletException {
        SnapshotTaker broken = new SnapshotTaker(() -> {
            throw new IllegalStateException("probe broke");
        }, () -> SystemMemoryProbe.SystemMemory.UNKNOWN, new CgroupReader(noCgroup), new JvmMemoryReader(),
                Clock.systemUTC());
        RequestMemoryLoggingFilter filter = new RequestMemoryLoggingFilter(() -> true, broken,
                rss -> MemoryStatus.GOOD, () -> Budget.NONE, "nextops.user", log);

        for (int i = 0; i < 3; i++) {
            filter.doFilter(new ServletFakes.Request().proxy(), new ServletFakes.Response().proxy(), PASS);
        }

        assertThat(log.messages(MemoryLog.Level.WARN)).singleElement().asString()
                .startsWith("memory sample failed (logged once").contains("probe broke");
    }

    @Test
    void unsampledRequestsDoNotReadMemory() throws Exception {
        int[] reads = {0};
        SnapshotTaker counting = new SnapshotTaker(() -> {
            reads[0]++;
            return RssProbe.Reading.unknown();
        }, () -> SystemMemoryProbe.SystemMemory.UNKNOWN, new CgroupReader(noCgroup), new JvmMemoryReader(),
                Clock.systemUTC());
        RequestMemoryLoggingFilter filter = new RequestMemoryLoggingFilter(() -> false, counting,
                rss -> Thresholds.defaults().classify(rss, OptionalLong.empty()), () -> Budget.NONE, "u", log);

        for (int i = 0; i < 1000; i++) {
            filter.doFilter(new ServletFakes.Request().proxy(), new ServletFakes.Response().proxy(), PASS);
        }

        assertThat(reads[0]).isZero();
        assertThat(log.lines()).isEmpty();
    }
}
