/** JMH benchmarks of export-core: CSV and XLSX rows/s against a plain BufferedWriter baseline. */
package io.nextops.benchmarks.export;
