package org.c360.app.ui.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one executor all background work of the app runs on: a few named daemon threads (so a stuck query
 * never keeps the JVM alive, and a thread dump says what is ours). Work beyond the pool size queues.
 * Several threads, not one, so a long import does not stop the grid from paging meanwhile.
 */
public final class AppExecutor {
    /** DuckDB parallelises each query itself; these threads mostly wait on it. */
    private static final int THREADS = 4;
    private static ExecutorService executor;

    private AppExecutor() {
    }

    public static synchronized ExecutorService get() {
        if (executor == null || executor.isShutdown()) {
            executor = create();
        }
        return executor;
    }

    /** Stops taking work and interrupts what runs; called when the app exits. */
    public static synchronized void shutdown() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private static ExecutorService create() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "c360-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
