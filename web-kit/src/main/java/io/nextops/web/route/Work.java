package io.nextops.web.route;

/**
 * How much a route's request costs, which decides where the server runs it: on Jetty's own threads, on the worker
 * pool's light lane, or as heavy work (its memory grows with its input), which is admitted only while memory allows.
 */
public enum Work {
    /** Answered on Jetty's thread, never queued: liveness, readiness, metrics; stays answerable under any load. */
    INLINE,
    /** Lists, details, catalogs, auth, CRUD: short, bounded memory; runs on the worker pool. */
    LIGHT,
    /** Exports, uploads, imports: long, memory grows with the input; runs on the worker pool when memory allows. */
    HEAVY;

    /** Whether the request runs on the bounded worker pool rather than on Jetty's thread. */
    public boolean pooled() {
        return this != INLINE;
    }
}
