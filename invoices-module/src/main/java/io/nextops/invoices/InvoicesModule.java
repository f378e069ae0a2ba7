package io.nextops.invoices;

import io.nextops.invoices.costtype.CostTypeRepository;
import io.nextops.invoices.costtype.CostTypeServlet;
import io.nextops.invoices.invoice.InvoiceRepository;
import io.nextops.invoices.invoice.InvoiceServlet;
import jakarta.servlet.http.HttpServlet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Supplier invoices and their catalog of cost types: schema (Flyway migrations in {@link #MIGRATIONS}, versions 2.x,
 * after ots-module's 1.x tables they reference), repositories and the original's HTTP API.
 *
 * <pre>{@code
 * InvoicesModule invoices = InvoicesModule.create(jdbi);
 * invoices.servlets().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
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
    /** Flyway locations of this module. */
    public static final List<String> MIGRATIONS = List.of("classpath:db/migration/invoices");

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

    /** Servlets by Jetty path spec: {@code /api/invoices/*} and {@code /api/catalogs/cost-types/*}. */
    public Map<String, HttpServlet> servlets() {
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        servlets.put("/api/invoices/*", new InvoiceServlet(jdbi, invoices));
        servlets.put("/api/invoices/export-excel/*",
                new io.nextops.invoices.export.InvoiceExportServlet(jdbi, invoices));
        servlets.put("/api/catalogs/cost-types/*", new CostTypeServlet(jdbi, costTypes));
        return servlets;
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
