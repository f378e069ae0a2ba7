/** Deterministic demo data, streamed into PostgreSQL with COPY; used by the server's {@code seed-demo} command. */
package io.nextops.invoices.demo;
