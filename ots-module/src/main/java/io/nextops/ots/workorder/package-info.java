/**
 * Work orders (OTs, table {@code ots}): the stored row ({@link io.nextops.ots.workorder.Ot}), its writable fields
 * ({@link io.nextops.ots.workorder.OtDraft}), the save rules ({@link io.nextops.ots.workorder.OtRules}), the list
 * criteria shared with the export ({@link io.nextops.ots.workorder.OtQuery}), the repository
 * ({@link io.nextops.ots.workorder.OtRepository}) and the {@code /api/ots/} resource.
 */
package io.nextops.ots.workorder;
