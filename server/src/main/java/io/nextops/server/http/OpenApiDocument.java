package io.nextops.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nextops.web.Json;
import io.nextops.web.route.Access;
import io.nextops.web.route.Param;
import io.nextops.web.route.Route;
import io.nextops.web.route.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI 3.0.3 document of the route table. Structure comes from the routes: which paths and methods exist,
 * their query parameters with types and accepted values (the Java constants the handlers parse with), path
 * variables, the group, and {@code security: []} for routes that take no user token (open, metrics); the access rule and the work class are shown as
 * {@code x-access} and {@code x-work}. Prose comes from two resources: {@code openapi/document.json} (info, tags, the
 * component schemas and shared responses) and {@code openapi/operations.json} (per operationId: summary,
 * description, request body, responses, parameter examples). A route without prose, or prose without a route, is an
 * error when the document is built, so the two cannot drift apart.
 */
public final class OpenApiDocument {
    static final String BASE = "openapi/document.json";
    static final String OPERATIONS = "openapi/operations.json";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OpenApiDocument() {}

    /** Builds the document of {@code routes} from the prose resources on the classpath. */
    public static ObjectNode build(RouteTable routes) {
        ObjectNode base = read(BASE);
        ObjectNode prose = read(OPERATIONS);
        return build(routes, base, prose);
    }

    static ObjectNode build(RouteTable routes, ObjectNode base, ObjectNode prose) {
        Set<String> unused = new LinkedHashSet<>();
        prose.fieldNames().forEachRemaining(unused::add);
        List<String> missing = new ArrayList<>();
        Map<String, ObjectNode> paths = new LinkedHashMap<>();
        for (Route route : routes.routes()) {
            JsonNode text = prose.get(route.operationId());
            if (text == null) {
                missing.add(route.operationId());
                continue;
            }
            unused.remove(route.operationId());
            ObjectNode item = paths.computeIfAbsent(route.template(), t -> pathItem(route));
            item.set(route.method().lowerCase(), operation(route, (ObjectNode) text));
        }
        if (!missing.isEmpty() || !unused.isEmpty()) {
            throw new IllegalStateException("the API document's prose (" + OPERATIONS + ") and the route table differ: "
                    + "routes without prose " + missing + ", prose without a route " + unused);
        }
        ObjectNode doc = F.objectNode();
        doc.set("openapi", base.get("openapi"));
        doc.set("info", base.get("info"));
        doc.set("servers", base.get("servers"));
        doc.set("security", base.get("security"));
        doc.set("tags", base.get("tags"));
        ObjectNode out = doc.putObject("paths");
        paths.forEach(out::set);
        doc.set("components", base.get("components"));
        return doc;
    }

    private static ObjectNode pathItem(Route route) {
        ObjectNode item = F.objectNode();
        List<String> variables = route.variables();
        if (!variables.isEmpty()) {
            ArrayNode params = item.putArray("parameters");
            for (String v : variables) {
                ObjectNode p = params.addObject();
                p.put("name", v).put("in", "path").put("required", true)
                        .put("description", "numeric id (1 to 18 digits)");
                p.putObject("schema").put("type", "integer").put("format", "int64").put("minimum", 1);
            }
        }
        return item;
    }

    private static ObjectNode operation(Route route, ObjectNode text) {
        ObjectNode op = F.objectNode();
        op.put("operationId", route.operationId());
        op.putArray("tags").add(route.tag());
        op.set("summary", text.get("summary"));
        op.set("description", text.get("description"));
        if (route.access() == Access.OPEN || route.access() == Access.METRICS) {
            // no bearer JWT: open, or loopback / the metrics token
            op.putArray("security");
        } else if (route.access() == Access.OPERATOR) {
            // an admin's access token, the metrics token, or nothing from loopback
            ArrayNode security = op.putArray("security");
            security.addObject().putArray("bearerAuth");
            security.addObject().putArray("metricsToken");
            security.addObject();
        }
        op.put("x-access", route.access().name().toLowerCase(java.util.Locale.ROOT));
        op.put("x-work", route.work().name().toLowerCase(java.util.Locale.ROOT));
        if (!route.params().isEmpty()) {
            JsonNode examples = text.path("parameterExamples");
            ArrayNode params = op.putArray("parameters");
            for (Param p : route.params()) {
                if (route.paged() && (p.name().equals("page") || p.name().equals("page_size"))) {
                    params.addObject().put("$ref", "#/components/parameters/" + p.name());
                    continue;
                }
                params.add(parameter(p, examples.get(p.name())));
            }
        }
        if (text.has("requestBody")) {
            op.set("requestBody", text.get("requestBody"));
        }
        op.set("responses", text.get("responses"));
        return op;
    }

    private static ObjectNode parameter(Param p, JsonNode example) {
        ObjectNode out = F.objectNode();
        out.put("name", p.name()).put("in", "query").put("required", false);
        String description = p.description();
        ObjectNode schema = F.objectNode();
        switch (p.type()) {
            case TEXT -> schema.put("type", "string").put("maxLength", 255);
            case TEXT_LIST -> {
                schema.put("type", "array").putObject("items").put("type", "string").put("maxLength", 255);
                out.put("style", "form").put("explode", true);
            }
            case INTEGER -> schema.put("type", "integer");
            case ID -> schema.put("type", "integer").put("format", "int64").put("minimum", 1);
            case DATE -> schema.put("type", "string").put("format", "date");
            case FLAG -> schema.put("type", "string");
            case CHOICE -> {
                schema.put("type", "string");
                ArrayNode values = schema.putArray("enum");
                p.choices().forEach(values::add);
            }
            case CHOICE_LIST -> {
                schema.put("type", "string");
                description = description + "; values: " + String.join(", ", p.choices());
            }
            case ORDERING -> {
                schema.put("type", "string");
                description = description + "; fields: " + String.join(", ", p.choices());
            }
        }
        out.put("description", description);
        out.set("schema", schema);
        if (example != null && example.has("example")) {
            out.set("example", example.get("example"));
        }
        return out;
    }

    /** The operations of {@code doc} as {@code METHOD path} strings, for tests and tools. */
    public static Set<String> operations(JsonNode doc) {
        Set<String> out = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (!m.equals("parameters")) {
                    out.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return out;
    }

    private static ObjectNode read(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
