/** Prometheus metrics of the server (Micrometer): JVM, process, HTTP requests, connection pool, Jetty, workers. */
package io.nextops.server.metrics;
