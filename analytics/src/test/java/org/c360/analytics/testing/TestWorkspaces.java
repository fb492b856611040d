package org.c360.analytics.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.c360.analytics.query.QueryRunner;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;

/** Helpers for tests that need a workspace and input files; shared with other modules through the test-jar. */
public final class TestWorkspaces {
    private TestWorkspaces() {
    }

    /** A new workspace file in {@code dir}. */
    public static Workspace create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Workspace.open(dir.resolve("test" + Workspace.EXTENSION));
    }

    /** Runs a query and returns its result. */
    public static ResultTable query(Workspace workspace, String sql) {
        return new QueryRunner(workspace).run(sql, 100_000, Progress.none());
    }

    /** The first column of the first row as a long. */
    public static long scalar(Workspace workspace, String sql) {
        Object value = query(workspace, sql).value(0, 0);
        return ((Number) value).longValue();
    }

    /** The first column of the first row as text (null when there is no row). */
    public static String scalarText(Workspace workspace, String sql) {
        List<String> values = column(workspace, sql);
        return values.isEmpty() ? null : values.getFirst();
    }

    /** Runs a statement that changes the workspace (a test's way to break or edit it). */
    public static void execute(Workspace workspace, String sql) {
        try (var connection = workspace.connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, as strings. */
    public static List<String> column(Workspace workspace, String sql) {
        return query(workspace, sql).rows().stream().map(r -> r[0] == null ? null : r[0].toString()).toList();
    }

    /** Every table and its row count, for "the workspace is exactly as before" checks. */
    public static Map<String, Long> snapshot(Workspace workspace) {
        Map<String, Long> tables = new TreeMap<>();
        for (Catalog.TableInfo table : workspace.catalog().tables()) {
            if (!"query_history".equals(table.name())) {
                tables.put(table.name(), table.rows());
            }
        }
        return tables;
    }

    /** Copies a test resource (e.g. "bad-input/ragged.csv") into {@code dir} and returns the copy. */
    public static Path resource(String name, Path dir) {
        try (InputStream in = TestWorkspaces.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            Path target = dir.resolve(Path.of(name).getFileName().toString());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a text file into {@code dir}. */
    public static Path write(Path dir, String name, String content) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
