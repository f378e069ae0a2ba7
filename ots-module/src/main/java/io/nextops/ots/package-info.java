/**
 * ots-module: work orders (OTs), providers and clients: schema (Flyway folder {@code db/migration/ots}), save rules,
 * Jdbi repositories and the original's REST API. Start at {@link io.nextops.ots.OtsModule}.
 */
package io.nextops.ots;
