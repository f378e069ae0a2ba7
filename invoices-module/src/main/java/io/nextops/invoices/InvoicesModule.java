package io.nextops.invoices;

import io.nextops.invoices.costtype.CostTypeRepository;
import io.nextops.invoices.costtype.CostTypeList;
import io.nextops.invoices.export.InvoiceExport;
import io.nextops.invoices.invoice.InvoiceRepository;
import io.nextops.invoices.invoice.InvoiceResource;
import io.nextops.web.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Supplier invoices and their catalog of cost types: schema (Flyway migrations at {@link #MIGRATIONS}, versions 2.x,
 * after ots-module's 1.x tables they reference), repositories and the original's HTTP API.
 *
 * <pre>{@code
 * InvoicesModule invoices = InvoicesModule.create(jdbi);
 * List<Route> routes = invoices.routes();            // the server mounts them with everyone else's
 *
 * // the same filters and order as GET /api/invoices/, for an export:
 * InvoiceQuery query = InvoiceQuery.from(params);
 * jdbi.useTransaction(h -> {
 *     try (Stream<InvoiceRow> rows = invoices.invoices().streamAll(h, query)) { ... }
 * });
 * }</pre>
 *
 * <p>Thread-safe: holds only stateless repositories and the shared {@link Jdbi}.
 */
public final class InvoicesModule {
    /** Flyway location of this module's migrations. */
    public static final String MIGRATIONS = "classpath:db/migration/invoices";

    private final Jdbi jdbi;
    private final InvoiceRepository invoices = new InvoiceRepository();
    private final CostTypeRepository costTypes = new CostTypeRepository();

    private InvoicesModule(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** The module over {@code jdbi} (whose database has this module's migrations applied). */
    public static InvoicesModule create(Jdbi jdbi) {
        return new InvoicesModule(jdbi);
    }

    /**
     * The module's routes: {@code /api/invoices/} (list, create, item get/PUT/PATCH/DELETE), the invoice export
     * {@code /api/invoices/export-excel/} and {@code /api/catalogs/cost-types/}. Uploads and file downloads are
     * {@code InvoiceUploads.routes()}, built with their storage.
     */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>(new InvoiceResource(jdbi, invoices).routes());
        routes.add(new InvoiceExport(jdbi, invoices).route());
        routes.add(new CostTypeList(jdbi, costTypes).route());
        return List.copyOf(routes);
    }

    /** The Jdbi every statement of this module goes through. */
    public Jdbi jdbi() {
        return jdbi;
    }

    public InvoiceRepository invoices() {
        return invoices;
    }

    public CostTypeRepository costTypes() {
        return costTypes;
    }
}
