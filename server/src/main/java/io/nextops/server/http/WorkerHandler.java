package io.nextops.server.http;

import io.nextops.server.db.Database;
import io.nextops.web.ErrorWriter;
import io.nextops.web.route.RouteTable;
import io.nextops.web.route.Work;
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
 * route's {@link Work} says. INLINE routes and paths no route serves are answered on Jetty's thread; pooled routes
 * run on the bounded {@link RequestWorkers}, so that at most {@code WORKERS} requests run at once and at most
 * {@code WORKER_QUEUE} wait. A full pool is answered at once with 503, {@code Retry-After} and the error envelope;
 * while memory is critical, HEAVY routes are refused with 503 before they take a worker ({@link MemoryAdmission}).
 * When a request runs past the pool's task timeout, the statement its worker is running is cancelled on the
 * database and the request is marked so that the error filter answers 503 if nothing was sent yet. Thread-safe.
 */
public final class WorkerHandler extends Handler.Wrapper {
    /** Request attribute holding the request's {@link TaskContext}; {@code isCancelled()} means it timed out. */
    public static final String TASK_ATTRIBUTE = "nextops.task";

    private static final Logger log = LoggerFactory.getLogger(WorkerHandler.class);
    private static final byte[] FULL = ErrorWriter.body("server_busy", "The server is busy; retry shortly.", List.of());
    private static final byte[] MEMORY = ErrorWriter.body("memory_pressure", "The server is low on memory; exports, "
            + "uploads and imports are paused. Retry shortly.", List.of());

    private final RouteTable routes;
    private final RequestWorkers workers;
    private final Database database;
    private final MemoryAdmission admission;

    public WorkerHandler(Handler handler, RouteTable routes, RequestWorkers workers, Database database,
                         MemoryAdmission admission) {
        super(handler);
        this.routes = routes;
        this.workers = workers;
        this.database = database;
        this.admission = admission;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        RouteTable.Match match = routes.match(request.getMethod(), Request.getPathInContext(request));
        request.setAttribute(RouteTable.MATCH_ATTRIBUTE, match);
        if (!match.found() || !match.route().work().pooled()) {
            return super.handle(request, response, callback);
        }
        if (match.route().work() == Work.HEAVY && !admission.admitHeavy()) {
            reject(response, callback, MEMORY, "10");
            return true;
        }
        try {
            workers.execute(task -> run(task, request, response, callback));
        } catch (RejectedTaskException e) {
            log.warn("{} {} rejected: {}", request.getMethod(), Request.getPathInContext(request), e.getMessage());
            reject(response, callback, FULL, "1");
        }
        return true;
    }

    private static void reject(Response response, Callback callback, byte[] body, String retryAfterSeconds) {
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
        response.write(true, ByteBuffer.wrap(body), callback);
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
