package io.nextops.memory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the monitor's log lines go: SLF4J in production, a recording fake in tests (this module ships no logging
 * backend). Implementations must be thread-safe.
 */
interface MemoryLog {

    /** Logger of the sampled per-request memory lines and the CRITICAL user lines. */
    String REQUESTS = "io.nextops.memory.requests";
    /** Logger of the large request/response body warnings. */
    String SIZE = "io.nextops.memory.size";
    /** Logger of the background sampler: status changes and leak trends. */
    String SAMPLER = "io.nextops.memory.sampler";

    enum Level { INFO, WARN, ERROR }

    boolean isEnabled(Level level);

    void log(Level level, String message);

    static MemoryLog slf4j(String name) {
        Logger logger = LoggerFactory.getLogger(name);
        return new MemoryLog() {
            @Override
            public boolean isEnabled(Level level) {
                switch (level) {
                    case INFO: return logger.isInfoEnabled();
                    case WARN: return logger.isWarnEnabled();
                    default: return logger.isErrorEnabled();
                }
            }

            @Override
            public void log(Level level, String message) {
                switch (level) {
                    case INFO: logger.info(message); break;
                    case WARN: logger.warn(message); break;
                    default: logger.error(message); break;
                }
            }
        };
    }
}
