package org.c360.analytics.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.c360.analytics.work.Progress;

/**
 * Runs one statement of a long piece of work: cancellable mid-query through {@code progress}, and timed on
 * standard error when the system property {@code c360.sqllog} is true, which is how slow steps of a
 * full-scale run are found.
 */
public final class Statements {
    private static final boolean LOG = Boolean.getBoolean("c360.sqllog");
    /** With {@code c360.sqllog.full}, whole statements (to run them again with EXPLAIN ANALYZE). */
    private static final boolean FULL = Boolean.getBoolean("c360.sqllog.full");

    private Statements() {
    }

    public static void execute(Connection connection, Progress progress, String sql) throws SQLException {
        progress.throwIfCancelled();
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement();
             Progress.Registration ignored = progress.cancels(statement)) {
            statement.execute(sql);
        } finally {
            log(sql, start);
        }
    }

    /** Runs a data-changing statement, cancellable like {@link #execute}; returns the rows it changed. */
    public static long update(Connection connection, Progress progress, String sql) throws SQLException {
        progress.throwIfCancelled();
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement();
             Progress.Registration ignored = progress.cancels(statement)) {
            return statement.executeUpdate(sql);
        } finally {
            log(sql, start);
        }
    }

    /** The first column of the first row of a query that returns one number (a count). */
    public static long scalar(Connection connection, String sql) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql);
             java.sql.ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Work on a connection, such as filling a table through an appender. */
    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction, or in the caller's when there is one. On a connection that commits
     * each statement, an appender commits every chunk it flushes (2,048 rows): standardising the phone numbers of
     * a million people took twice as long.
     */
    public static void inOneTransaction(Connection connection, Work work) throws SQLException {
        if (!connection.getAutoCommit()) {
            work.run();
            return;
        }
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Logs {@code what} and the time since {@code startNanos}, when {@code c360.sqllog} is on. */
    public static void log(String what, long startNanos) {
        if (LOG) {
            String oneLine = what.replaceAll("\\s+", " ").strip();
            System.err.printf("[sql] %tT %,8d ms  %s%n", System.currentTimeMillis(), (System.nanoTime() - startNanos) / 1_000_000,
                    oneLine.length() > 160 && !FULL ? oneLine.substring(0, 160) + "…" : oneLine);
        }
    }
}
