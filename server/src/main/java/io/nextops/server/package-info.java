/**
 * The NextOps Lean server: {@link io.nextops.server.Main} parses the command line and the environment, and
 * {@link io.nextops.server.NextOpsServer#create} builds an unstarted Jetty server from a validated configuration.
 */
package io.nextops.server;
