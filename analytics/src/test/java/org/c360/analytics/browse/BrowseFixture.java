package org.c360.analytics.browse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.c360.analytics.workspace.Workspace;

/** A small workspace with tables made by SQL, and independent SQL to check the engine against. */
final class BrowseFixture {
    private static final String TIES_VIEW = "SELECT id, k, nullif(t, 'blue') AS t, ts FROM ties WHERE id % 5 <> 0";
    /** The rows of {@code ties_view} with the table's row id as {@code r}: the view's stored order. */
    static final String TIES_VIEW_WITH_ROWID = "SELECT id, k, nullif(t, 'blue') AS t, ts, rowid AS r FROM ties WHERE id % 5 <> 0";

    private BrowseFixture() {
    }

    /** {@code people}: 1000 rows with ids 1..1000, a nullable group with many ties, a score, a day, a flag. */
    static Workspace create(Path dir) {
        Workspace workspace = Workspace.open(dir.resolve("test.c360"));
        sql(workspace, """
                CREATE TABLE people AS
                SELECT i AS id,
                       'name' || i AS name,
                       CASE WHEN i % 10 = 0 THEN NULL ELSE i % 7 END AS grp,
                       (i * 1.5)::DOUBLE AS score,
                       DATE '2024-01-01' + i::INTEGER AS day,
                       i % 3 = 0 AS flag,
                       [i, i + 1] AS pair
                FROM range(1, 1001) r(i)""");
        sql(workspace, "CREATE VIEW people_view AS SELECT id, grp, name FROM people");
        return workspace;
    }

    /**
     * {@code ties}: 700 rows stored in an order unrelated to {@code id}, with keys that tie a lot and have
     * nulls: {@code k} (4 values), {@code t} (3 words), {@code ts} (200 minutes). {@code ties_view} drops
     * every fifth row and turns 'blue' into null, so its rows and keys differ from the table's.
     */
    static void createTies(Workspace workspace) {
        sql(workspace, """
                CREATE TABLE ties AS SELECT * FROM (
                    SELECT i AS id,
                           CASE WHEN i % 11 = 0 THEN NULL ELSE (hash(i) % 4)::INTEGER END AS k,
                           CASE WHEN i % 13 = 0 THEN NULL ELSE ['red', 'green', 'blue'][(hash(i * 7) % 3)::INTEGER + 1] END AS t,
                           TIMESTAMP '2024-01-01' + to_minutes((hash(i * 3) % 200)::BIGINT) AS ts
                    FROM range(1, 701) r(i))
                ORDER BY hash(id + 17)""");
        sql(workspace, "CREATE VIEW ties_view AS " + TIES_VIEW);
    }

    static void sql(Workspace workspace, String sql) {
        try (Connection connection = workspace.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long scalar(Workspace workspace, String sql) {
        try (Connection connection = workspace.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Long> longs(Workspace workspace, String sql) {
        try (Connection connection = workspace.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
