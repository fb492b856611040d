package org.c360.app.ui.task;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import org.c360.analytics.work.CancelledException;

/**
 * Starts background work on the app executor: {@code tasks.run("Importing", p -> importer.run(p))
 * .onSuccess(result -> ...).onError(...).start()}. Callbacks run on the FX thread. Without
 * {@code onError}, failures go to the window's error handler (the error dialog). A cancelled task calls
 * neither callback. Call from the FX thread.
 */
public final class Tasks {
    private final Executor executor;
    private final Consumer<Throwable> defaultErrorHandler;
    private final ObservableList<BackgroundTask<?>> active = FXCollections.observableArrayList();
    private final ObservableList<BackgroundTask<?>> shown = new FilteredList<>(active, BackgroundTask::isShown);

    public Tasks(Executor executor, Consumer<Throwable> defaultErrorHandler) {
        this.executor = Objects.requireNonNull(executor);
        this.defaultErrorHandler = Objects.requireNonNull(defaultErrorHandler);
    }

    /** Tasks queued or running that the status bar shows, oldest first (FX thread). */
    public ObservableList<BackgroundTask<?>> shown() {
        return shown;
    }

    /** Whether no task at all (shown or quiet) is queued or running (FX thread). */
    public boolean isIdle() {
        return active.isEmpty();
    }

    public <T> Builder<T> run(String title, BackgroundTask.Work<T> work) {
        return new Builder<>(title, work);
    }

    /** Cancels every queued or running task (before the workspace closes). */
    public void cancelAll() {
        for (BackgroundTask<?> task : active.toArray(BackgroundTask<?>[]::new)) {
            task.cancel();
        }
    }

    private void finished(BackgroundTask<?> task) {
        active.remove(task);
    }

    /** Collects the callbacks of one task, then {@link #start()}s it. */
    public final class Builder<T> {
        private final String title;
        private final BackgroundTask.Work<T> work;
        private Consumer<? super T> onSuccess = result -> { };
        private Consumer<Throwable> onError;
        private Runnable andFinally = () -> { };
        private boolean shown = true;

        private Builder(String title, BackgroundTask.Work<T> work) {
            this.title = title;
            this.work = work;
        }

        public Builder<T> onSuccess(Consumer<? super T> handler) {
            this.onSuccess = handler;
            return this;
        }

        public Builder<T> onError(Consumer<Throwable> handler) {
            this.onError = handler;
            return this;
        }

        /** Runs after success, failure or cancellation. */
        public Builder<T> andFinally(Runnable handler) {
            this.andFinally = handler;
            return this;
        }

        /** Keeps the task out of the status bar: for quick work with its own indicator (page loads). */
        public Builder<T> quiet() {
            this.shown = false;
            return this;
        }

        public BackgroundTask<T> start() {
            if (!Platform.isFxApplicationThread()) {
                throw new IllegalStateException("tasks are started on the FX thread");
            }
            BackgroundTask<T> task = new BackgroundTask<>(title, work, shown);
            Consumer<Throwable> errors = onError != null ? onError : defaultErrorHandler;
            task.setOnSucceeded(e -> {
                finished(task);
                onSuccess.accept(task.getValue());
                andFinally.run();
            });
            task.setOnFailed(e -> {
                finished(task);
                Throwable error = task.getException();
                if (!(error instanceof CancelledException)) {
                    errors.accept(error);
                }
                andFinally.run();
            });
            task.setOnCancelled(e -> {
                finished(task);
                andFinally.run();
            });
            active.add(task);
            executor.execute(task);
            return task;
        }
    }
}
