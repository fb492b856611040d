package org.c360.analytics.work;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Progress and cancellation for one piece of engine work, with no UI type in it: the app bridges it to a
 * {@code javafx.concurrent.Task}, the CLI to stderr, tests to nothing. Engine code reports with
 * {@link #update} and checks {@link #throwIfCancelled} between steps; a running SQL statement is made
 * cancellable with {@link #cancels(Statement)}, so Cancel interrupts DuckDB mid-query instead of waiting.
 */
public final class Progress {

    /** Receives progress; called on the worker thread. */
    @FunctionalInterface
    public interface Listener {
        /** @param fraction 0..1, or negative when the amount of work is unknown */
        void update(double fraction, String message);
    }

    private final Listener listener;
    private final CopyOnWriteArrayList<Statement> running = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public Progress(Listener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** Progress that nobody watches and nobody cancels. */
    public static Progress none() {
        return new Progress((fraction, message) -> { });
    }

    public void update(double fraction, String message) {
        listener.update(fraction, message);
    }

    /**
     * A part of this work, reported as the span [from, to] of its progress; cancelling either cancels both.
     * For a job made of steps that report 0..1 each; a step reporting an unknown fraction stands at {@code from}.
     */
    public Progress slice(double from, double to) {
        Progress parent = this;
        Progress child = new Progress((fraction, message) ->
                // a step that cannot tell its own progress still shows how far the whole job is
                parent.update(fraction < 0 ? from : from + (to - from) * Math.min(1, fraction), message));
        child.parent = parent;
        return child;
    }

    private Progress parent;

    /** Requests cancellation; statements registered with {@link #cancels} are interrupted now. */
    public void cancel() {
        if (parent != null) {
            parent.cancel();
            return;
        }
        cancelled = true;
        for (Statement statement : running) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException ignored) {
                // the statement may have finished or closed meanwhile; cancelling it is moot then
            }
        }
    }

    public boolean isCancelled() {
        return parent != null ? parent.isCancelled() : cancelled;
    }

    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /**
     * Makes {@code statement} interruptible by {@link #cancel()} until the returned handle is closed.
     * Use in try-with-resources around the statement's execution.
     */
    public Registration cancels(Statement statement) {
        if (parent != null) {
            return parent.cancels(statement);
        }
        running.add(statement);
        if (cancelled) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // not started yet: throwIfCancelled below reports the cancellation
            }
            running.remove(statement);
            throw new CancelledException();
        }
        return () -> running.remove(statement);
    }

    /** Handle returned by {@link #cancels}; closing it never throws. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
