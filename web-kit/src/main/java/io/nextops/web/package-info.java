/**
 * HTTP plumbing shared by the domain modules (this one and {@code invoices-module}): the error envelope as an
 * exception ({@link io.nextops.web.ApiException}), the JSON mapper ({@link io.nextops.web.Json}), query
 * parameter parsing that collects every bad field ({@link io.nextops.web.Params}), the paginated envelope written
 * as a stream ({@link io.nextops.web.PageWriter}) and the authenticated caller ({@link io.nextops.web.Caller}).
 * HTTP status codes are not chosen here: the server maps {@link io.nextops.web.ApiException.Kind} to a status in
 * one place.
 */
package io.nextops.web;
