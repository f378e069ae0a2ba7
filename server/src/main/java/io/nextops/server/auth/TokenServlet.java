package io.nextops.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nextops.web.ApiException;
import io.nextops.web.FieldError;
import io.nextops.web.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/token/} ({@code {username, password}}) and {@code POST /api/token/refresh/} ({@code {refresh}}),
 * both answering {@code {access, refresh}} as SimpleJWT does (with rotation, a refresh answers a new refresh token
 * too). Failures are thrown as {@link ApiException} for the error filter. Thread-safe.
 */
final class TokenServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    enum Mode { LOGIN, REFRESH }

    private final transient Authentication auth;
    private final Mode mode;

    TokenServlet(Authentication auth, Mode mode) {
        this.auth = auth;
        this.mode = mode;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode body = Json.readObject(req);
        Tokens.Pair pair;
        if (mode == Mode.LOGIN) {
            Map<String, String> fields = required(body, "username", "password");
            pair = auth.login(fields.get("username"), fields.get("password"), req.getRemoteAddr());
        } else {
            pair = auth.refresh(required(body, "refresh").get("refresh"));
        }
        resp.setHeader("Cache-Control", "no-store");
        Json.write(resp, 200, Map.of("access", pair.access(), "refresh", pair.refresh()));
    }

    /** The named string fields, or a 400 naming every missing or blank one (DRF's messages). */
    private static Map<String, String> required(ObjectNode body, String... names) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> values = new java.util.HashMap<>();
        for (String name : names) {
            JsonNode node = body.get(name);
            if (node == null || node.isNull()) {
                errors.add(new FieldError(name, "This field is required."));
            } else if (!node.isTextual()) {
                errors.add(new FieldError(name, "Not a valid string."));
            } else if (node.asText().isBlank()) {
                errors.add(new FieldError(name, "This field may not be blank."));
            } else {
                values.put(name, node.asText());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return values;
    }
}
