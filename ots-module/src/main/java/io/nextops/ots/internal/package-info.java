/**
 * Code shared by the module's packages and not part of its API: the servlet base that routes collection and item
 * paths ({@link io.nextops.web.Resource}), the JSON body checker that collects every bad field
 * ({@link io.nextops.web.Body}) and SQL helpers ({@link io.nextops.ots.internal.Sql}).
 */
package io.nextops.ots.internal;
