package org.c360.app.ui.task;

import javafx.concurrent.Task;

import org.c360.analytics.work.Progress;

/**
 * A {@link Task} around engine work: the engine reports through a {@link Progress}, which becomes this
 * task's progress and message; cancelling the task cancels the Progress, which interrupts the running
 * DuckDB statement instead of waiting for it.
 */
public final class BackgroundTask<T> extends Task<T> {

    /** Engine work: plain, blocking, cancellable through the progress it is given. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    private final Work<T> work;
    private final Progress progress;
    private final boolean shown;

    BackgroundTask(String title, Work<T> work, boolean shown) {
        this.work = work;
        this.shown = shown;
        this.progress = new Progress((fraction, message) -> {
            updateProgress(fraction < 0 ? -1 : fraction, fraction < 0 ? -1 : 1);
            if (message != null) {
                updateMessage(message);
            }
        });
        updateTitle(title);
        updateMessage(title);
    }

    @Override
    protected T call() throws Exception {
        return work.call(progress);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        progress.cancel();
        return super.cancel(mayInterruptIfRunning);
    }

    /** Whether the status bar lists this task (quick page loads are not listed). */
    public boolean isShown() {
        return shown;
    }
}
