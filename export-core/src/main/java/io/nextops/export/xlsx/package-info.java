/**
 * XLSX output over fastexcel's streaming writer: styled header and data, frozen header row, autofilter, sheet
 * rollover and periodic flushes. Not API: use {@link io.nextops.export.Exporter#xlsx(io.nextops.export.XlsxOptions)}.
 */
package io.nextops.export.xlsx;
