package io.nextops.server;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The {@code LOG_FORMAT=json} encoder: one JSON object per line with {@code time} (ISO-8601 with offset, in the
 * JVM's time zone), {@code message}, {@code logger}, {@code thread}, {@code level}, then every MDC entry and SLF4J
 * key-value pair as a field, {@code tags} for markers and {@code stack_trace} (at most {@value #MAX_DEPTH} frames per
 * throwable, {@value #MAX_LENGTH} characters) when the event has a throwable: the fields logstash-logback-encoder wrote
 * with the former configuration, written with the Jackson core generator the server has loaded anyway instead of
 * that library's ~70 classes.
 *
 * <p>Used from {@code logback.xml}: {@code <encoder class="io.nextops.server.JsonLogEncoder"/>}.
 *
 * <p>Thread-safety: {@link #encode} is safe for concurrent use once started (the appender serializes it anyway).
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
    static final int MAX_DEPTH = 20;
    static final int MAX_LENGTH = 4096;
    private static final byte[] NONE = new byte[0];
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final JsonFactory json = new JsonFactory();
    private final ThrowableProxyConverter stackTrace = new ThrowableProxyConverter();
    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public void start() {
        stackTrace.setOptionList(List.of(Integer.toString(MAX_DEPTH)));
        stackTrace.setContext(getContext());
        stackTrace.start();
        super.start();
    }

    @Override
    public void stop() {
        stackTrace.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("time", TIME.format(event.getInstant().atZone(zone)));
            g.writeStringField("message", event.getFormattedMessage());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("level", event.getLevel().toString());
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null) {
                for (Map.Entry<String, String> e : mdc.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
            }
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null) {
                for (KeyValuePair p : pairs) {
                    g.writeStringField(p.key, String.valueOf(p.value));
                }
            }
            List<Marker> markers = event.getMarkerList();
            if (markers != null && !markers.isEmpty()) {
                g.writeArrayFieldStart("tags");
                for (Marker m : markers) {
                    g.writeString(m.getName());
                }
                g.writeEndArray();
            }
            if (event.getThrowableProxy() != null) {
                String trace = stackTrace.convert(event);
                g.writeStringField("stack_trace", trace.length() > MAX_LENGTH ? trace.substring(0, MAX_LENGTH) : trace);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        out.write('\n');
        return out.toByteArray();
    }
}
