package io.nextops.ots.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A client as stored in {@code client_aliases} and served as JSON with the original's field names. Immutable and
 * thread-safe.
 *
 * @param id id
 * @param originalName name as first seen (not unique)
 * @param normalizedName upper-cased, spaces collapsed, trailing {@code .,;} removed
 * @param shortName unique short name, or null
 * @param mergedInto id of the alias this one was merged into, or null
 * @param provider id of the linked provider, or null
 * @param isVerified verified flag
 * @param verifiedAt when verified, or null
 * @param usageCount number of active OTs of this client
 * @param createdAt creation time
 * @param updatedAt last update time
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Client(long id, String originalName, String normalizedName, String shortName,
                     @JsonProperty("merged_into") Long mergedInto, @JsonProperty("provider") Long provider,
                     boolean isVerified, OffsetDateTime verifiedAt, int usageCount, OffsetDateTime createdAt,
                     OffsetDateTime updatedAt) {
    public Client {
        Objects.requireNonNull(originalName, "originalName");
    }
}
