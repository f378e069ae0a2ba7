package io.nextops.workers;

/**
 * A task that returns a value and may register cancel actions on its {@link TaskContext}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ContextualTask<T> {

    T call(TaskContext context) throws Exception;
}
