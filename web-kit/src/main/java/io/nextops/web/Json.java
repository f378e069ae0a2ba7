package io.nextops.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The one JSON configuration of the API: ISO-8601 dates, exact decimals (never binary floating point), request bodies
 * limited in size and nesting. Thread-safe.
 */
public final class Json {
    /** Largest JSON request body accepted, in bytes. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            // {"a":1,"a":2} is ambiguous (Python's json takes the last, others the first): a 400 naming the key
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '(.*)'");

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BODY_BYTES).maxNumberLength(64).build());
    }

    private Json() {}

    /**
     * Reads the request body as a JSON object. 415 unless the content type is JSON, 413 when larger than
     * {@link #MAX_BODY_BYTES}, 400 when it is not a JSON object or when a key appears twice in one object (the
     * error names the key; nested objects too).
     */
    public static ObjectNode readObject(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(ApiException.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "Unsupported media type \"" + (type == null ? "" : type) + "\" in request; send application/json.");
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ApiException(ApiException.Kind.PAYLOAD_TOO_LARGE, "request_too_large",
                    "Request body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        try (InputStream in = new LimitedInputStream(request.getInputStream(), MAX_BODY_BYTES)) {
            JsonNode node = MAPPER.readTree(in);
            if (node == null || !node.isObject()) {
                throw ApiException.validation("non_field_errors", "Expected a JSON object.");
            }
            return (ObjectNode) node;
        } catch (LimitedInputStream.TooLarge e) {
            throw new ApiException(ApiException.Kind.PAYLOAD_TOO_LARGE, "request_too_large",
                    "Request body is larger than " + MAX_BODY_BYTES + " bytes.");
        } catch (JsonProcessingException e) {
            java.util.regex.Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (m.find()) {
                throw ApiException.validation(m.group(1), "This key appears more than once in the JSON object.");
            }
            throw new ApiException(ApiException.Kind.VALIDATION, "parse_error",
                    "JSON parse error: " + e.getOriginalMessage(), java.util.List.of());
        } catch (IOException e) {
            throw new ApiException(ApiException.Kind.VALIDATION, "parse_error", "Could not read the request body.");
        }
    }

    /** Writes {@code body} as JSON with {@code status}. */
    public static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        MAPPER.writeValue(response.getOutputStream(), body);
    }

    /** A stream that fails once more than {@code max} bytes were read, so a lying Content-Length cannot bloat memory. */
    static final class LimitedInputStream extends java.io.FilterInputStream {
        static final class TooLarge extends IOException {
            private static final long serialVersionUID = 1L;
        }

        private long remaining;

        LimitedInputStream(InputStream in, long max) {
            super(in);
            this.remaining = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                remaining -= n;
                if (remaining < 0) {
                    throw new TooLarge();
                }
            }
            return n;
        }

        @Override
        public void close() {
            // the container owns the request stream
        }
    }
}
