package io.nextops.ots.catalog;

import java.util.List;
import io.nextops.web.route.Route;
import io.nextops.web.route.Access;
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
import org.jdbi.v3.core.Jdbi;

/** {@code /api/clients/}: list (paginated, filters of {@link ClientQuery}), create, get. Thread-safe. */
public final class ClientResource {
    private final Jdbi jdbi;
    private final ClientRepository clients;

    public ClientResource(Jdbi jdbi, ClientRepository clients) {
        this.jdbi = jdbi;
        this.clients = clients;
    }

    /** The routes of {@code /api/clients/} and {@code /api/clients/{id}/}. */
    public List<Route> routes() {
        return List.of(
                Route.get("/api/clients/", "clients_list", c -> list(c.caller(), c.request(), c.response(), c.params()))
                        .tag("clients").params(ClientQuery.PARAMS).paged().build(),
                Route.post("/api/clients/", "clients_create", c -> create(c.caller(), c.request(), c.response()))
                        .tag("clients").access(Access.MANAGER).build(),
                Route.get("/api/clients/{id}/", "clients_retrieve",
                        c -> get(c.caller(), c.id(), c.request(), c.response())).tag("clients").build());
    }

    private void list(Caller caller, HttpServletRequest req, HttpServletResponse resp, Params params) throws IOException {
        PageRequest page = PageRequest.from(params);
        ClientQuery query = ClientQuery.from(params);
        params.validate();
        Listing.write(jdbi, req, resp, page, h -> clients.count(h, query), (h, p) -> clients.page(h, query, p));
    }

    private void create(Caller caller, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        caller.requireManager();
        Body b = new Body(Json.readObject(req));
        b.readOnly("id", "created_at", "updated_at", "usage_count", "verified_at", "merged_into");
        String original = b.requiredText("original_name", 500);
        String normalized = b.text("normalized_name", 500, "");
        String shortName = b.nullableText("short_name", 50, null);
        Long provider = b.id("provider", null, true);
        boolean verified = b.bool("is_verified", false);
        b.validate();
        Client c = clients.insert(new NewClient(original, normalized, shortName, provider, verified));
        Json.write(resp, 201, c);
    }

    private void get(Caller caller, long id, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Json.write(resp, 200, clients.find(id).orElseThrow(() -> ApiException.notFound("Client")));
    }
}
