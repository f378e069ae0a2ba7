package io.nextops.invoices.invoice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nextops.ots.api.ApiException;
import io.nextops.ots.api.Caller;
import io.nextops.ots.api.Json;
import io.nextops.ots.api.PageRequest;
import io.nextops.ots.api.PageWriter;
import io.nextops.ots.api.Params;
import io.nextops.ots.internal.Listing;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /api/invoices/*}: the list ({@code GET}, every filter of {@link InvoiceQuery}, the page envelope streamed),
 * create ({@code POST}), and {@code /api/invoices/{id}/} ({@code GET}, {@code PUT}, {@code PATCH}, {@code DELETE} as a
 * soft delete). Failures are thrown as {@link ApiException}s for the server's error filter. Mounted by
 * {@code InvoicesModule.servlets()}. Thread-safe.
 */
public final class InvoiceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern DETAIL = Pattern.compile("/(\\d{1,18})/");

    private final transient Jdbi jdbi;
    private final transient InvoiceRepository invoices;

    public InvoiceServlet(Jdbi jdbi, InvoiceRepository invoices) {
        this.jdbi = jdbi;
        this.invoices = invoices;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        String method = req.getMethod();
        if ("/".equals(path)) {
            switch (method) {
                case "GET" -> list(req, resp);
                case "POST" -> create(req, resp);
                default -> throw ApiException.methodNotAllowed(method);
            }
            return;
        }
        Matcher m = path == null ? null : DETAIL.matcher(path);
        if (m == null || !m.matches()) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "not_found", "Not found.");
        }
        long id = Long.parseLong(m.group(1));
        switch (method) {
            case "GET" -> get(req, resp, id);
            case "PUT" -> update(req, resp, id, false);
            case "PATCH" -> update(req, resp, id, true);
            case "DELETE" -> delete(req, resp, id);
            default -> throw ApiException.methodNotAllowed(method);
        }
    }

    private void list(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Caller.of(req);
        Params params = new Params(req);
        PageRequest page = PageRequest.from(params);
        InvoiceQuery query = InvoiceQuery.from(params);
        params.validate();
        // one snapshot for the count and the page; rows stream from a cursor straight into the response
        Listing.inSnapshot(jdbi, h -> {
            long count = invoices.count(h, query);
            page.requireExists(count);
            try (Stream<InvoiceRow> rows = invoices.stream(h, query, page)) {
                PageWriter.write(req, resp, page, count, rows.<Object>map(InvoiceJson::new).iterator());
            }
        });
    }

    private void get(HttpServletRequest req, HttpServletResponse resp, long id) throws IOException {
        Caller.of(req);
        InvoiceRow row = jdbi.withHandle(h -> invoices.find(h, id)).orElseThrow(InvoiceServlet::notFound);
        Json.write(resp, 200, new InvoiceJson(row));
    }

    private void create(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Caller.of(req).requireManager();
        InvoiceInput input = InvoiceInput.parse(Json.readObject(req), false);
        Draft draft = new Draft();
        input.applyTo(draft);
        InvoiceRow row = jdbi.inTransaction(h -> invoices.create(h, draft));
        Json.write(resp, 201, new InvoiceJson(row));
    }

    private void update(HttpServletRequest req, HttpServletResponse resp, long id, boolean partial) throws IOException {
        Caller caller = Caller.of(req);
        ObjectNode body = Json.readObject(req);
        Set<String> fields = new TreeSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(InvoiceInput.READ_ONLY);
        caller.requireUpdate(fields, InvoiceInput.FINANCE_FIELDS);
        InvoiceInput input = InvoiceInput.parse(body, partial);
        InvoiceRow row = jdbi.inTransaction(h -> {
            InvoiceRow current = invoices.findForUpdate(h, id).orElseThrow(InvoiceServlet::notFound);
            Draft draft = Draft.of(current);
            input.applyTo(draft);
            return invoices.update(h, id, draft, current.amount(), input.has("monto_aplicable"));
        });
        Json.write(resp, 200, new InvoiceJson(row));
    }

    private void delete(HttpServletRequest req, HttpServletResponse resp, long id) {
        Caller.of(req).requireManager();
        if (!jdbi.inTransaction(h -> invoices.softDelete(h, id))) {
            throw notFound();
        }
        resp.setStatus(204);
    }

    private static ApiException notFound() {
        return new ApiException(ApiException.Kind.NOT_FOUND, "not_found", "Not found.");
    }
}
