/**
 * The deterministic demo data set ({@link io.nextops.ots.seed.OtsSeeder}): providers, clients and OTs with realistic
 * values, loaded with COPY.
 */
package io.nextops.ots.seed;
