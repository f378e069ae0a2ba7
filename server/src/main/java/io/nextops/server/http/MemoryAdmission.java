package io.nextops.server.http;

import io.nextops.memory.MemoryMonitor;
import io.nextops.memory.MemoryStatus;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory-aware admission of heavy routes ({@code Work.HEAVY} in the route table: exports, uploads, imports): once the memory monitor reports CRITICAL, new
 * heavy requests are refused until the status is back below WARNING (EXCELLENT or GOOD). The gap between the two
 * thresholds is the hysteresis that keeps admission from flapping. Light requests are never refused here.
 * Thread-safe.
 */
public final class MemoryAdmission {
    private static final Logger log = LoggerFactory.getLogger(MemoryAdmission.class);

    private final MemoryMonitor monitor;
    private final AtomicBoolean shedding = new AtomicBoolean();

    public MemoryAdmission(MemoryMonitor monitor) {
        this.monitor = monitor;
    }

    /** Whether a new heavy request may start now. */
    public boolean admitHeavy() {
        MemoryStatus status = monitor.status();
        if (status == MemoryStatus.CRITICAL) {
            if (shedding.compareAndSet(false, true)) {
                log.warn("memory CRITICAL: refusing exports, uploads and imports until the status is below WARNING");
            }
            return false;
        }
        if (shedding.get() && status.compareTo(MemoryStatus.WARNING) < 0 && shedding.compareAndSet(true, false)) {
            log.warn("memory back to {}: admitting exports, uploads and imports again", status);
        }
        return !shedding.get();
    }
}
