/**
 * Test fixtures shared by every module's integration tests: one embedded PostgreSQL per test JVM
 * ({@link io.nextops.testsupport.SharedPostgres}) and a fresh, empty database per test class
 * ({@link io.nextops.testsupport.TestDatabase}).
 */
package io.nextops.testsupport;
