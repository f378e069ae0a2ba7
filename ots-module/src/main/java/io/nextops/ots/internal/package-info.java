/**
 * Code shared by the module's packages and not part of its API: the servlet base that routes collection and item
 * paths ({@link io.nextops.ots.internal.Resource}), the JSON body checker that collects every bad field
 * ({@link io.nextops.ots.internal.Body}), SQL helpers ({@link io.nextops.ots.internal.Sql}) and the
 * exact list counts cached per write version of their tables ({@link io.nextops.ots.internal.CountCache}).
 */
package io.nextops.ots.internal;
