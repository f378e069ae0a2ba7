package io.nextops.workers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One submitted task and its life: queued, running, then done, timed out or aborted. The state moves by CAS so
 * that exactly one party (the worker, the watchdog or the stopper) decides how the task ended.
 *
 * <p>Thread-safe.
 */
final class TaskRun implements TaskContext {

    static final int QUEUED = 0;
    static final int RUNNING = 1;
    static final int DONE = 2;
    static final int TIMED_OUT = 3;
    static final int ABORTED = 4;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TaskRun.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final byte RUNNABLE = 0;
    private static final byte CONSUMER = 1;
    private static final byte CALLABLE = 2;
    private static final byte CONTEXTUAL = 3;

    private final Object body;
    private final byte kind;
    /** Null for fire-and-forget tasks, whose failures are logged instead. */
    final CompletableFuture<Object> future;
    private volatile int state;
    /**
     * The thread that runs (or will run) the task. Plain field on the hot path: written before the RUNNING CAS (or
     * before the virtual thread starts), and read only by parties that saw that state first.
     */
    Thread thread;
    /** Ticker reading at start; written before the state turns RUNNING, read only after seeing RUNNING. */
    long startNanos;
    private List<Runnable> cancelActions; // guarded by this
    /**
     * The memory this task holds in its {@link Lane}, or null. Set before the task is queued (the queue hands it
     * to the worker); released once, whichever way the task ends.
     */
    Reservation reservation;

    private TaskRun(Object body, byte kind, CompletableFuture<Object> future) {
        this.body = body;
        this.kind = kind;
        this.future = future;
    }

    static TaskRun of(Runnable task) {
        return new TaskRun(task, RUNNABLE, null);
    }

    static TaskRun of(Consumer<TaskContext> task) {
        return new TaskRun(task, CONSUMER, null);
    }

    static TaskRun of(Callable<?> task, CompletableFuture<Object> future) {
        return new TaskRun(task, CALLABLE, future);
    }

    static TaskRun of(ContextualTask<?> task, CompletableFuture<Object> future) {
        return new TaskRun(task, CONTEXTUAL, future);
    }

    @SuppressWarnings("unchecked")
    Object call() throws Exception {
        switch (kind) {
            case RUNNABLE:
                ((Runnable) body).run();
                return null;
            case CONSUMER:
                ((Consumer<TaskContext>) body).accept(this);
                return null;
            case CALLABLE:
                return ((Callable<?>) body).call();
            default:
                return ((ContextualTask<?>) body).call(this);
        }
    }

    int state() {
        return state;
    }

    /** Queued to running; false if the task was dropped or its future was cancelled meanwhile. */
    boolean start() {
        if (future != null && future.isDone()) {
            state = DONE;
            return false;
        }
        return STATE.compareAndSet(this, QUEUED, RUNNING);
    }

    /** Running to done; false if the watchdog or the stopper got there first. */
    boolean finish() {
        return STATE.compareAndSet(this, RUNNING, DONE);
    }

    /** Queued to aborted: the task will never start, and frees its reservation. */
    boolean drop() {
        if (STATE.compareAndSet(this, QUEUED, ABORTED)) {
            releaseReservation();
            return true;
        }
        return false;
    }

    /** Frees the task's reservation, if it has one and it is still held; idempotent. */
    void releaseReservation() {
        Reservation held = reservation;
        if (held != null) {
            held.release();
        }
    }

    /** Running to timed out or aborted; call while holding this object's monitor. */
    boolean giveUp(int to) {
        return STATE.compareAndSet(this, RUNNING, to);
    }

    /** The registered cancel actions, emptied; call while holding this object's monitor. */
    List<Runnable> takeCancelActions() {
        List<Runnable> actions = cancelActions == null ? List.of() : cancelActions;
        cancelActions = null;
        return actions;
    }

    @Override
    public void onCancel(Runnable action) {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        synchronized (this) {
            int s = state;
            if (s == QUEUED || s == RUNNING) {
                if (cancelActions == null) {
                    cancelActions = new ArrayList<>(2);
                }
                cancelActions.add(action);
                return;
            }
            if (s == DONE) {
                return;
            }
        }
        action.run(); // the pool already gave up on this task
    }

    @Override
    public boolean isCancelled() {
        int s = state;
        return s == TIMED_OUT || s == ABORTED;
    }
}
