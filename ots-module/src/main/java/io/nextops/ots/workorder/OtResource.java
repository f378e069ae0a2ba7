package io.nextops.ots.workorder;

import java.util.List;
import io.nextops.web.route.Route;
import io.nextops.web.route.Access;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.web.Json;
import io.nextops.web.PageRequest;
import io.nextops.web.Params;
import io.nextops.web.Body;
import io.nextops.web.page.Listing;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /api/ots/}: list (filters of {@link OtQuery}, page-number pagination, rows streamed), create;
 * {@code /api/ots/{id}/}: get, PUT, PATCH, DELETE (soft). Reads are open to every role, create and delete need a
 * manager, and {@code finanzas} may change only {@link OtChoices#FINANCE_FIELDS}. Thread-safe.
 */
public final class OtResource {
    private static final Set<String> NOT_WRITABLE = Set.of(OtInput.READ_ONLY);

    private final Jdbi jdbi;
    private final OtRepository ots;

    public OtResource(Jdbi jdbi, OtRepository ots) {
        this.jdbi = jdbi;
        this.ots = ots;
    }

    /** The routes of {@code /api/ots/} and {@code /api/ots/{id}/}. */
    public List<Route> routes() {
        return List.of(
                Route.get("/api/ots/", "ots_list", c -> list(c.caller(), c.request(), c.response(), c.params()))
                        .tag("ots").params(OtQuery.PARAMS).paged().build(),
                Route.post("/api/ots/", "ots_create", c -> create(c.caller(), c.request(), c.response()))
                        .tag("ots").access(Access.MANAGER).build(),
                Route.get("/api/ots/{id}/", "ots_retrieve", c -> get(c.caller(), c.id(), c.request(), c.response()))
                        .tag("ots").build(),
                Route.put("/api/ots/{id}/", "ots_update",
                        c -> update(c.caller(), c.id(), false, c.request(), c.response())).tag("ots").build(),
                Route.patch("/api/ots/{id}/", "ots_partial_update",
                        c -> update(c.caller(), c.id(), true, c.request(), c.response())).tag("ots").build(),
                Route.delete("/api/ots/{id}/", "ots_destroy",
                        c -> delete(c.caller(), c.id(), c.request(), c.response())).tag("ots").access(Access.MANAGER)
                        .build());
    }

    private void list(Caller caller, HttpServletRequest req, HttpServletResponse resp, Params params) throws IOException {
        PageRequest page = PageRequest.from(params);
        OtQuery query = OtQuery.from(params);
        params.validate();
        Listing.write(jdbi, req, resp, page, h -> ots.count(h, query),
                (h, p) -> ots.stream(h, query, p.offset(), p.pageSize()));
    }

    private void create(Caller caller, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        caller.requireManager();
        Body b = new Body(Json.readObject(req));
        OtDraft draft = OtInput.read(b, OtDraft.builder("", 1).build(), true);
        b.validate();
        Json.write(resp, 201, ots.insert(draft, caller.userId()));
    }

    private void get(Caller caller, long id, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Json.write(resp, 200, ots.find(id).orElseThrow(() -> ApiException.notFound("OT")));
    }

    private void update(Caller caller, long id, boolean partial, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        ObjectNode body = Json.readObject(req);
        caller.requireUpdate(writable(body), OtChoices.FINANCE_FIELDS);
        Ot saved = ots.update(id, base -> {
            Body b = new Body(body);
            OtDraft d = OtInput.read(b, base, !partial);
            b.validate();
            return d;
        }, caller.userId());
        Json.write(resp, 200, saved);
    }

    private void delete(Caller caller, long id, HttpServletRequest req, HttpServletResponse resp) {
        caller.requireManager();
        if (!ots.softDelete(id)) {
            throw ApiException.notFound("OT");
        }
        resp.setStatus(204);
    }

    private static Set<String> writable(ObjectNode body) {
        Set<String> fields = new TreeSet<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!NOT_WRITABLE.contains(name)) {
                fields.add(name);
            }
        }
        return fields;
    }
}
