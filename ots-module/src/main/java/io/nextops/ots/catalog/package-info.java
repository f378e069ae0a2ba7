/**
 * The catalogs OTs and invoices refer to: providers (table {@code catalogs_provider}, {@link
 * io.nextops.ots.catalog.Provider}) and clients (table {@code client_aliases}, {@link io.nextops.ots.catalog.Client}),
 * with their repositories and the {@code /api/catalogs/providers/} and {@code /api/clients/} resources (list, create,
 * get).
 */
package io.nextops.ots.catalog;
