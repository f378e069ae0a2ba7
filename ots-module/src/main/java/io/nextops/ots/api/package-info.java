/**
 * HTTP plumbing shared by the domain modules (this one and {@code invoices-module}): the error envelope as an
 * exception ({@link io.nextops.ots.api.ApiException}), the JSON mapper ({@link io.nextops.ots.api.Json}), query
 * parameter parsing that collects every bad field ({@link io.nextops.ots.api.Params}), the paginated envelope written
 * as a stream ({@link io.nextops.ots.api.PageWriter}) and the authenticated caller ({@link io.nextops.ots.api.Caller}).
 * HTTP status codes are not chosen here: the server maps {@link io.nextops.ots.api.ApiException.Kind} to a status in
 * one place.
 */
package io.nextops.ots.api;
