package io.nextops.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Typed query parameters of one request. Each getter records a {@link FieldError} instead of throwing, so that
 * {@link #validate()} reports every bad parameter at once. Not thread-safe: one per request.
 */
public final class Params {
    /** Longest text accepted in a filter value. */
    public static final int MAX_TEXT = 255;

    private final HttpServletRequest request;
    private final List<FieldError> errors = new ArrayList<>();

    public Params(HttpServletRequest request) {
        this.request = request;
    }

    /** The first non-blank value of {@code name}, trimmed, or null. */
    public String text(String name) {
        String v = request.getParameter(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.trim();
        if (v.length() > MAX_TEXT) {
            errors.add(new FieldError(name, "Ensure this value has at most " + MAX_TEXT + " characters."));
            return null;
        }
        if (v.indexOf('\0') >= 0) {
            errors.add(new FieldError(name, "Null characters are not allowed."));
            return null;
        }
        return v;
    }

    /** The first non-blank value among {@code names} (aliases such as fecha_desde / fecha_emision_desde). */
    public String firstText(String... names) {
        for (String n : names) {
            String v = text(n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Every non-blank value of a repeatable parameter ({@code ?x=a&x=b}), trimmed; empty list when none. */
    public List<String> texts(String name) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            v = v.trim();
            if (v.length() > MAX_TEXT || v.indexOf('\0') >= 0) {
                errors.add(new FieldError(name, "Ensure each value has at most " + MAX_TEXT + " characters and no null characters."));
                continue;
            }
            out.add(v);
        }
        return out;
    }

    /** A positive id, or null when absent. */
    public Long id(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            long id = Long.parseLong(v);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, "A valid integer id is required."));
        return null;
    }

    /** An ISO date (YYYY-MM-DD) among {@code names}, or null when absent. */
    public LocalDate date(String... names) {
        for (String name : names) {
            String v = text(name);
            if (v == null) {
                continue;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(name, "Date has wrong format. Use YYYY-MM-DD."));
                return null;
            }
        }
        return null;
    }

    /** An integer in {@code [min, max]}, or {@code defaultValue} when absent. */
    public int integer(String name, int defaultValue, int min, int max) {
        String v = text(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, "Must be an integer between " + min + " and " + max + "."));
        return defaultValue;
    }

    /** One of {@code allowed} (compared as given), or null when absent. */
    public String oneOf(String name, Set<String> allowed) {
        String v = text(name);
        if (v != null && !allowed.contains(v)) {
            errors.add(new FieldError(name, "\"" + v + "\" is not a valid choice."));
            return null;
        }
        return v;
    }

    /** Comma-separated values of {@code name}, each one of {@code allowed}; empty when absent. */
    public List<String> csvOneOf(String name, Set<String> allowed) {
        String v = text(name);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (!allowed.contains(part)) {
                errors.add(new FieldError(name, "\"" + part + "\" is not a valid choice."));
            } else {
                out.add(part);
            }
        }
        return out;
    }

    /** Records a problem found by the caller. */
    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Throws a validation ApiException listing every problem, if there is any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    public HttpServletRequest request() {
        return request;
    }
}
