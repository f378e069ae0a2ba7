/**
 * Benchmarks of upload-hashing: {@link io.nextops.benchmarks.hashing.HashBenchmark} (JMH, in memory) and
 * {@link io.nextops.benchmarks.hashing.HashFile} (a 1 GB file against OpenSSL, driven by
 * {@code benchmarks/hash-vs-openssl.sh}). Results: {@code docs/benchmarks/upload-hashing.md}.
 */
package io.nextops.benchmarks.hashing;
