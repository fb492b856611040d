package org.c360.analytics.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.c360.analytics.summary.Summaries;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

/**
 * Runs SQL the user typed (console, {@code c360 sql}) against a workspace: at most {@code maxRows} rows are
 * kept, the statement is cancellable, and every run is recorded in {@code query_history}.
 */
public final class QueryRunner {

    /** The most rows a console result keeps in memory. */
    public static final int DEFAULT_MAX_ROWS = 10_000;

    private final Workspace workspace;

    public QueryRunner(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Executes {@code sql}. A statement that returns no rows (DDL, INSERT) yields an empty table with one
     * column {@code "Count"} holding the update count.
     *
     * @throws SqlError with DuckDB's message when the SQL is wrong
     * @throws CancelledException when {@code progress} was cancelled
     */
    public ResultTable run(String sql, int maxRows, Progress progress) {
        String text = sql.strip();
        if (text.isEmpty()) {
            throw new SqlError("There is no SQL to run.", null);
        }
        long start = System.nanoTime();
        ResultTable result = null;
        String error = null;
        try (Connection connection = workspace.connect(); Statement statement = connection.createStatement()) {
            statement.setMaxRows(0);
            try (Progress.Registration ignored = progress.cancels(statement)) {
                boolean hasRows = statement.execute(text);
                if (hasRows) {
                    try (ResultSet rs = statement.getResultSet()) {
                        result = read(rs, maxRows, progress, start);
                    }
                } else {
                    // it may have changed what the analyses' summaries were built from
                    Summaries.invalidate(connection);
                    long count = statement.getUpdateCount();
                    List<Object[]> rows = new ArrayList<>();
                    rows.add(new Object[] {count < 0 ? 0L : count});
                    result = new ResultTable(List.of("Count"), List.of("BIGINT"), rows, false, millisSince(start));
                }
            }
            return result;
        } catch (SQLException e) {
            if (progress.isCancelled()) {
                error = "cancelled";
                throw new CancelledException();
            }
            error = cleanMessage(e.getMessage());
            throw new SqlError(error, e);
        } catch (CancelledException e) {
            error = "cancelled";
            throw e;
        } finally {
            record(text, millisSince(start), result == null ? null : (long) result.rowCount(), error);
        }
    }

    /**
     * Runs a query on a connection the caller holds, keeping at most {@code maxRows} rows; not recorded in the
     * history (analyses keep their own record).
     *
     * @throws SqlError with DuckDB's message when the SQL is wrong
     * @throws CancelledException when {@code progress} was cancelled
     */
    public static ResultTable execute(Connection connection, String sql, int maxRows, Progress progress) {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement();
             Progress.Registration ignored = progress.cancels(statement)) {
            try (ResultSet rs = statement.executeQuery(sql)) {
                return read(rs, maxRows, progress, start);
            }
        } catch (SQLException e) {
            if (progress.isCancelled()) {
                throw new CancelledException();
            }
            throw new SqlError(cleanMessage(e.getMessage()), e);
        }
    }

    private static ResultTable read(ResultSet rs, int maxRows, Progress progress, long start) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
            types.add(meta.getColumnTypeName(i));
        }
        List<Object[]> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() >= maxRows) {
                truncated = true;
                break;
            }
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = rs.getObject(i + 1);
            }
            rows.add(row);
            if ((rows.size() & 1023) == 0) {
                progress.throwIfCancelled();
            }
        }
        return new ResultTable(columns, types, rows, truncated, millisSince(start));
    }

    /** The query history, newest first. */
    public List<HistoryEntry> history(int limit) {
        List<HistoryEntry> entries = new ArrayList<>();
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id, sql, ran_at, duration_ms, row_count, error FROM query_history ORDER BY id DESC LIMIT ?")) {
            statement.setInt(1, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long rows = rs.getLong(5);
                    Long rowCount = rs.wasNull() ? null : rows;
                    entries.add(new HistoryEntry(rs.getLong(1), rs.getString(2),
                            rs.getTimestamp(3).toLocalDateTime(), rs.getLong(4), rowCount, rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new C360Exception("Reading the query history failed: " + e.getMessage(), e);
        }
        return entries;
    }

    /** One past run of the console. {@code rows} is null when it failed. */
    public record HistoryEntry(long id, String sql, java.time.LocalDateTime ranAt, long durationMillis, Long rows,
                               String error) {
    }

    private void record(String sql, long millis, Long rows, String error) {
        try (Connection connection = workspace.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO query_history(sql, duration_ms, row_count, error) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, sql);
            insert.setLong(2, millis);
            if (rows == null) {
                insert.setNull(3, java.sql.Types.BIGINT);
            } else {
                insert.setLong(3, rows);
            }
            insert.setString(4, error);
            insert.executeUpdate();
        } catch (SQLException | RuntimeException ignored) {
            // history is a convenience: failing to record it must not hide the query's own outcome
        }
    }

    /** DuckDB prefixes messages with the error class and may add context lines; keep what a user reads. */
    static String cleanMessage(String message) {
        return org.c360.analytics.sql.DuckDbMessages.clean(message);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The SQL was wrong: the message is DuckDB's own, which names the problem and often the position. */
    public static final class SqlError extends C360Exception {
        public SqlError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
