package org.c360.analytics.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.query.QueryRunner;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.summary.Summaries;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

/**
 * Runs analyses of the {@link AnalysisCatalog} on a workspace. Before any SQL runs it checks that the
 * canonical tables the analysis reads exist, so a workspace without, say, transactions is told which mapping
 * is missing rather than shown a SQL error. Each run (its parameters, time, rows or error) is recorded in
 * {@code analysis_runs}.
 */
public final class AnalysisRunner {

    private final Workspace workspace;

    public AnalysisRunner(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Runs {@code analysis} with the given parameter values (missing ones take their defaults).
     *
     * @param maxRows the most rows kept (a larger result is marked truncated)
     * @throws MissingMappingException when a table it reads is not mapped
     * @throws C360Exception           when a parameter value is not valid, or the SQL fails
     */
    public AnalysisResult run(Analysis analysis, Map<String, String> parameters, int maxRows, Progress progress) {
        Map<String, String> values = analysis.values(parameters);
        String sql = analysis.sql(values);
        List<Entity> missing = missingTables(analysis);
        if (!missing.isEmpty()) {
            throw new MissingMappingException(analysis, missing);
        }
        long start = System.nanoTime();
        ResultTable table = null;
        String error = null;
        try (Connection connection = workspace.connect()) {
            long summarising = System.nanoTime();
            long summarised = Summaries.ensure(workspace, connection, Summaries.usedBy(sql), progress) == 0 ? 0
                    : (System.nanoTime() - summarising) / 1_000_000;
            table = QueryRunner.execute(connection, sql, maxRows, progress);
            return new AnalysisResult(analysis, values, sql, table, summarised);
        } catch (QueryRunner.SqlError e) {
            error = e.getMessage();
            throw new C360Exception("The analysis '" + analysis.title() + "' failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            error = e.getMessage();
            throw new C360Exception("Cannot run the analysis '" + analysis.title() + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            error = progress.isCancelled() ? "cancelled" : String.valueOf(e.getMessage());
            throw e;
        } finally {
            record(analysis, values, (System.nanoTime() - start) / 1_000_000, table == null ? null : (long) table.rowCount(), error);
        }
    }

    /** The entities {@code analysis} reads that this workspace has no table for. */
    public List<Entity> missingTables(Analysis analysis) {
        List<Entity> missing = new ArrayList<>();
        var catalog = workspace.catalog();
        for (Entity entity : analysis.reads()) {
            if (!catalog.exists(entity.table())) {
                missing.add(entity);
            }
        }
        return missing;
    }

    /** Past runs, newest first. */
    public List<Run> history(int limit) {
        List<Run> runs = new ArrayList<>();
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT run_id, analysis, parameters, ran_at, duration_ms, row_count, error
                     FROM analysis_runs ORDER BY run_id DESC LIMIT ?""")) {
            statement.setInt(1, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long rows = rs.getLong(6);
                    Long rowCount = rs.wasNull() ? null : rows;
                    runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toLocalDateTime(), rs.getLong(5), rowCount, rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new C360Exception("Reading the analysis runs failed: " + e.getMessage(), e);
        }
        return runs;
    }

    /** One recorded run; {@code rows} is null when it failed. */
    public record Run(long id, String analysis, String parameters, java.time.LocalDateTime ranAt, long durationMillis,
                      Long rows, String error) {
    }

    private void record(Analysis analysis, Map<String, String> values, long millis, Long rows, String error) {
        String parameters = values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        try (Connection connection = workspace.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO analysis_runs(analysis, parameters, duration_ms, row_count, error) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, analysis.name());
            insert.setString(2, parameters);
            insert.setLong(3, millis);
            if (rows == null) {
                insert.setNull(4, java.sql.Types.BIGINT);
            } else {
                insert.setLong(4, rows);
            }
            insert.setString(5, error);
            insert.executeUpdate();
        } catch (SQLException | RuntimeException ignored) {
            // the record is a convenience: failing to write it must not hide the analysis's own outcome
        }
    }
}
