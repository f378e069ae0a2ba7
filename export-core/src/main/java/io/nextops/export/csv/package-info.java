/**
 * CSV output (RFC 4180, UTF-8, optional BOM) over commons-csv. Not API: use
 * {@link io.nextops.export.Exporter#csv(io.nextops.export.CsvOptions)}.
 */
package io.nextops.export.csv;
