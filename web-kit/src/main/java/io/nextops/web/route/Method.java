package io.nextops.web.route;

import java.util.Locale;
import java.util.Optional;

/** The HTTP methods a route may declare. {@code HEAD} is never declared: every GET route answers it. */
public enum Method {
    GET, POST, PUT, PATCH, DELETE;

    /** The method named {@code name} (as sent on the request line, case-sensitive), or empty. */
    public static Optional<Method> of(String name) {
        for (Method m : values()) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The lower-case name OpenAPI uses for the operation. */
    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
