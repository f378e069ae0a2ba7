package io.nextops.web.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One route of the API: method, path template, handler, and the facts the server needs to run it (who may call it,
 * how heavy it is, the query parameters it reads). Routes are data: the server mounts them in one loop, and
 * authentication, the worker pool's lanes, memory admission, the API document and the bad-input tests all read the
 * same list, so that a new route cannot miss one of them. Immutable and thread-safe.
 *
 * <pre>{@code
 * Route list = Route.get("/api/invoices/", "invoices_list", resource::list)
 *         .tag("invoices").params(InvoiceQuery.PARAMS).paged().build();
 * Route create = Route.post("/api/invoices/", "invoices_create", resource::create)
 *         .tag("invoices").access(Access.MANAGER).build();
 * }</pre>
 *
 * <p>Templates are absolute and segment-wise: literals and {@code {name}} variables, which match 1 to 18 ASCII
 * digits (every variable of this API is an id). A canonical template ends with {@code /} as the original's routers
 * do; requests match with or without that final slash, on every route alike. A GET route also answers HEAD.
 *
 * @param method the HTTP method
 * @param template the path template, e.g. {@code /api/invoices/{id}/}
 * @param operationId a stable name for the API document and logs, e.g. {@code invoices_retrieve}
 * @param tag the API document's group
 * @param endpoint what the route does
 * @param access who may call it
 * @param work where it runs and whether it is heavy
 * @param params the query parameters it reads, in document order
 * @param reserveBytes for HEAVY work, the most memory one request may hold (buffers, spool, batch), reserved
 *                     against the heavy lane's share of the memory budget before it starts; 0 otherwise
 */
public record Route(Method method, String template, String operationId, String tag, Endpoint endpoint,
                    Access access, Work work, List<Param> params, long reserveBytes) {
    private static final Pattern TEMPLATE = Pattern.compile("(/([a-z0-9_.-]+|\\{[a-z_]+\\}))+/?");
    private static final Pattern OPERATION = Pattern.compile("[a-z][a-z0-9_]*");

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(tag, "tag");
        if (template == null || !TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("template must be an absolute path of literals and {variables}, was "
                    + template);
        }
        if (operationId == null || !OPERATION.matcher(operationId).matches()) {
            throw new IllegalArgumentException("operationId must be snake_case, was " + operationId);
        }
        params = List.copyOf(params);
        if (reserveBytes < 0 || (work != Work.HEAVY && reserveBytes != 0)) {
            throw new IllegalArgumentException("route " + operationId + ": reserveBytes must be >= 0 and only set on "
                    + "HEAVY work, was " + reserveBytes + " on " + work);
        }
        if (params.stream().map(Param::name).distinct().count() != params.size()) {
            throw new IllegalArgumentException("route " + operationId + ": a parameter is declared twice: " + params);
        }
    }

    public static Builder get(String template, String operationId, Endpoint endpoint) {
        return new Builder(Method.GET, template, operationId, endpoint);
    }

    public static Builder post(String template, String operationId, Endpoint endpoint) {
        return new Builder(Method.POST, template, operationId, endpoint);
    }

    public static Builder put(String template, String operationId, Endpoint endpoint) {
        return new Builder(Method.PUT, template, operationId, endpoint);
    }

    public static Builder patch(String template, String operationId, Endpoint endpoint) {
        return new Builder(Method.PATCH, template, operationId, endpoint);
    }

    public static Builder delete(String template, String operationId, Endpoint endpoint) {
        return new Builder(Method.DELETE, template, operationId, endpoint);
    }

    /** The template's variable names, in order ({@code [id]} for {@code /api/ots/{id}/}). */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        for (String segment : template.split("/")) {
            if (segment.startsWith("{")) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        return names;
    }

    /** Whether the route reads the paging parameters {@code page} and {@code page_size}. */
    public boolean paged() {
        return params.stream().anyMatch(p -> p.name().equals("page_size"));
    }

    @Override
    public String toString() {
        return method + " " + template + " (" + operationId + ", " + access + ", " + work
                + (reserveBytes > 0 ? " " + (reserveBytes >> 20) + " MiB" : "") + ")";
    }

    /** Builds a {@link Route}; defaults: tag {@code api}, {@link Access#AUTHENTICATED}, {@link Work#LIGHT}. Not thread-safe. */
    public static final class Builder {
        private final Method method;
        private final String template;
        private final String operationId;
        private final Endpoint endpoint;
        private String tag = "api";
        private Access access = Access.AUTHENTICATED;
        private Work work = Work.LIGHT;
        private final List<Param> params = new ArrayList<>();
        private long reserveBytes;

        private Builder(Method method, String template, String operationId, Endpoint endpoint) {
            this.method = method;
            this.template = template;
            this.operationId = operationId;
            this.endpoint = endpoint;
        }

        public Builder tag(String value) {
            this.tag = value;
            return this;
        }

        public Builder access(Access value) {
            this.access = value;
            return this;
        }

        public Builder work(Work value) {
            this.work = value;
            return this;
        }

        /** HEAVY work that may hold up to {@code bytes} (reserved before it starts). */
        public Builder heavy(long bytes) {
            this.work = Work.HEAVY;
            this.reserveBytes = bytes;
            return this;
        }

        /** Adds query parameters (in document order). */
        public Builder params(List<Param> values) {
            params.addAll(values);
            return this;
        }

        /** Adds the paging parameters {@code page} and {@code page_size}. */
        public Builder paged() {
            params.add(Param.integer("page", "page number, from 1"));
            params.add(Param.integer("page_size", "rows per page, 1 to 10000 (default 25)"));
            return this;
        }

        public Route build() {
            return new Route(method, template, operationId, tag, endpoint, access, work, params, reserveBytes);
        }
    }
}
