package io.nextops.ots;

import io.nextops.ots.catalog.ClientRepository;
import io.nextops.ots.catalog.ClientResource;
import io.nextops.ots.catalog.ProviderRepository;
import io.nextops.ots.catalog.ProviderResource;
import io.nextops.ots.workorder.OtRepository;
import io.nextops.ots.workorder.OtResource;
import jakarta.servlet.http.HttpServlet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The OTs module: work orders ({@code ots}), providers ({@code catalogs_provider}) and clients
 * ({@code client_aliases}) over one {@link Jdbi}, with the original's REST resources. The schema is migrated by
 * Flyway from {@link #MIGRATIONS}. Thread-safe.
 *
 * <pre>{@code
 * OtsModule ots = OtsModule.create(jdbi);
 * ots.servlets().forEach((pathSpec, servlet) -> context.addServlet(new ServletHolder(servlet), pathSpec));
 *
 * // exports and imports reuse the repositories and the list criteria:
 * Params params = new Params(request);
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
     * The HTTP resources keyed by servlet path spec: {@code /api/ots/*}, {@code /api/catalogs/providers/*},
     * {@code /api/clients/*}. Each serves the collection at {@code /prefix/} and items at {@code /prefix/{id}/}
     * (with or without the trailing slash) and needs the server's ApiErrorFilter in front.
     */
    public Map<String, HttpServlet> servlets() {
        Map<String, HttpServlet> m = new LinkedHashMap<>();
        m.put("/api/ots/*", new OtResource(jdbi, workOrders));
        m.put("/api/ots/export-excel/*", new io.nextops.ots.export.OtExportServlet(jdbi, workOrders));
        m.put("/api/catalogs/providers/*", new ProviderResource(jdbi, providers));
        m.put("/api/clients/*", new ClientResource(jdbi, clients));
        return m;
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
