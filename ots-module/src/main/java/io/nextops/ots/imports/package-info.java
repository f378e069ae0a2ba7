/**
 * The OT import ({@code POST /api/ots/import_excel/}): uploaded .xlsx or .csv files streamed to temp files, read row
 * by row twice (validate and find conflicts, then write in batches inside one transaction per file) at a memory that
 * does not grow with the rows. Entry point: {@link io.nextops.ots.imports.OtImporter}.
 */
package io.nextops.ots.imports;
