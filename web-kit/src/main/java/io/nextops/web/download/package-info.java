/**
 * Export downloads from one database snapshot: the {@code format} parameter, RFC 6266 file names and headers
 * ({@link io.nextops.web.download.ExportDownload}) and the count-then-cursor stream into export-core
 * ({@link io.nextops.web.download.SnapshotExport}).
 */
package io.nextops.web.download;
