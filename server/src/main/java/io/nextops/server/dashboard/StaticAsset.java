package io.nextops.server.dashboard;

import io.nextops.web.route.Call;
import io.nextops.web.route.Endpoint;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file of the dashboard, read once from the jar (several resources may be joined into one, so that the page loads
 * one script and one style sheet), served with its content type, a strong {@code ETag} (304 on a match), and
 * {@code Cache-Control: no-cache}: the browser keeps it and revalidates it each time, so an upgraded server is seen at
 * once. The page's HTML also carries a strict Content-Security-Policy: only this origin's script and styles, no
 * inline script, no frames. Immutable and thread-safe.
 */
final class StaticAsset implements Endpoint {
    /** Scripts and styles from this origin only, no inline script, fetches to this origin, no framing. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final byte[] body;
    private final String contentType;
    private final String etag;
    private final boolean page;

    private StaticAsset(byte[] body, String contentType, boolean page) {
        this.body = body;
        this.contentType = contentType;
        this.page = page;
        this.etag = "\"" + sha256(body).substring(0, 20) + "\"";
    }

    /** The HTML page at {@code resource}. */
    static StaticAsset page(String resource) {
        return new StaticAsset(read(resource), "text/html; charset=utf-8", true);
    }

    /** The {@code resources} joined by new lines, as one file of {@code contentType}. */
    static StaticAsset joined(String contentType, String... resources) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String r : resources) {
            out.writeBytes(read(r));
            out.write('\n');
        }
        return new StaticAsset(out.toByteArray(), contentType, false);
    }

    @Override
    public void handle(Call call) throws IOException {
        HttpServletResponse response = call.response();
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (page) {
            response.setHeader("Content-Security-Policy", CSP);
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("X-Frame-Options", "DENY");
        }
        response.setContentType(contentType);
        String match = call.request().getHeader("If-None-Match");
        if (match != null && (match.contains(etag) || match.trim().equals("*"))) {
            response.setStatus(304);
            return;
        }
        response.setStatus(200);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    int size() {
        return body.length;
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAsset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard resource " + resource, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
