package io.nextops.web.route;

import io.nextops.web.ApiException;
import io.nextops.web.Params;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * The one servlet of the API: runs the route that {@link RouteTable#match} finds for the request (the server's
 * front handler may have matched it already and left the {@link RouteTable.Match} under
 * {@link RouteTable#MATCH_ATTRIBUTE}). No route: 404; the path exists with other methods: 405 with {@code Allow};
 * HEAD runs the GET route and sends its headers without the body. Failures are thrown as
 * {@link ApiException}s for the server's error filter. Thread-safe.
 */
public final class RouteServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient RouteTable table;

    public RouteServlet(RouteTable table) {
        this.table = table;
    }

    /** The match of {@code request}: the one the server's front handler left, or a fresh one. */
    public static RouteTable.Match matchOf(RouteTable table, HttpServletRequest request) {
        if (request.getAttribute(MATCH) instanceof RouteTable.Match m) {
            return m;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        RouteTable.Match m = table.match(request.getMethod(), path);
        request.setAttribute(MATCH, m);
        return m;
    }

    private static final String MATCH = RouteTable.MATCH_ATTRIBUTE;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RouteTable.Match m = matchOf(table, req);
        if (m.wrongMethod()) {
            throw ApiException.methodNotAllowed(req.getMethod(), m.allowHeader());
        }
        if (!m.found()) {
            throw ApiException.noRoute();
        }
        // every value of every declared parameter is checked against its type before the handler runs, so a malformed
        // one is the same 400 on every route, servlet-style handlers included, and nothing is read or stored first
        Params.of(req, m.route().params()).checkDeclared();
        HttpServletResponse response = "HEAD".equals(req.getMethod()) ? new HeadResponse(resp) : resp;
        m.route().endpoint().handle(new Call(req, response, m.route(), m.variables()));
        if (response instanceof HeadResponse head) {
            head.finish();
        }
    }

    /** A response whose body is counted and dropped, as HEAD asks. */
    private static final class HeadResponse extends HttpServletResponseWrapper {
        private final ServletOutputStream discard = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("blocking writes only");
            }

            @Override
            public void write(int b) {
                // dropped: HEAD sends no body
            }

            @Override
            public void write(byte[] b, int off, int len) {
                // dropped: HEAD sends no body
            }
        };
        private PrintWriter writer;

        HeadResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return discard;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(discard, StandardCharsets.UTF_8));
            }
            return writer;
        }

        void finish() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            if (!isCommitted()) {
                flushBuffer();
            }
        }
    }
}
