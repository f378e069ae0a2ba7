package io.nextops.benchmarks.memory;

import io.nextops.memory.MemoryConfig;
import io.nextops.memory.MemoryMonitor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-request cost of the memory filters against a plain pass-through filter measured in the same run. The chain
 * does nothing but hand the request to a blackhole, so the differences are the filters' own overhead. There is no
 * logging backend on the classpath (SLF4J no-op), so a sampled request costs the readings and the message, not I/O.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class MemoryFilterBenchmark {
    private MemoryMonitor monitor;
    private Filter passThrough;
    private Filter loggingDefaultRate;
    private Filter loggingEveryRequest;
    private Filter sizeMonitor;
    private HttpServletRequest request;
    private HttpServletResponse response;
    private FilterChain chain;
    private MemoryMonitor everyRequestMonitor;

    /** The baseline: what any filter costs. */
    static final class PassThroughFilter implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(req, res);
        }
    }

    @Setup
    public void setUp(Blackhole blackhole) {
        monitor = MemoryMonitor.create(MemoryConfig.defaults()); // sample rate 0.01
        everyRequestMonitor = MemoryMonitor.create(MemoryConfig.defaults().withLogSampleRate(1.0));
        passThrough = new PassThroughFilter();
        loggingDefaultRate = monitor.requestLoggingFilter();
        loggingEveryRequest = everyRequestMonitor.requestLoggingFilter();
        sizeMonitor = monitor.sizeMonitorFilter();
        request = FakeHttp.request();
        response = FakeHttp.response();
        chain = (req, res) -> blackhole.consume(req);
    }

    @TearDown
    public void tearDown() {
        monitor.close();
        everyRequestMonitor.close();
    }

    @Benchmark
    public void baselinePassThrough() throws IOException, ServletException {
        passThrough.doFilter(request, response, chain);
    }

    @Benchmark
    public void loggingFilterDefaultRate() throws IOException, ServletException {
        loggingDefaultRate.doFilter(request, response, chain);
    }

    @Benchmark
    public void loggingFilterSampledRequest() throws IOException, ServletException {
        loggingEveryRequest.doFilter(request, response, chain);
    }

    @Benchmark
    public void sizeMonitorFilter() throws IOException, ServletException {
        sizeMonitor.doFilter(request, response, chain);
    }
}
