/**
 * The database the server runs on: an external PostgreSQL from {@code DATABASE_URL}, or an embedded one whose data
 * lives under the data dir; a HikariCP pool in front of it; Flyway migrations of every module run at start.
 */
package io.nextops.server.db;
