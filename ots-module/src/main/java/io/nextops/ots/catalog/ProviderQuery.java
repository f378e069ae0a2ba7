package io.nextops.ots.catalog;

import io.nextops.web.route.Param;
import io.nextops.web.Params;
import io.nextops.ots.internal.Sql;
import io.nextops.ots.internal.Where;

/**
 * Filters of the provider list: {@code search} (contains, in nombre or nit), {@code tipo}, {@code categoria},
 * {@code is_active}. Immutable and thread-safe.
 *
 * @param search text contained in nombre or nit, or null
 * @param tipo exact type, or null
 * @param categoria exact category, or null
 * @param isActive active flag, or null for both
 */
record ProviderQuery(String search, String tipo, String categoria, Boolean isActive) {

    /** The query parameters {@link #from} reads, for the route table. */
    static final java.util.List<Param> PARAMS = java.util.List.of(
            Param.text("search", "contained in nombre or nit, case-insensitive"),
            Param.choice("tipo", Provider.TIPOS, "exact"),
            Param.choice("categoria", Provider.CATEGORIAS, "exact"),
            Param.choice("is_active", java.util.List.of("true", "false", "True", "False", "1", "0"), "active flag"));
    static ProviderQuery from(Params params) {
        String active = params.oneOf("is_active", java.util.Set.of("true", "false", "True", "False", "1", "0"));
        Boolean isActive = active == null ? null : active.equalsIgnoreCase("true") || active.equals("1");
        return new ProviderQuery(params.text("search"), params.oneOf("tipo", Provider.TIPOS),
                params.oneOf("categoria", Provider.CATEGORIAS), isActive);
    }

    Where where() {
        Where w = new Where().and("p.is_deleted = false");
        if (search != null) {
            w.and("(p.nombre ILIKE :search OR p.nit ILIKE :search)").bind("search", Sql.contains(search));
        }
        if (tipo != null) {
            w.and("p.tipo = :tipo").bind("tipo", tipo);
        }
        if (categoria != null) {
            w.and("p.categoria = :categoria").bind("categoria", categoria);
        }
        if (isActive != null) {
            w.and("p.is_active = :is_active").bind("is_active", isActive);
        }
        return w;
    }
}
