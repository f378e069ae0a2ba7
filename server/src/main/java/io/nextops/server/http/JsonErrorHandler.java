package io.nextops.server.http;

import io.nextops.web.ErrorWriter;
import java.util.List;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty itself produces (unknown path, malformed request, header too large, rejected during shutdown)
 * answered in the API's error envelope {@code {code, message, errors: []}} instead of an HTML page, never with a
 * stack trace. Thread-safe.
 */
public final class JsonErrorHandler extends ErrorHandler {

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    /** The envelope for a bare status; the message is the standard reason phrase, never internal detail. */
    static String body(int status) {
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "not_authenticated";
            case 403 -> "permission_denied";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "request_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "server_error" : "error";
        };
        return new String(ErrorWriter.body(code, HttpStatus.getMessage(status), List.of()), StandardCharsets.UTF_8);
    }
}
