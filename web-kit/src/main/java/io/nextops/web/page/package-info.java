/**
 * Paged lists over Jdbi: one snapshot for the count and the page ({@link io.nextops.web.page.Listing}) and exact
 * counts cached per write version of their tables, which PostgreSQL itself maintains
 * ({@link io.nextops.web.page.CountCache}).
 */
package io.nextops.web.page;
