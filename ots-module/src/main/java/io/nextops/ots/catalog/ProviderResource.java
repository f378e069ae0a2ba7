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

/** {@code /api/catalogs/providers/}: list (paginated, filters of {@link ProviderQuery}), create, get. Thread-safe. */
public final class ProviderResource {
    private final Jdbi jdbi;
    private final ProviderRepository providers;

    public ProviderResource(Jdbi jdbi, ProviderRepository providers) {
        this.jdbi = jdbi;
        this.providers = providers;
    }

    /** The routes of {@code /api/catalogs/providers/} and {@code /api/catalogs/providers/{id}/}. */
    public List<Route> routes() {
        return List.of(
                Route.get("/api/catalogs/providers/", "providers_list", c -> list(c.caller(), c.request(), c.response(), c.params()))
                        .tag("providers").params(ProviderQuery.PARAMS).paged().build(),
                Route.post("/api/catalogs/providers/", "providers_create", c -> create(c.caller(), c.request(), c.response()))
                        .tag("providers").access(Access.MANAGER).build(),
                Route.get("/api/catalogs/providers/{id}/", "providers_retrieve",
                        c -> get(c.caller(), c.id(), c.request(), c.response())).tag("providers").build());
    }

    private void list(Caller caller, HttpServletRequest req, HttpServletResponse resp, Params params) throws IOException {
        PageRequest page = PageRequest.from(params);
        ProviderQuery query = ProviderQuery.from(params);
        params.validate();
        Listing.write(jdbi, req, resp, page, h -> providers.count(h, query), (h, p) -> providers.page(h, query, p));
    }

    private void create(Caller caller, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        caller.requireManager();
        Body b = new Body(Json.readObject(req));
        b.readOnly("id", "created_at", "updated_at");
        String nombre = b.requiredText("nombre", 255);
        String nit = b.nullableText("nit", 20, null);
        String tipo = b.choice("tipo", Provider.TIPOS, "otro");
        String categoria = b.choice("categoria", Provider.CATEGORIAS, "nacional");
        boolean credito = b.bool("tiene_credito", false);
        int dias = b.integer("dias_credito", 0, 3650, 0);
        boolean active = b.bool("is_active", true);
        String email = b.text("email", 254, "");
        String telefono = b.text("telefono", 20, "");
        String direccion = b.text("direccion", 2000, "");
        String contacto = b.text("contacto", 255, "");
        String notas = b.text("notas", 10_000, "");
        b.validate();
        Provider p = providers.insert(new NewProvider(nombre, nit, tipo, categoria, credito, dias, active, email,
                telefono, direccion, contacto, notas));
        Json.write(resp, 201, p);
    }

    private void get(Caller caller, long id, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Json.write(resp, 200, providers.find(id).orElseThrow(() -> ApiException.notFound("Provider")));
    }
}
