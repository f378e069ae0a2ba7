package io.nextops.server.http;

import io.nextops.web.ApiException;
import io.nextops.web.Json;
import io.nextops.web.route.RouteTable;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /api/schema/}: the OpenAPI 3.0.3 document of the route table ({@link OpenApiDocument}) as
 * {@code application/vnd.oai.openapi+json}, public and cacheable for an hour, with an ETag. The original
 * (drf-spectacular) served YAML by default; only JSON is served here, also for {@code ?format=json}, and any other
 * {@code format} is a 400. The document is built on the first request and kept (about 110 KB, fixed: it depends on
 * the routes, never on data). Thread-safe.
 */
public final class SchemaServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    public static final String CONTENT_TYPE = "application/vnd.oai.openapi+json";
    private static final Set<String> FORMATS = Set.of("json", "openapi-json");

    private final transient Supplier<RouteTable> routes;
    private transient volatile Document document;

    private record Document(byte[] body, String etag) {}

    /** The document of the table {@code routes} supplies (it is read on the first request, after start). */
    public SchemaServlet(Supplier<RouteTable> routes) {
        this.routes = routes;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String format = req.getParameter("format");
        if (format != null && !format.isBlank() && !FORMATS.contains(format.trim().toLowerCase(Locale.ROOT))) {
            throw ApiException.validation("format", "Only JSON is served: use format=json or leave format out.");
        }
        Document doc = document();
        resp.setHeader("Cache-Control", "public, max-age=3600");
        resp.setHeader("ETag", doc.etag());
        if (doc.etag().equals(req.getHeader("If-None-Match"))) {
            resp.setStatus(304);
            return;
        }
        resp.setStatus(200);
        resp.setContentType(CONTENT_TYPE);
        resp.setCharacterEncoding("UTF-8");
        resp.setContentLength(doc.body().length);
        resp.getOutputStream().write(doc.body());
    }

    private Document document() throws IOException {
        Document d = document;
        if (d == null) {
            synchronized (this) {
                d = document;
                if (d == null) {
                    byte[] body = Json.MAPPER.writerWithDefaultPrettyPrinter()
                            .writeValueAsBytes(OpenApiDocument.build(routes.get()));
                    d = new Document(body, etag(body));
                    document = d;
                }
            }
        }
        return d;
    }

    private static String etag(byte[] body) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(sha, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
