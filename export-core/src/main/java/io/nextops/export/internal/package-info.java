/**
 * Code shared by the CSV and XLSX writers: the {@link io.nextops.export.internal.TableWriter} contract, the sink
 * guard that turns a failing stream into a prompt abort, and the value rules. Not API: it is public only because
 * {@code export.csv} and {@code export.xlsx} both need it; it is left out of the published javadoc and may change in
 * any release. Use {@link io.nextops.export.Exporter}.
 */
package io.nextops.export.internal;
