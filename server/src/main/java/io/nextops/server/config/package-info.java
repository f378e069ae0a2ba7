/**
 * Server configuration read from environment variables: {@link io.nextops.server.config.ServerConfig#fromEnv}
 * validates every variable and reports all problems together in one {@link io.nextops.server.config.ConfigException}.
 */
package io.nextops.server.config;
