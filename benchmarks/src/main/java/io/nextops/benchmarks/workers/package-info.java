/** JMH benchmarks of the worker pool: throughput beside a plain ThreadPoolExecutor, and the cost of recycling. */
package io.nextops.benchmarks.workers;
