package io.nextops.server.http;

import io.nextops.server.db.Database;
import io.nextops.web.ErrorWriter;
import io.nextops.web.route.Route;
import io.nextops.web.route.RouteTable;
import io.nextops.web.route.Work;
import io.nextops.workers.Lane;
import io.nextops.workers.RejectedTaskException;
import io.nextops.workers.TaskContext;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of the request flow: resolves the request against the {@link RouteTable} once (the match goes on the
 * request under {@link RouteTable#MATCH_ATTRIBUTE} for the filters and the route servlet), then runs it where the
 * route's {@link Work} says. INLINE routes and paths no route serves are answered on Jetty's thread; LIGHT routes run
 * in the light lane of the {@link RequestWorkers} ({@code WORKERS}, {@code WORKER_QUEUE}); HEAVY routes, and pages of
 * more than {@value #LARGE_PAGE_ROWS} rows, in the heavy lane, after their memory reservation fits
 * ({@code HEAVY_WORKERS}, {@code HEAVY_QUEUE}, {@code HEAVY_MEMORY_MB}), so light work never waits behind heavy work.
 * A full lane is answered at once with 503, {@code Retry-After} and the error envelope; while memory is critical the
 * heavy lane refuses new work with 503 before it takes a worker ({@link MemoryAdmission} is the lane's gate).
 * Heavy work is listed in {@link HeavyJobs} while its worker runs it.
 * When a request runs past the pool's task timeout, the statement its worker is running is cancelled on the
 * database and the request is marked so that the error filter answers 503 if nothing was sent yet. Thread-safe.
 */
public final class WorkerHandler extends Handler.Wrapper {
    /** Request attribute holding the request's {@link TaskContext}; {@code isCancelled()} means it timed out. */
    public static final String TASK_ATTRIBUTE = "nextops.task";

    private static final Logger log = LoggerFactory.getLogger(WorkerHandler.class);
    /** A page larger than this many rows is heavy work: it runs in the heavy lane. */
    public static final int LARGE_PAGE_ROWS = 1000;
    /** What a large page may hold: the cursor's fetch batch and the response buffer (rows stream). */
    static final long LARGE_PAGE_RESERVE_BYTES = 2L << 20;

    private static final byte[] FULL = ErrorWriter.body("server_busy", "The server is busy; retry shortly.", List.of());
    private static final byte[] MEMORY = ErrorWriter.body("memory_pressure", "The server is low on memory; exports, "
            + "uploads and imports are paused. Retry shortly.", List.of());
    private static final byte[] STOPPING = ErrorWriter.body("shutting_down", "The server is shutting down.", List.of());

    private final RouteTable routes;
    private final RequestWorkers workers;
    private final Database database;
    private final HeavyJobs heavyJobs;
    private final BackgroundPriority heavyPriority;

    public WorkerHandler(Handler handler, RouteTable routes, RequestWorkers workers, Database database,
                         HeavyJobs heavyJobs, BackgroundPriority heavyPriority) {
        super(handler);
        this.routes = routes;
        this.workers = workers;
        this.database = database;
        this.heavyJobs = heavyJobs;
        this.heavyPriority = heavyPriority;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        RouteTable.Match match = routes.match(request.getMethod(), Request.getPathInContext(request));
        request.setAttribute(RouteTable.MATCH_ATTRIBUTE, match);
        if (!match.found() || !match.route().work().pooled()) {
            return super.handle(request, response, callback);
        }
        Route route = match.route();
        boolean heavy = route.work() == Work.HEAVY || largePage(route, request);
        long reservation = route.work() == Work.HEAVY ? route.reserveBytes() : heavy ? LARGE_PAGE_RESERVE_BYTES : 0;
        Lane lane = heavy ? workers.heavy() : workers.light();
        try {
            Route job = heavy ? route : null;
            lane.execute(reservation, task -> run(task, request, response, callback, job, reservation));
        } catch (RejectedTaskException e) {
            log.warn("{} {} rejected: {}", request.getMethod(), Request.getPathInContext(request), e.getMessage());
            switch (e.reason()) {
                case QUEUE_FULL -> reject(response, callback, FULL, heavy ? "5" : "1");
                case MEMORY_UNAVAILABLE -> reject(response, callback, MEMORY, "10");
                case SHUTDOWN -> reject(response, callback, STOPPING, "5");
                case RESERVATION_TOO_LARGE -> reject(response, callback, ErrorWriter.body("reservation_too_large",
                        "This request may hold " + mib(reservation) + " MiB of memory; the heavy lane admits at most "
                                + mib(lane.config().capacityBytes()) + " MiB (HEAVY_MEMORY_MB). Ask the operator to "
                                + "raise it.", List.of()), null);
            }
        }
        return true;
    }

    /** A paged route asked for more than {@link #LARGE_PAGE_ROWS} rows (an unparsable size is the handler's 400). */
    private static boolean largePage(Route route, Request request) {
        if (!route.paged()) {
            return false;
        }
        String size;
        try {
            size = Request.extractQueryParameters(request).getValue("page_size");
        } catch (RuntimeException e) {
            return false; // a malformed query string: the route's strict parser answers it, naming the parameter
        }
        if (size == null || size.isEmpty() || size.length() > 9) {
            return false;
        }
        for (int i = 0; i < size.length(); i++) {
            if (size.charAt(i) < '0' || size.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(size) > LARGE_PAGE_ROWS;
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static void reject(Response response, Callback callback, byte[] body, String retryAfterSeconds) {
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (retryAfterSeconds != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Runs the request on this worker; {@code heavyRoute} non-null: listed in {@link HeavyJobs} while it runs. */
    private void run(TaskContext task, Request request, Response response, Callback callback, Route heavyRoute,
                     long reservedBytes) {
        if (heavyRoute != null) {
            heavyPriority.apply(); // a heavy-lane thread: below light work on a busy core
        }
        long job = heavyRoute == null ? 0 : heavyJobs.start(request.getMethod(), heavyRoute.template(),
                heavyRoute.operationId(), reservedBytes);
        try {
            run(task, request, response, callback);
        } finally {
            if (job != 0) {
                heavyJobs.end(job);
            }
        }
    }

    private void run(TaskContext task, Request request, Response response, Callback callback) {
        Thread worker = Thread.currentThread();
        long start = System.nanoTime();
        task.onCancel(() -> {
            int cancelled = database.cancelStatementsOf(worker);
            log.warn("request timed out: {} {} after {} ms ({} SQL statement(s) cancelled)", request.getMethod(),
                    Request.getPathInContext(request), (System.nanoTime() - start) / 1_000_000, cancelled);
        });
        request.setAttribute(TASK_ATTRIBUTE, task);
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable t) {
            if (response.isCommitted()) {
                callback.failed(t);
            } else {
                Response.writeError(request, response, callback, t);
            }
        }
    }
}
