package io.nextops.ots.catalog;

import io.nextops.web.ApiException;
import io.nextops.web.PageRequest;
import io.nextops.ots.internal.Sql;
import io.nextops.web.page.CountCache;
import io.nextops.ots.internal.Where;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.statement.Query;

/**
 * Providers in {@code catalogs_provider}; only active (not soft-deleted) rows are visible. Thread-safe.
 *
 * <pre>{@code
 * Provider p = ots.providers().insert(NewProvider.of("MAERSK", "naviera"));
 * Optional<Provider> again = ots.providers().find(p.id());
 * }</pre>
 */
public final class ProviderRepository {
    static final String COLUMNS = "p.id, p.nombre, p.nit, p.tipo, p.categoria, p.tiene_credito, p.dias_credito, "
            + "p.is_active, p.email, p.telefono, p.direccion, p.contacto, p.notas, p.created_at, p.updated_at";
    private static final Map<String, String> UNIQUE = Map.of(
            "catalogs_provider_nombre_key", "nombre", "catalogs_provider_nit_key", "nit");

    private final Jdbi jdbi;
    /** Exact list counts, recounted only after a write to the table (bounded LRU). */
    private final CountCache counts = new CountCache(1024);

    public ProviderRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The active provider {@code id}, if any. */
    public Optional<Provider> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM catalogs_provider p "
                        + "WHERE p.id = :id AND p.is_deleted = false")
                .bind("id", id).map(ProviderRepository::map).findOne());
    }

    /** Inserts {@code p}; 409 (ApiException CONFLICT) naming {@code nombre} or {@code nit} when taken. */
    public Provider insert(NewProvider p) {
        try {
            return jdbi.withHandle(h -> insert(h, p));
        } catch (JdbiException e) {
            ApiException api = Sql.conflict(e, UNIQUE);
            throw api != null ? api : e;
        }
    }

    /** Inserts {@code p} on {@code handle} (inside the caller's transaction). */
    public Provider insert(Handle handle, NewProvider p) {
        return handle.createQuery("INSERT INTO catalogs_provider AS p (nombre, nit, tipo, categoria, tiene_credito, "
                        + "dias_credito, is_active, email, telefono, direccion, contacto, notas) VALUES (:nombre, :nit, "
                        + ":tipo, :categoria, :tiene_credito, :dias_credito, :is_active, :email, :telefono, :direccion, "
                        + ":contacto, :notas) RETURNING " + COLUMNS)
                .bind("nombre", p.nombre()).bind("nit", p.nit()).bind("tipo", p.tipo())
                .bind("categoria", p.categoria()).bind("tiene_credito", p.tieneCredito())
                .bind("dias_credito", p.diasCredito()).bind("is_active", p.isActive()).bind("email", p.email())
                .bind("telefono", p.telefono()).bind("direccion", p.direccion()).bind("contacto", p.contacto())
                .bind("notas", p.notas())
                .map(ProviderRepository::map).one();
    }

    long count(Handle h, ProviderQuery q) {
        Where w = q.where();
        return counts.count(h, List.of("catalogs_provider"), "SELECT count(*) FROM catalogs_provider p" + w.sql(),
                w::applyTo, w.key());
    }

    ResultIterable<Provider> page(Handle h, ProviderQuery q, PageRequest page) {
        Where w = q.where();
        Query query = h.createQuery("SELECT " + COLUMNS + " FROM catalogs_provider p" + w.sql()
                + " ORDER BY p.nombre, p.id LIMIT :limit OFFSET :offset");
        return w.applyTo(query).bind("limit", page.pageSize()).bind("offset", page.offset())
                .setFetchSize(500).map(ProviderRepository::map);
    }

    static Provider map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new Provider(rs.getLong("id"), rs.getString("nombre"), rs.getString("nit"), rs.getString("tipo"),
                rs.getString("categoria"), rs.getBoolean("tiene_credito"), rs.getInt("dias_credito"),
                rs.getBoolean("is_active"), rs.getString("email"), rs.getString("telefono"),
                rs.getString("direccion"), rs.getString("contacto"), rs.getString("notas"),
                rs.getObject("created_at", java.time.OffsetDateTime.class),
                rs.getObject("updated_at", java.time.OffsetDateTime.class));
    }
}
