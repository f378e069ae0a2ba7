/**
 * Test fixtures shared by every module's integration tests: one embedded PostgreSQL per test JVM
 * ({@link io.nextops.testsupport.SharedPostgres}), a fresh, empty database per test class
 * ({@link io.nextops.testsupport.TestDatabase}), and one S3-compatible server (s3proxy, a separate process) per test
 * JVM ({@link io.nextops.testsupport.S3Proxy}).
 */
package io.nextops.testsupport;
