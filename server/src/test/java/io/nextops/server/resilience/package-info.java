/**
 * Resilience tests against a real server: client disconnects, the database going away, SIGTERM during uploads and
 * exports, a full data disk, and a data-driven corpus of malformed and hostile requests ({@code BadInputCorpusIT}).
 * Results and how to rerun them: {@code docs/benchmarks/memory-budget.md}.
 */
package io.nextops.server.resilience;
