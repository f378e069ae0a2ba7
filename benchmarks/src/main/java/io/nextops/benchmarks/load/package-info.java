/**
 * Load driver for a running server: {@link io.nextops.benchmarks.load.MixedLoad} runs concurrent exports, streamed
 * uploads and list/detail traffic for a set duration while sampling the server's RSS and memory status.
 * Used by {@code benchmarks/scripts/memory-budget.sh}; results in {@code docs/benchmarks/memory-budget.md}.
 */
package io.nextops.benchmarks.load;
