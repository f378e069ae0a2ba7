package io.nextops.invoices.costtype;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A cost type of the catalog ({@code catalogs_cost_type}); invoices refer to it by {@code code}. Immutable,
 * thread-safe.
 *
 * @param id id
 * @param code unique code, upper case without spaces (e.g. {@code FLETE})
 * @param name display name
 * @param linkedToOt is_linked_to_ot: invoices of this type copy their OT's provision and billing dates
 * @param active is_active
 * @param displayOrder display_order
 */
public record CostType(long id, String code, String name, @JsonProperty("is_linked_to_ot") boolean linkedToOt,
                       @JsonProperty("is_active") boolean active, @JsonProperty("display_order") int displayOrder) {
    public CostType {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
