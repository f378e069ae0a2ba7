/**
 * XLSX output written directly as SpreadsheetML into the JDK's zip stream: styled header and data, frozen header
 * row, autofilter, sheet rollover, constant memory. Not API: use
 * {@link io.nextops.export.Exporter#xlsx(io.nextops.export.XlsxOptions)}.
 */
package io.nextops.export.xlsx;
