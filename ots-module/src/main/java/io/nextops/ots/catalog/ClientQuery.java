package io.nextops.ots.catalog;

import io.nextops.web.route.Param;
import io.nextops.web.Params;
import io.nextops.ots.internal.Sql;
import io.nextops.ots.internal.Where;
import java.util.Set;

/**
 * Filters of the client list: {@code search} (contains, in original, normalized or short name) and
 * {@code is_verified}. Immutable and thread-safe.
 *
 * @param search text, or null
 * @param isVerified verified flag, or null for both
 */
record ClientQuery(String search, Boolean isVerified) {

    /** The query parameters {@link #from} reads, for the route table. */
    static final java.util.List<Param> PARAMS = java.util.List.of(
            Param.text("search", "contained in original, normalized or short name, case-insensitive"),
            Param.choice("is_verified", java.util.List.of("true", "false", "True", "False", "1", "0"), "verified flag"));
    static ClientQuery from(Params params) {
        String v = params.oneOf("is_verified", Set.of("true", "false", "True", "False", "1", "0"));
        return new ClientQuery(params.text("search"), v == null ? null : v.equalsIgnoreCase("true") || v.equals("1"));
    }

    Where where() {
        Where w = new Where().and("c.is_deleted = false");
        if (search != null) {
            w.and("(c.original_name ILIKE :search OR c.normalized_name ILIKE :search OR c.short_name ILIKE :search)")
                    .bind("search", Sql.contains(search));
        }
        if (isVerified != null) {
            w.and("c.is_verified = :is_verified").bind("is_verified", isVerified);
        }
        return w;
    }
}
