package io.nextops.ots;

import io.nextops.ots.catalog.ClientRepository;
import io.nextops.ots.catalog.ClientResource;
import io.nextops.ots.catalog.ProviderRepository;
import io.nextops.ots.catalog.ProviderResource;
import io.nextops.ots.workorder.OtRepository;
import io.nextops.ots.workorder.OtResource;
import io.nextops.ots.export.OtExport;
import io.nextops.web.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The OTs module: work orders ({@code ots}), providers ({@code catalogs_provider}) and clients
 * ({@code client_aliases}) over one {@link Jdbi}, with the original's REST resources. The schema is migrated by
 * Flyway from {@link #MIGRATIONS}. Thread-safe.
 *
 * <pre>{@code
 * OtsModule ots = OtsModule.create(jdbi);
 * List<Route> routes = ots.routes();                   // the server mounts them with everyone else's
 *
 * // exports and imports reuse the repositories and the list criteria:
 * Params params = call.params();                      // the route's declared parameters
 * OtQuery query = OtQuery.from(params);
 * params.validate();
 * jdbi.useTransaction(h -> {
 *     try (Stream<Ot> rows = ots.workOrders().stream(h, query).stream()) { rows.forEach(sink::write); }
 * });
 * }</pre>
 */
public final class OtsModule {
    /** Flyway location of this module's migrations (versions 1.x). */
    public static final String MIGRATIONS = "classpath:db/migration/ots";

    private final Jdbi jdbi;
    private final OtRepository workOrders;
    private final ProviderRepository providers;
    private final ClientRepository clients;

    private OtsModule(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.workOrders = new OtRepository(jdbi);
        this.providers = new ProviderRepository(jdbi);
        this.clients = new ClientRepository(jdbi);
    }

    /** The module over {@code jdbi} (whose database has been migrated with {@link #MIGRATIONS}). */
    public static OtsModule create(Jdbi jdbi) {
        return new OtsModule(Objects.requireNonNull(jdbi, "jdbi"));
    }

    /**
     * The module's routes: {@code /api/ots/} (list, create, item get/PUT/PATCH/DELETE), the OT export
     * {@code /api/ots/export-excel/}, {@code /api/catalogs/providers/} and {@code /api/clients/} (list, create, get).
     * The OT import is {@link OtImporter#route()}, built with its limits.
     */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new OtResource(jdbi, workOrders).routes());
        routes.add(new OtExport(jdbi, workOrders).route());
        routes.addAll(new ProviderResource(jdbi, providers).routes());
        routes.addAll(new ClientResource(jdbi, clients).routes());
        return List.copyOf(routes);
    }

    /** The Jdbi the repositories use (tests install statement counters on it). */
    public Jdbi jdbi() {
        return jdbi;
    }

    public OtRepository workOrders() {
        return workOrders;
    }

    public ProviderRepository providers() {
        return providers;
    }

    public ClientRepository clients() {
        return clients;
    }
}
