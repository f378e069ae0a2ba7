/** Input generators for the OT import benchmark ({@code benchmarks/scripts/ot-import.sh}). */
package io.nextops.benchmarks.imports;
