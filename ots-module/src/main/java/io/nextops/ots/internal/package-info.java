/**
 * Code shared by the module's packages and not part of its API: SQL helpers ({@link io.nextops.ots.internal.Sql},
 * {@link io.nextops.ots.internal.Where}).
 */
package io.nextops.ots.internal;
