package io.nextops.ots.catalog;

import io.nextops.web.ApiException;
import io.nextops.web.PageRequest;
import io.nextops.ots.internal.Sql;
import io.nextops.web.page.CountCache;
import io.nextops.ots.internal.Where;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Clients in {@code client_aliases}; only active (not soft-deleted) rows are visible. Default order as the original:
 * {@code -usage_count, normalized_name}. Thread-safe.
 *
 * <pre>{@code
 * Client c = ots.clients().insert(NewClient.of("Acme S.A. de C.V."));
 * }</pre>
 */
public final class ClientRepository {
    static final String COLUMNS = "c.id, c.original_name, c.normalized_name, c.short_name, c.merged_into_id, "
            + "c.provider_id, c.is_verified, c.verified_at, c.usage_count, c.created_at, c.updated_at";
    private static final Map<String, String> UNIQUE = Map.of("client_aliases_short_name_key", "short_name");

    private final Jdbi jdbi;
    /** Exact list counts, recounted only after a write to the table (bounded LRU). */
    private final CountCache counts = new CountCache(1024);

    public ClientRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The active client {@code id}, if any. */
    public Optional<Client> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM client_aliases c "
                        + "WHERE c.id = :id AND c.is_deleted = false")
                .bind("id", id).map(ClientRepository::map).findOne());
    }

    /** Inserts {@code c}; 409 naming {@code short_name} when taken, 400 when the provider does not exist. */
    public Client insert(NewClient c) {
        try {
            return jdbi.withHandle(h -> insert(h, c));
        } catch (JdbiException e) {
            ApiException api = Sql.conflict(e, UNIQUE);
            throw api != null ? api : e;
        }
    }

    /** Inserts {@code c} on {@code handle} (inside the caller's transaction). */
    public Client insert(Handle handle, NewClient c) {
        return handle.createQuery("INSERT INTO client_aliases AS c (original_name, normalized_name, short_name, "
                        + "provider_id, is_verified, verified_at) VALUES (:original_name, :normalized_name, "
                        + ":short_name, :provider_id, :is_verified, CASE WHEN :is_verified THEN now() END) "
                        + "RETURNING " + COLUMNS)
                .bind("original_name", c.originalName()).bind("normalized_name", c.normalizedName())
                .bind("short_name", c.shortName()).bind("provider_id", c.providerId())
                .bind("is_verified", c.isVerified())
                .map(ClientRepository::map).one();
    }

    long count(Handle h, ClientQuery q) {
        Where w = q.where();
        return counts.count(h, List.of("client_aliases"), "SELECT count(*) FROM client_aliases c" + w.sql(), w::applyTo,
                w.key());
    }

    ResultIterable<Client> page(Handle h, ClientQuery q, PageRequest page) {
        Where w = q.where();
        return w.applyTo(h.createQuery("SELECT " + COLUMNS + " FROM client_aliases c" + w.sql()
                        + " ORDER BY c.usage_count DESC, c.normalized_name, c.id LIMIT :limit OFFSET :offset"))
                .bind("limit", page.pageSize()).bind("offset", page.offset())
                .setFetchSize(500).map(ClientRepository::map);
    }

    static Client map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Client(rs.getLong("id"), rs.getString("original_name"), rs.getString("normalized_name"),
                rs.getString("short_name"), rs.getObject("merged_into_id", Long.class),
                rs.getObject("provider_id", Long.class), rs.getBoolean("is_verified"),
                rs.getObject("verified_at", OffsetDateTime.class), rs.getInt("usage_count"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
