package io.nextops.web.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every route of the server, checked once when built: no two routes share a method and a template, and no template
 * is ambiguous with another. {@link #match} resolves a request to a route, to "wrong method" (with the allowed
 * ones) or to "no route", the same way on every path: the final slash is optional and HEAD is served by GET.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * RouteTable table = RouteTable.of(List.of(ots.routes(), invoices.routes(), server.routes()));
 * RouteTable.Match m = table.match("GET", "/api/ots/12");   // m.route() is ots_retrieve, m.variables() {id=12}
 * }</pre>
 */
public final class RouteTable {
    /** Request attribute under which the server keeps the {@link Match} of a request. */
    public static final String MATCH_ATTRIBUTE = "nextops.route";

    private final List<Route> routes;
    private final Map<String, Map<Method, Route>> byTemplate;
    private final Map<Integer, List<Shape>> bySegmentCount;

    private record Shape(String template, String[] segments, int variables) {}

    /** What a request resolved to: a route, or the template whose methods differ, or nothing (all null/empty). */
    public record Match(Route route, String template, Map<String, String> variables, Set<Method> allowed) {
        public boolean found() {
            return route != null;
        }

        /** The path exists with other methods: 405 with {@code Allow}. */
        public boolean wrongMethod() {
            return route == null && !allowed.isEmpty();
        }

        /** The methods for the {@code Allow} header, HEAD with GET. */
        public List<String> allowHeader() {
            List<String> names = new ArrayList<>();
            for (Method m : allowed) {
                names.add(m.name());
                if (m == Method.GET) {
                    names.add("HEAD");
                }
            }
            return names;
        }
    }

    private static final Match NONE = new Match(null, null, Map.of(), Set.of());

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Map<String, Map<Method, Route>> templates = new LinkedHashMap<>();
        Map<String, String> canonical = new HashMap<>();
        for (Route r : routes) {
            String key = strip(r.template());
            String seen = canonical.putIfAbsent(key, r.template());
            if (seen != null && !seen.equals(r.template())) {
                throw new IllegalArgumentException("templates " + seen + " and " + r.template()
                        + " differ only in the final slash");
            }
            Route previous = templates.computeIfAbsent(r.template(), t -> new LinkedHashMap<>()).put(r.method(), r);
            if (previous != null) {
                throw new IllegalArgumentException("two routes for " + r.method() + " " + r.template() + ": "
                        + previous.operationId() + " and " + r.operationId());
            }
        }
        if (routes.stream().map(Route::operationId).distinct().count() != routes.size()) {
            throw new IllegalArgumentException("operationIds must be unique: " + routes.stream()
                    .collect(Collectors.groupingBy(Route::operationId, Collectors.counting())).entrySet().stream()
                    .filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList());
        }
        this.byTemplate = templates;
        Map<Integer, List<Shape>> shapes = new HashMap<>();
        for (String template : templates.keySet()) {
            String[] segments = segments(strip(template));
            int variables = 0;
            for (String s : segments) {
                variables += s.startsWith("{") ? 1 : 0;
            }
            Shape shape = new Shape(template, segments, variables);
            List<Shape> same = shapes.computeIfAbsent(segments.length, n -> new ArrayList<>());
            for (Shape other : same) {
                if (other.variables == shape.variables && overlaps(other.segments, shape.segments)) {
                    throw new IllegalArgumentException("templates " + other.template + " and " + template
                            + " match the same paths");
                }
            }
            same.add(shape);
        }
        // the template with the fewest variables wins (a literal segment beats {id})
        shapes.values().forEach(list -> list.sort((a, b) -> Integer.compare(a.variables, b.variables)));
        this.bySegmentCount = shapes;
    }

    /** The table of {@code groups} of routes (each module's list), in order. */
    public static RouteTable of(Collection<? extends Collection<Route>> groups) {
        List<Route> all = new ArrayList<>();
        groups.forEach(all::addAll);
        return new RouteTable(all);
    }

    /** Every route, in declaration order. */
    public List<Route> routes() {
        return routes;
    }

    /** The route for {@code method} and {@code template} exactly as declared, if any. */
    public Optional<Route> find(Method method, String template) {
        return Optional.ofNullable(byTemplate.getOrDefault(template, Map.of()).get(method));
    }

    /**
     * Resolves {@code method} (as on the request line; HEAD is served by GET) and {@code path} (decoded, without the
     * query string).
     */
    public Match match(String method, String path) {
        if (path == null || !path.startsWith("/")) {
            return NONE;
        }
        String[] segments = segments(strip(path));
        for (Shape shape : bySegmentCount.getOrDefault(segments.length, List.of())) {
            Map<String, String> variables = bind(shape.segments, segments);
            if (variables == null) {
                continue;
            }
            Map<Method, Route> methods = byTemplate.get(shape.template);
            Optional<Method> m = Method.of("HEAD".equals(method) ? "GET" : method);
            Route route = m.map(methods::get).orElse(null);
            if (route != null) {
                return new Match(route, shape.template, variables, Set.of());
            }
            return new Match(null, shape.template, Map.of(), EnumSet.copyOf(methods.keySet()));
        }
        return NONE;
    }

    private static Map<String, String> bind(String[] template, String[] path) {
        Map<String, String> variables = null;
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{")) {
                if (!isId(path[i])) {
                    return null;
                }
                if (variables == null) {
                    variables = new HashMap<>(2);
                }
                variables.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return variables == null ? Map.of() : variables;
    }

    private static boolean overlaps(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            boolean av = a[i].startsWith("{");
            boolean bv = b[i].startsWith("{");
            if (!av && !bv && !a[i].equals(b[i])) {
                return false;
            }
            if (av != bv && !(av ? isId(b[i]) : isId(a[i]))) {
                return false;
            }
        }
        return true;
    }

    /** 1 to 18 ASCII digits: every id of this API fits a positive long. */
    static boolean isId(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String[] segments(String path) {
        return path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
    }
}
