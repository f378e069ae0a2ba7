package io.nextops.server.http;

import io.nextops.server.db.Database;
import io.nextops.workers.RejectedTaskException;
import io.nextops.workers.TaskContext;
import io.nextops.workers.WorkerPool;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every API request to the bounded {@link WorkerPool} instead of running it on Jetty's thread, so that at most
 * {@code WORKERS} requests run at once and at most {@code WORKER_QUEUE} wait. Health and metrics requests are not
 * handed over: they answer while the pool is saturated. When the pool is full the request is answered at once with
 * 503, {@code Retry-After} and the error envelope. When a request runs past the pool's task timeout, the statement
 * its worker is running is cancelled on the database, one line is logged, and the request is marked so that the
 * error filter answers 503 if nothing was sent yet. While memory is critical, heavy requests (exports, uploads,
 * imports) are refused with 503 before they take a worker ({@link MemoryAdmission}). Thread-safe.
 */
public final class WorkerHandler extends Handler.Wrapper {
    /** Request attribute holding the request's {@link TaskContext}; {@code isCancelled()} means it timed out. */
    public static final String TASK_ATTRIBUTE = "nextops.task";

    private static final Logger log = LoggerFactory.getLogger(WorkerHandler.class);
    private static final byte[] FULL = ("{\"code\":\"server_busy\",\"message\":\"The server is busy; retry shortly.\","
            + "\"errors\":[],\"detail\":\"The server is busy; retry shortly.\"}").getBytes(StandardCharsets.UTF_8);

    private static final byte[] MEMORY = ("{\"code\":\"memory_pressure\",\"message\":\"The server is low on memory; "
            + "exports, uploads and imports are paused. Retry shortly.\",\"errors\":[],\"detail\":\"The server is low on "
            + "memory; exports, uploads and imports are paused. Retry shortly.\"}").getBytes(StandardCharsets.UTF_8);

    private final WorkerPool pool;
    private final Database database;
    private final Predicate<String> pooled;
    private final MemoryAdmission admission;

    /** Runs requests whose path matches {@code pooled} on {@code pool}; heavy ones only while memory allows. */
    public WorkerHandler(Handler handler, WorkerPool pool, Database database, Predicate<String> pooled,
                         MemoryAdmission admission) {
        super(handler);
        this.pool = pool;
        this.database = database;
        this.pooled = pooled;
        this.admission = admission;
    }

    /** The default split: {@code /api/...} runs on the pool, except the liveness check. */
    public static boolean isPooledPath(String path) {
        return path.startsWith("/api/") && !path.startsWith("/api/health");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!pooled.test(path)) {
            return super.handle(request, response, callback);
        }
        if (MemoryAdmission.isHeavy(path) && !admission.admitHeavy()) {
            reject(response, callback, MEMORY, "10");
            return true;
        }
        try {
            pool.execute(task -> run(task, request, response, callback));
        } catch (RejectedTaskException e) {
            log.warn("{} {} rejected: {}", request.getMethod(), path, e.getMessage());
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
