package io.nextops.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

class JsonLogEncoderTest {
    private final LoggerContext context = new LoggerContext();
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonLogEncoder encoder() {
        JsonLogEncoder encoder = new JsonLogEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private LoggingEvent event(String message, Throwable thrown, Object... args) {
        return event(Map.of(), message, thrown, args);
    }

    private LoggingEvent event(Map<String, String> mdc, String message, Throwable thrown, Object... args) {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("io.nextops.access"), Level.INFO, message,
                thrown, args);
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private JsonNode read(byte[] line) throws Exception {
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\n\n");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        return mapper.readTree(text);
    }

    @Test
    void writesTheDocumentedFieldsOnOneLine() throws Exception {
        LoggingEvent event = event(Map.of("method", "GET", "status", "200", "duration_ms", "12"),
                "GET {} took {} ms \"quoted\"", null, "/api/x", 12);
        event.setTimeStamp(1_700_000_000_123L);

        JsonNode json = read(encoder().encode(event));

        assertThat(json.fieldNames()).toIterable()
                .startsWith("time", "message", "logger", "thread", "level")
                .contains("method", "status", "duration_ms")
                .doesNotContain("stack_trace", "@version", "level_value");
        assertThat(json.get("message").asText()).isEqualTo("GET /api/x took 12 ms \"quoted\"");
        assertThat(json.get("logger").asText()).isEqualTo("io.nextops.access");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(json.get("status").asText()).isEqualTo("200");
        assertThat(java.time.OffsetDateTime.parse(json.get("time").asText()).toInstant().toEpochMilli())
                .isEqualTo(1_700_000_000_123L);
    }

    @Test
    void keyValuePairsAndMarkersBecomeFields() throws Exception {
        LoggingEvent event = event("x", null);
        List<KeyValuePair> pairs = new ArrayList<>();
        pairs.add(new KeyValuePair("rows", 42));
        event.setKeyValuePairs(pairs);
        event.addMarker(MarkerFactory.getMarker("AUDIT"));

        JsonNode json = read(encoder().encode(event));

        assertThat(json.get("rows").asText()).isEqualTo("42");
        assertThat(json.get("tags").get(0).asText()).isEqualTo("AUDIT");
    }

    @Test
    void stackTraceIsShortenedPerThrowableAndInLength() throws Exception {
        IllegalStateException deep = deep(60);
        JsonNode json = read(encoder().encode(event("failed", new RuntimeException("outer", deep))));

        String trace = json.get("stack_trace").asText();
        assertThat(trace).startsWith("java.lang.RuntimeException: outer").contains("Caused by: java.lang.IllegalStateException: deep");
        assertThat(trace.length()).isLessThanOrEqualTo(JsonLogEncoder.MAX_LENGTH);
        assertThat(trace.lines().filter(l -> l.trim().startsWith("at ")).count())
                .isLessThanOrEqualTo(2L * JsonLogEncoder.MAX_DEPTH);
    }

    private static IllegalStateException deep(int depth) {
        return depth == 0 ? new IllegalStateException("deep") : deep(depth - 1);
    }
}
