package io.nextops.invoices.invoice;

import java.util.List;
import io.nextops.web.route.Route;
import io.nextops.web.route.Access;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.web.Json;
import io.nextops.web.PageRequest;
import io.nextops.web.PageWriter;
import io.nextops.web.Params;
import io.nextops.web.page.Listing;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /api/invoices/*}: the list ({@code GET}, every filter of {@link InvoiceQuery}, the page envelope streamed),
 * create ({@code POST}), and {@code /api/invoices/{id}/} ({@code GET}, {@code PUT}, {@code PATCH}, {@code DELETE} as a
 * soft delete). Failures are thrown as {@link ApiException}s for the server's error filter. Thread-safe.
 */
public final class InvoiceResource {

    private final Jdbi jdbi;
    private final InvoiceRepository invoices;

    public InvoiceResource(Jdbi jdbi, InvoiceRepository invoices) {
        this.jdbi = jdbi;
        this.invoices = invoices;
    }

    /** The routes of {@code /api/invoices/} and {@code /api/invoices/{id}/}. */
    public List<Route> routes() {
        return List.of(
                Route.get("/api/invoices/", "invoices_list", c -> list(c.request(), c.response(), c.params())).tag("invoices")
                        .params(InvoiceQuery.PARAMS).paged().build(),
                Route.post("/api/invoices/", "invoices_create", c -> create(c.request(), c.response()))
                        .tag("invoices").access(Access.MANAGER).build(),
                Route.get("/api/invoices/{id}/", "invoices_retrieve", c -> get(c.request(), c.response(), c.id()))
                        .tag("invoices").build(),
                Route.put("/api/invoices/{id}/", "invoices_update",
                        c -> update(c.request(), c.response(), c.id(), false)).tag("invoices").build(),
                Route.patch("/api/invoices/{id}/", "invoices_partial_update",
                        c -> update(c.request(), c.response(), c.id(), true)).tag("invoices").build(),
                Route.delete("/api/invoices/{id}/", "invoices_destroy", c -> delete(c.request(), c.response(), c.id()))
                        .tag("invoices").access(Access.MANAGER).build());
    }

    private void list(HttpServletRequest req, HttpServletResponse resp, Params params) throws IOException {
        Caller.of(req);
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
        InvoiceRow row = jdbi.withHandle(h -> invoices.find(h, id)).orElseThrow(InvoiceResource::notFound);
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
            InvoiceRow current = invoices.findForUpdate(h, id).orElseThrow(InvoiceResource::notFound);
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
