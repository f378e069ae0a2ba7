/** Benchmarks of the NextOps modules; see docs/benchmarks.md. */
package io.nextops.benchmarks;
