package io.nextops.invoices.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Joins the elements of a JSON array of strings (an OT's {@code contenedores} as PostgreSQL prints jsonb) without
 * building a tree: this runs once per exported invoice. Escapes and anything but plain strings fall back to Jackson.
 * Stateless, thread-safe.
 */
final class JsonStringArray {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonStringArray() {}

    /** The elements of {@code json} joined with {@code separator}; null for null, "" for an empty array. */
    static String join(String json, String separator) {
        if (json == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(json.length());
        int i = skipSpace(json, 0);
        if (i >= json.length() || json.charAt(i) != '[') {
            return slow(json, separator);
        }
        i = skipSpace(json, i + 1);
        if (i < json.length() && json.charAt(i) == ']') {
            return "";
        }
        boolean first = true;
        while (true) {
            if (i >= json.length() || json.charAt(i) != '"') {
                return slow(json, separator);
            }
            int end = json.indexOf('"', i + 1);
            if (end < 0) {
                return slow(json, separator);
            }
            int escape = json.indexOf('\\', i + 1);
            if (escape >= 0 && escape < end) {
                return slow(json, separator);
            }
            if (!first) {
                out.append(separator);
            }
            first = false;
            out.append(json, i + 1, end);
            i = skipSpace(json, end + 1);
            if (i < json.length() && json.charAt(i) == ',') {
                i = skipSpace(json, i + 1);
            } else if (i < json.length() && json.charAt(i) == ']') {
                return out.toString();
            } else {
                return slow(json, separator);
            }
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String slow(String json, String separator) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!node.isArray()) {
                return node.isTextual() ? node.textValue() : node.toString();
            }
            StringBuilder out = new StringBuilder();
            boolean first = true;
            for (JsonNode n : node) {
                if (!first) {
                    out.append(separator);
                }
                first = false;
                out.append(n.isTextual() ? n.textValue() : n.toString());
            }
            return out.toString();
        } catch (JsonProcessingException e) {
            return json; // not JSON at all: show what is stored rather than fail the export
        }
    }
}
