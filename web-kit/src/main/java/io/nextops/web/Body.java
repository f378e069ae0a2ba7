package io.nextops.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nextops.web.ApiException;
import io.nextops.web.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON request body read field by field: each getter returns the given fallback when the field is absent, checks
 * the type, length or choice when present, and records a {@link FieldError} instead of throwing, so that
 * {@link #validate()} lists every bad field at once; fields no getter asked for are unknown and rejected.
 * Not thread-safe: one per request.
 */
public final class Body {
    private final ObjectNode node;
    private final List<FieldError> errors = new ArrayList<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> written = new TreeSet<>();

    public Body(ObjectNode node) {
        this.node = node;
    }

    /** Whether the body sets {@code name}. */
    public boolean has(String name) {
        known.add(name);
        return node.has(name);
    }

    /** Fields that are accepted and ignored (read-only fields of a GET result sent back in a PUT). */
    public void readOnly(String... names) {
        known.addAll(List.of(names));
    }

    /** Records "This field is required." unless the body sets {@code name}. */
    public void require(String name) {
        if (!has(name)) {
            error(name, "This field is required.");
        }
    }

    /** A non-null string of at most {@code maxChars} characters. */
    public String text(String name, int maxChars, String fallback) {
        return string(name, maxChars, fallback, false);
    }

    /** A string of at most {@code maxChars} characters, or null. */
    /** A required text field that may not be blank: {@link #require}, {@link #text} and the blank check in one. */
    public String requiredText(String name, int maxChars) {
        require(name);
        String value = text(name, maxChars, null);
        if (value != null && value.isBlank()) {
            error(name, "This field may not be blank.");
        }
        return value;
    }

    public String nullableText(String name, int maxChars, String fallback) {
        return string(name, maxChars, fallback, true);
    }

    private String string(String name, int maxChars, String fallback, boolean nullable) {
        JsonNode v = present(name);
        if (v == null) {
            return fallback;
        }
        if (v.isNull()) {
            if (!nullable) {
                error(name, "This field may not be null.");
            }
            return nullable ? null : fallback;
        }
        if (!v.isTextual()) {
            error(name, "Not a valid string.");
            return fallback;
        }
        String s = v.textValue();
        if (s.indexOf('\0') >= 0) {
            error(name, "Null characters are not allowed.");
            return fallback;
        }
        if (s.codePointCount(0, s.length()) > maxChars) {
            error(name, "Ensure this field has no more than " + maxChars + " characters.");
            return fallback;
        }
        return s;
    }

    /** One of {@code choices}. */
    public String choice(String name, Set<String> choices, String fallback) {
        JsonNode v = present(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual() || !choices.contains(v.textValue())) {
            error(name, "\"" + (v.isTextual() ? v.textValue() : v.toString()) + "\" is not a valid choice.");
            return fallback;
        }
        return v.textValue();
    }

    /** An ISO date (YYYY-MM-DD) or null. */
    public LocalDate date(String name, LocalDate fallback) {
        JsonNode v = present(name);
        if (v == null) {
            return fallback;
        }
        if (v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
            return null;
        }
        if (v.isTextual()) {
            try {
                return LocalDate.parse(v.textValue());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        error(name, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
        return fallback;
    }

    /** A positive id (JSON integer or digit string); null only when {@code nullable}. */
    public Long id(String name, Long fallback, boolean nullable) {
        JsonNode v = present(name);
        if (v == null) {
            return fallback;
        }
        if (v.isNull()) {
            if (!nullable) {
                error(name, "This field may not be null.");
                return fallback;
            }
            return null;
        }
        Long id = null;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            id = v.longValue();
        } else if (v.isTextual() && v.textValue().matches("\\d{1,18}")) {
            id = Long.parseLong(v.textValue());
        }
        if (id == null || id < 1) {
            error(name, "Incorrect type. Expected pk value, received " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
            return fallback;
        }
        return id;
    }

    /** A JSON boolean. */
    public boolean bool(String name, boolean fallback) {
        JsonNode v = present(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            error(name, "Must be a valid boolean.");
            return fallback;
        }
        return v.booleanValue();
    }

    /** An integer in {@code [min, max]}. */
    public int integer(String name, int min, int max, int fallback) {
        JsonNode v = present(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            error(name, "Must be an integer between " + min + " and " + max + ".");
            return fallback;
        }
        return v.intValue();
    }

    /** An array of at most {@code maxItems} strings of at most {@code maxChars} characters each. */
    public List<String> strings(String name, int maxItems, int maxChars, List<String> fallback) {
        JsonNode v = present(name);
        if (v == null) {
            return fallback;
        }
        if (v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > maxItems) {
            error(name, "Expected a list of at most " + maxItems + " items.");
            return fallback;
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual() || item.textValue().length() > maxChars || item.textValue().indexOf('\0') >= 0) {
                error(name, "Each item must be a string of at most " + maxChars + " characters.");
                return fallback;
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A JSON object. */
    public JsonNode object(String name, JsonNode fallback) {
        JsonNode v = present(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isObject()) {
            error(name, "Expected a JSON object.");
            return fallback;
        }
        return v;
    }

    /** Records a problem found by the caller. */
    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** The writable fields the body sets (read-only ones excluded), for the permission check. */
    public Set<String> written() {
        return Set.copyOf(written);
    }

    /** Throws a validation ApiException listing every bad and every unknown field, if any. */
    public void validate() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "Unknown field."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private JsonNode present(String name) {
        known.add(name);
        JsonNode v = node.get(name);
        if (v != null) {
            written.add(name);
        }
        return v;
    }
}
