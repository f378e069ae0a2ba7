package io.nextops.web;

import io.nextops.web.route.Param;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The typed query parameters of one request, read strictly from the {@link QueryString} (UTF-8 decoded once, with
 * malformed bytes refused). Each getter records a {@link FieldError} instead of throwing, so that
 * {@link #validate()} reports every bad parameter at once.
 *
 * <p>The rules, for every parameter type ({@link Param.Type}):
 * <ul>
 *   <li>an empty value is the same as an absent parameter (the original's {@code if value:} tests);</li>
 *   <li>every value is at most {@link #MAX_TEXT} characters and holds no NUL character;</li>
 *   <li>ids are 1 to 18 ASCII digits and at least 1; integers are ASCII digits (optionally {@code -}) in range;
 *       other Unicode digits, signs, spaces and underscores, which {@code Long.parseLong} or Python's {@code int()}
 *       would take, are refused;</li>
 *   <li>dates are {@code YYYY-MM-DD} in ASCII digits, a real calendar day, year 1 to 9999 (what both PostgreSQL and
 *       {@code java.time} accept);</li>
 *   <li>choices and ordering fields match exactly, with no trimming (so {@code csv\0} or {@code csv } is refused),
 *       case-insensitively only where the original compares so ({@link #oneOfIgnoreCase});</li>
 *   <li>a single-valued parameter given more than once uses its <em>last</em> value, as Django's
 *       {@code QueryDict.get} does, but every value given must be well-formed;</li>
 *   <li>parameters the route does not declare are ignored, as the original's hand-written filters ignore them.</li>
 * </ul>
 *
 * <p>A reader bound to a route's declared parameters ({@link #of(HttpServletRequest, List)}, as
 * {@code Call.params()} gives it) refuses, with an {@link IllegalStateException}, to read a parameter that the route
 * does not declare or to read it as another type: what a handler reads is what the route table (and so the API
 * document and the generated bad-input test) says. Not thread-safe: one per request.
 */
public final class Params {
    /** Longest value accepted in a query parameter, in characters. */
    public static final int MAX_TEXT = 255;
    /** Largest number of terms in a comma-separated value (ordering, choice lists). */
    public static final int MAX_TERMS = 32;

    private static final Set<Param.Type> TEXT_TYPES = EnumSet.of(Param.Type.TEXT, Param.Type.FLAG);

    private final HttpServletRequest request;
    private final QueryString query;
    private final Map<String, Param> declared;
    private final List<FieldError> errors = new ArrayList<>();

    private Params(HttpServletRequest request, QueryString query, List<Param> declared) {
        this.request = request;
        this.query = query;
        if (declared == null) {
            this.declared = null;
        } else {
            this.declared = new LinkedHashMap<>();
            declared.forEach(p -> this.declared.put(p.name(), p));
        }
        errors.addAll(query.errors());
    }

    /** A reader of the parameters {@code declared} for the route of {@code request} (reading any other throws). */
    public static Params of(HttpServletRequest request, List<Param> declared) {
        return new Params(request, QueryString.of(request), List.copyOf(declared));
    }

    /** A reader of any parameter, for handlers outside a route table and for tests. */
    public static Params unbound(HttpServletRequest request) {
        return new Params(request, QueryString.of(request), null);
    }

    /** A reader over a raw query string (tests, and callers without a servlet request). */
    public static Params parse(String rawQuery, List<Param> declared) {
        return new Params(null, QueryString.parse(rawQuery), declared == null ? null : List.copyOf(declared));
    }

    /**
     * Checks every value of every declared parameter against its type (the checks of the getters, without the
     * handler's own choices), plus the query's encoding, and throws the validation error listing every problem.
     * The route servlet runs it before any handler, so that a malformed parameter is refused the same way on every
     * route, whatever the handler reads.
     */
    public void checkDeclared() {
        if (declared != null) {
            for (Param p : declared.values()) {
                for (String v : query.values(p.name())) {
                    check(p, v);
                }
            }
        }
        validate();
    }

    /** The first non-blank value of {@code name}, trimmed, or null (a {@link Param.Type#TEXT} or {@code FLAG}). */
    public String text(String name) {
        String v = last(name, TEXT_TYPES);
        if (v == null || v.isBlank()) {
            return null;
        }
        return v.strip();
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
        List<String> out = new ArrayList<>();
        for (String v : all(name, EnumSet.of(Param.Type.TEXT_LIST))) {
            if (!v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }

    /** A positive id (1 to 18 ASCII digits), or null when absent. */
    public Long id(String name) {
        String v = last(name, EnumSet.of(Param.Type.ID));
        return v == null ? null : Long.parseLong(v);
    }

    /** An ISO date (YYYY-MM-DD, year 1 to 9999) of the first of {@code names} given, or null when none is. */
    public LocalDate date(String... names) {
        for (String name : names) {
            String v = last(name, EnumSet.of(Param.Type.DATE));
            if (v != null) {
                return LocalDate.parse(v);
            }
        }
        return null;
    }

    /** An integer in {@code [min, max]}, or {@code defaultValue} when absent or invalid (the error is recorded). */
    public int integer(String name, int defaultValue, int min, int max) {
        String v = last(name, EnumSet.of(Param.Type.INTEGER));
        if (v == null) {
            return defaultValue;
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            errors.add(new FieldError(name, "Ensure this value is between " + min + " and " + max + "."));
            return defaultValue;
        }
        return (int) n;
    }

    /** One of {@code allowed}, compared exactly, or null when absent. */
    public String oneOf(String name, Set<String> allowed) {
        String v = last(name, EnumSet.of(Param.Type.CHOICE));
        if (v != null && !allowed.contains(v)) {
            errors.add(notAChoice(name, v));
            return null;
        }
        return v;
    }

    /** One of {@code allowed} (lower-case values) ignoring case, as its lower-case value, or null when absent. */
    public String oneOfIgnoreCase(String name, Set<String> allowed) {
        String v = last(name, EnumSet.of(Param.Type.CHOICE));
        if (v == null) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            errors.add(notAChoice(name, v));
            return null;
        }
        return lower;
    }

    /** Comma-separated values of {@code name}, each one of {@code allowed} exactly; empty when absent. */
    public List<String> csvOneOf(String name, Set<String> allowed) {
        String v = last(name, EnumSet.of(Param.Type.CHOICE_LIST));
        List<String> out = new ArrayList<>();
        for (String part : terms(v)) {
            if (!allowed.contains(part)) {
                errors.add(notAChoice(name, part));
            } else {
                out.add(part);
            }
        }
        return out;
    }

    /**
     * The terms of an ordering ({@code a,-b}), each one of {@code fields} with an optional {@code -} prefix, matched
     * exactly; spaces around a term are dropped as DRF's OrderingFilter does. Unknown fields are recorded as errors.
     */
    public List<String> ordering(String name, Collection<String> fields) {
        String v = last(name, EnumSet.of(Param.Type.ORDERING));
        List<String> out = new ArrayList<>();
        for (String term : terms(v)) {
            String field = term.startsWith("-") ? term.substring(1) : term;
            if (fields.contains(field)) {
                out.add(term);
            } else {
                errors.add(new FieldError(name, "\"" + term + "\" is not a valid ordering; use one of "
                        + String.join(", ", new java.util.TreeSet<>(fields)) + ", optionally prefixed with '-'."));
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
            throw ApiException.validation(List.copyOf(new java.util.LinkedHashSet<>(errors)));
        }
    }

    /** The request (null for a reader made by {@link #parse}). */
    public HttpServletRequest request() {
        return request;
    }

    /** Records {@code v}'s problem as a value of {@code p}, if any; returns true when the value is accepted. */
    private boolean check(Param p, String v) {
        String problem = ParamValues.problem(p, v);
        if (problem == null) {
            return true;
        }
        errors.add(new FieldError(p.name(), problem));
        return false;
    }

    private static FieldError notAChoice(String name, String v) {
        return new FieldError(name, ParamValues.notAChoice(v));
    }

    private static List<String> terms(String v) {
        return ParamValues.terms(v);
    }

    /** The last non-empty value of {@code name} after checking every value, or null when absent or refused. */
    private String last(String name, Set<Param.Type> types) {
        List<String> values = all(name, types);
        for (int i = values.size() - 1; i >= 0; i--) {
            if (!values.get(i).isEmpty()) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Every value of {@code name}, each checked; null if any is refused (the errors are recorded). */
    private List<String> all(String name, Set<Param.Type> types) {
        Param p = param(name, types);
        List<String> values = query.values(name);
        boolean ok = true;
        for (String v : values) {
            ok &= check(p, v); // a value read twice (aliases) is reported once: validate() drops repeats
        }
        return ok ? values : List.of();
    }

    private Param param(String name, Set<Param.Type> types) {
        if (declared == null) {
            // unbound: the type checks of the getter; choices are checked by the getter itself
            Param.Type type = types.iterator().next();
            boolean choices = type == Param.Type.CHOICE || type == Param.Type.CHOICE_LIST
                    || type == Param.Type.ORDERING;
            return new Param(name, choices ? Param.Type.TEXT : type, List.of(), "");
        }
        Param p = declared.get(name);
        if (p == null) {
            throw new IllegalStateException("the route does not declare the query parameter " + name
                    + "; declared: " + declared.keySet());
        }
        if (!types.contains(p.type())) {
            throw new IllegalStateException("the query parameter " + name + " is declared " + p.type()
                    + " but read as " + types);
        }
        return p;
    }
}
