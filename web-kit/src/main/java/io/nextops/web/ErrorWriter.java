package io.nextops.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the error envelope {@code {code, message, errors: [{field, message}], detail}} (the original's
 * shape; {@code detail} repeats the message as DRF clients read it) and the one mapping from an
 * {@link ApiException.Kind} to an HTTP status. Every part of the server that answers an error calls it: the API's
 * error filter, the authentication filter, the worker pool's 503 and Jetty's own error handler. Thread-safe.
 *
 * <pre>{@code
 * ErrorWriter.write(response, ApiException.validation("page", "A valid integer is required."));
 * byte[] body = ErrorWriter.body("server_busy", "The server is busy; retry shortly.", List.of()); // outside servlets
 * }</pre>
 */
public final class ErrorWriter {
    private static final Logger log = LoggerFactory.getLogger(ErrorWriter.class);

    private ErrorWriter() {}

    /** The HTTP status of {@code kind}. */
    public static int status(ApiException.Kind kind) {
        return switch (kind) {
            case VALIDATION -> 400;
            case NOT_AUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    /**
     * Answers {@code e} on {@code response}: status, {@code WWW-Authenticate} for 401, {@code Retry-After} when the
     * exception carries one, {@code Allow} for 405, and the envelope. Does nothing (but log) once the response is
     * committed, since the status can no longer change.
     */
    public static void write(HttpServletResponse response, ApiException e) throws IOException {
        if (response.isCommitted()) {
            log.info("cannot report {} ({}): response already committed", e.code(), e.getMessage());
            return;
        }
        response.reset();
        if (e.kind() == ApiException.Kind.NOT_AUTHENTICATED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"api\"");
        }
        if (e.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        if (!e.allowedMethods().isEmpty()) {
            response.setHeader("Allow", String.join(", ", e.allowedMethods()));
        }
        write(response, status(e.kind()), e.code(), e.getMessage(), e.errors());
    }

    /** Answers a bare status with {@code code} and {@code message} (e.g. the 500 that hides an internal error). */
    public static void write(HttpServletResponse response, int status, String code, String message,
                             List<FieldError> errors) throws IOException {
        Json.write(response, status, envelope(code, message, errors));
    }

    /** The envelope as UTF-8 JSON bytes, for writers outside the servlet API (Jetty handlers). */
    public static byte[] body(String code, String message, List<FieldError> errors) {
        try {
            return Json.MAPPER.writeValueAsBytes(envelope(code, message, errors));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the error envelope for " + code, e);
        }
    }

    private static Map<String, Object> envelope(String code, String message, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("errors", errors);
        body.put("detail", message);
        return body;
    }
}
