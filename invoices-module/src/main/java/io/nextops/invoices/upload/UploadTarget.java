package io.nextops.invoices.upload;

import io.nextops.web.ApiException;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The provider and cost type an upload's invoices get, checked against the catalogs. Immutable.
 *
 * @param providerId a live catalog provider
 * @param providerType its tipo, copied to tipo_proveedor
 * @param providerCategory proveedor_categoria: {@code internacional}, else {@code local} (the provider's
 *                         nacional/regional have no counterpart among the invoice's choices, reference 1.6)
 * @param costTypeCode a live, active cost type code
 */
record UploadTarget(long providerId, String providerType, String providerCategory, String costTypeCode) {
    static final String DEFAULT_COST_TYPE = "OTRO";

    /** Provider row for {@code proveedor_id}; 400 naming the field when it is not a live provider. */
    static UploadTarget provider(Handle h, String rawId) {
        long id;
        try {
            id = Long.parseLong(rawId.strip());
        } catch (NumberFormatException e) {
            throw ApiException.validation("proveedor_id", "A valid integer is required.");
        }
        return h.createQuery("SELECT id, tipo, categoria FROM catalogs_provider WHERE id = :id AND is_deleted = false")
                .bind("id", id)
                .map((rs, ctx) -> new UploadTarget(rs.getLong(1), rs.getString(2),
                        "internacional".equals(rs.getString(3)) ? "internacional" : "local", DEFAULT_COST_TYPE))
                .findOne()
                .orElseThrow(() -> ApiException.validation("proveedor_id",
                        "Invalid pk \"" + id + "\" - provider does not exist."));
    }

    /** The code as stored (upper case); 400 when no live, active cost type has it. */
    static String costType(Handle h, String raw) {
        String code = raw.strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            return DEFAULT_COST_TYPE;
        }
        boolean known = h.createQuery("""
                        SELECT count(*) > 0 FROM catalogs_cost_type
                        WHERE code = :code AND is_active AND is_deleted = false""")
                .bind("code", code).mapTo(Boolean.class).one();
        if (!known) {
            throw ApiException.validation("tipo_costo", "\"" + raw.strip() + "\" is not a valid cost type.");
        }
        return code;
    }

    UploadTarget withCostType(String code) {
        return new UploadTarget(providerId, providerType, providerCategory, code);
    }
}
