package io.nextops.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query string of one request, decoded once and strictly: pairs split on {@code &}, {@code +} read as a space,
 * percent escapes turned into bytes and the bytes decoded as UTF-8 with a decoder that reports malformed input
 * instead of replacing it. A malformed escape ({@code %G1}, a lone {@code %}) or bytes that are not UTF-8
 * ({@code %FF}, an overlong {@code %C0%AF}, a lone surrogate) become a {@link FieldError} naming the parameter; the
 * pair is left out. The servlet container's own parameter parsing ({@code getParameter}) is never used for the
 * query: Jetty would replace or throw on such bytes, and a throw there is a 500.
 *
 * <p>Values keep their order; a name given more than once has several values (see {@link Params} for which one a
 * single-valued parameter uses). Immutable after parsing and thread-safe.
 */
public final class QueryString {
    private static final String ATTRIBUTE = QueryString.class.getName();

    private final Map<String, List<String>> values;
    private final List<FieldError> errors;

    private QueryString(Map<String, List<String>> values, List<FieldError> errors) {
        this.values = values;
        this.errors = errors;
    }

    /** The query of {@code request}, parsed on first use and kept on the request. */
    public static QueryString of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof QueryString q) {
            return q;
        }
        QueryString q = parse(request.getQueryString());
        request.setAttribute(ATTRIBUTE, q);
        return q;
    }

    /** Parses a raw (still percent-encoded) query string; null or empty is an empty query. */
    public static QueryString parse(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
                String name = decode(rawName);
                if (name == null) {
                    errors.add(new FieldError(lenient(rawName), "The parameter name is not valid percent-encoded UTF-8."));
                    continue;
                }
                String value = decode(rawValue);
                if (value == null) {
                    errors.add(new FieldError(name, "The value is not valid percent-encoded UTF-8."));
                    continue;
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        values.replaceAll((k, v) -> List.copyOf(v));
        return new QueryString(Collections.unmodifiableMap(values), List.copyOf(errors));
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Every parameter, in order of first appearance. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    /** The malformed pairs, each naming its parameter. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Strict decoding, or null when the escapes or the bytes are malformed. */
    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return wellFormedSurrogates(s) ? s : null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || s.charAt(i + 1) > 0x7f || s.charAt(i + 2) > 0x7f) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                // a raw non-ASCII character in the URI (the container passed it through): keep it as UTF-8
                byte[] b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i++;
            } else if (Character.isSurrogate(c)) {
                return null;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return strictUtf8(bytes.toByteArray());
    }

    private static boolean wellFormedSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String strictUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A printable form of a malformed name for the error's {@code field}: escapes kept, at most 64 characters. */
    private static String lenient(String rawName) {
        String s = rawName.length() > 64 ? rawName.substring(0, 64) : rawName;
        return s.isEmpty() ? "query" : s;
    }
}
