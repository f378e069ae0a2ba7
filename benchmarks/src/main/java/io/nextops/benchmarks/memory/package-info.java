/** JMH benchmarks of memory-monitor: snapshot cost and per-request filter overhead; see docs/benchmarks/memory-monitor.md. */
package io.nextops.benchmarks.memory;
