/**
 * invoices-module: supplier invoices, uploaded files and cost types. Start at {@link io.nextops.invoices.InvoicesModule}.
 * Sub-packages by concept: {@code invoice} (rows, criteria, repository, rules, API), {@code costtype} (the catalog),
 * {@code demo} (deterministic demo data loaded with COPY).
 */
package io.nextops.invoices;
