package io.nextops.server;

import io.nextops.server.config.ServerConfig;
import java.util.Locale;

/**
 * Chooses the log format and level before logback starts: {@code logback.xml} reads them from system properties.
 * Must run before the first logger is created.
 */
final class Logging {
    private Logging() {}

    static void configure(ServerConfig.Logging logging) {
        System.setProperty("nextops.log.format", logging.format().name().toUpperCase(Locale.ROOT));
        System.setProperty("nextops.log.level", logging.level());
        System.setProperty("nextops.access.level", logging.accessLog() ? "INFO" : "OFF");
    }
}
