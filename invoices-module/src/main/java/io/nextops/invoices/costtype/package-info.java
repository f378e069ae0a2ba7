/**
 * The cost-type catalog ({@code catalogs_cost_type}) that invoices refer to by code: its record, repository and the
 * read-only list endpoint.
 */
package io.nextops.invoices.costtype;
