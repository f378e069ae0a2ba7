package io.nextops.server.http;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heavy jobs running now (exports, uploads, imports, large pages): what route, since when, and the memory each
 * reserved in the heavy lane. {@link WorkerHandler} registers a job when its worker starts it and removes it when the
 * worker is done, so there are at most {@code HEAVY_WORKERS} entries. For the memory dashboard. Thread-safe.
 */
public final class HeavyJobs {
    private final Map<Long, Job> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;

    public HeavyJobs(Clock clock) {
        this.clock = clock;
    }

    /**
     * One running heavy job.
     *
     * @param method        the HTTP method
     * @param route         the route's template, e.g. {@code /api/invoices/export-excel/} (no ids, no query)
     * @param operationId   the route's operation id
     * @param since         when its worker started it
     * @param reservedBytes the memory it reserved in the heavy lane
     */
    public record Job(String method, String route, String operationId, Instant since, long reservedBytes) {}

    /** Registers a job starting now; pass the returned id to {@link #end(long)}. */
    long start(String method, String route, String operationId, long reservedBytes) {
        long id = ids.incrementAndGet();
        running.put(id, new Job(method, route, operationId, clock.instant(), reservedBytes));
        return id;
    }

    void end(long id) {
        running.remove(id);
    }

    /** The jobs running now, oldest first. */
    public List<Job> running() {
        List<Job> jobs = new ArrayList<>(running.values());
        jobs.sort(Comparator.comparing(Job::since));
        return jobs;
    }
}
