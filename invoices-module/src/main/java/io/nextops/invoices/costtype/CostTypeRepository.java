package io.nextops.invoices.costtype;

import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Reads {@code catalogs_cost_type}. Stateless, thread-safe.
 *
 * <pre>{@code
 * try (Stream<CostType> types = module.costTypes().streamActive(handle)) { ... }
 * }</pre>
 */
public final class CostTypeRepository {
    public CostTypeRepository() {}

    /** Number of live, active cost types. */
    public long countActive(Handle handle) {
        return handle.createQuery("SELECT count(*) FROM catalogs_cost_type WHERE is_active AND NOT is_deleted")
                .mapTo(Long.class).one();
    }

    /** Live, active cost types by display_order then name; close the stream. */
    public Stream<CostType> streamActive(Handle handle) {
        return handle.createQuery("""
                        SELECT id, code, name, is_linked_to_ot, is_active, display_order FROM catalogs_cost_type
                        WHERE is_active AND NOT is_deleted ORDER BY display_order, name, id""")
                .map((rs, ctx) -> new CostType(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getInt(6)))
                .stream();
    }
}
