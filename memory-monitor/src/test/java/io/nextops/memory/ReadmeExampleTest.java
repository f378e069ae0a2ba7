package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's usage example, compiled and run; {@link ReadmeSnippets} keeps the README's copy identical. */
class ReadmeExampleTest {

    @Test
    void monitorsThisProcess() {
        Map<String, String> env = Map.of("MEMORY_BUDGET_MB", "512", "MEMORY_SAMPLE_INTERVAL_SECONDS", "0.1");
        Map<String, Object> body;
        List<Filter> filters;
        boolean wasRunning;

        // tag::usage[]
        MemoryConfig config = MemoryConfig.fromEnv(env);                 // MEMORY_* variables, all errors together
        try (MemoryMonitor monitor = MemoryMonitor.create(config).start()) { // daemon thread "memory-sampler"
            // register both with your servlet container, for REQUEST dispatches, after authentication
            Filter sizes = monitor.sizeMonitorFilter();                   // WARN on bodies over MEMORY_SIZE_WARN_MB
            Filter sampled = monitor.requestLoggingFilter();              // a memory line for 1% of requests

            // GET /health/memory: serialize with any JSON library
            body = monitor.report().toMap();                              // or report().withoutHistory().toMap()
            // end::usage[]
            filters = List.of(sizes, sampled);
            wasRunning = monitor.isRunning();
        }

        assertThat(wasRunning).isTrue();
        assertThat(filters).doesNotContainNull();
        assertThat(body).containsKeys("status", "budget", "snapshot", "recommendations", "history");
        assertThat(body.get("status")).isIn("EXCELLENT", "GOOD", "WARNING", "CRITICAL");
    }

    @Test
    void readmeShowsThisExampleAndCitesOnlyExistingFiles() throws Exception {
        ReadmeSnippets.assertSnippetsMatchSources();
        ReadmeSnippets.assertRelativeLinksExist();
    }
}
