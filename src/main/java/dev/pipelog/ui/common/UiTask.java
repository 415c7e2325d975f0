package dev.pipelog.ui.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * The one way views run store work: off the FX thread, result delivered back on it in one update,
 * cancellable. Example:
 * <pre>{@code
 * UiTask.supply(() -> store.count(q)).onSuccess(count::set).onError(status::show).start(executor);
 * }</pre>
 * A cancelled task delivers neither success nor error. Every task says where its failure goes
 * ({@link #onError}): {@link #start} refuses one that does not, because a default that did nothing
 * once left a view that never showed and logged nothing.
 */
public final class UiTask<T> {
    private final Callable<T> work;
    private Consumer<? super T> onSuccess = t -> { };
    private Consumer<? super Throwable> onError;
    private Runnable onFinally = () -> { };

    private UiTask(Callable<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> UiTask<T> supply(Callable<T> work) {
        return new UiTask<>(work);
    }

    public UiTask<T> onSuccess(Consumer<? super T> action) {
        onSuccess = Objects.requireNonNull(action);
        return this;
    }

    public UiTask<T> onError(Consumer<? super Throwable> action) {
        onError = Objects.requireNonNull(action);
        return this;
    }

    /** Runs on the FX thread after success or error (not after cancel). */
    public UiTask<T> onFinally(Runnable action) {
        onFinally = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Starts the work on {@code executor}; the returned task can be cancelled. When the executor
     * refuses it (it is shut down: the window is closing), the task comes back cancelled: a result
     * that arrives while the window closes may still ask for more work, and nobody is left to see it.
     */
    public Task<T> start(Executor executor) {
        if (onError == null) {
            throw new IllegalStateException("a UiTask needs onError: log the failure and show it to the user");
        }
        Consumer<? super Throwable> failure = onError;
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }

            @Override
            protected void succeeded() {
                try {
                    onSuccess.accept(getValue());
                } finally {
                    onFinally.run();
                }
            }

            @Override
            protected void failed() {
                try {
                    failure.accept(getException());
                } finally {
                    onFinally.run();
                }
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.cancel(false);
        }
        return task;
    }
}
