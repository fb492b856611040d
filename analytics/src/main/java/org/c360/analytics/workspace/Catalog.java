package org.c360.analytics.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.work.C360Exception;

/** What a workspace holds: its tables and views grouped by layer, with sizes and columns. */
public final class Catalog {

    /** The layers of ARCHITECTURE.md, plus the workspace's own bookkeeping and the user's own tables. */
    public enum Layer {
        SOURCE("Sources"), ENTITY("Entities"), PROFILE("Customer 360"), QUARANTINE("Rejected rows"), USER("My tables"),
        SYSTEM("Workspace");

        private final String title;

        Layer(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** One table or view. {@code rows} is exact for tables and views alike. */
    public record TableInfo(String name, Layer layer, long rows, int columns, boolean view) {
    }

    /** One column as DuckDB types it. */
    public record ColumnInfo(String name, String type, boolean nullable) {
    }

    static final Set<String> SYSTEM_TABLES = Set.of("schema_migrations", "imports", "import_files",
            "column_mappings", "query_history", "identity_sources", "identity_runs", "identity_persons",
            "identity_splits", "identity_guards", "identity_matches", "identity_decisions", "identity_values", "identity_index",
            "identity_events", "identity_run_tables", "survivorship_rules", "source_trust", "link_suggestions", "link_scans",
            "segments", "segment_members", "segment_history", "segment_relation_cache",
            "analysis_runs");

    /**
     * The unified layer: one row per resolved person, every event with its person, the record links; and the
     * scores models derived from them (model runs, per-customer scores, the latest lifetime values).
     */
    public static final Set<String> PROFILE_TABLES = Set.of("customer360_profiles", "customer360_events",
            "identity_links", "identity_records", "model_runs", "scores", "latest_ltv_scores");

    private final Workspace workspace;

    Catalog(Workspace workspace) {
        this.workspace = workspace;
    }

    public static Layer layerOf(String table) {
        if (SYSTEM_TABLES.contains(table) || table.startsWith("c360_")) {
            return Layer.SYSTEM;
        }
        if ("rejected_rows".equals(table)) {
            return Layer.QUARANTINE;
        }
        if (PROFILE_TABLES.contains(table)) {
            return Layer.PROFILE;
        }
        if (table.startsWith("raw_")) {
            return Layer.SOURCE;
        }
        if (Entity.byTable(table).isPresent()) {
            return Layer.ENTITY;
        }
        return Layer.USER;
    }

    /** All tables and views in the main schema, ordered by layer then name. */
    public List<TableInfo> tables() {
        String sql = """
                SELECT t.name, t.is_view, coalesce(c.columns, 0) AS columns
                FROM (SELECT table_name AS name, false AS is_view FROM duckdb_tables()
                      WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
                      UNION ALL
                      SELECT view_name, true FROM duckdb_views()
                      WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal) t
                LEFT JOIN (SELECT table_name, count(*) AS columns FROM duckdb_columns()
                           WHERE database_name = current_database() AND schema_name = 'main'
                           GROUP BY table_name) c ON c.table_name = t.name
                ORDER BY t.name""";
        List<TableInfo> result = new ArrayList<>();
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                result.add(new TableInfo(name, layerOf(name), -1, rs.getInt(3), rs.getBoolean(2)));
            }
            for (int i = 0; i < result.size(); i++) {
                TableInfo info = result.get(i);
                result.set(i, new TableInfo(info.name(), info.layer(), countRows(connection, info.name()),
                        info.columns(), info.view()));
            }
        } catch (SQLException e) {
            throw new C360Exception("Reading the workspace catalog failed: " + e.getMessage(), e);
        }
        result.sort((a, b) -> a.layer() != b.layer() ? a.layer().compareTo(b.layer()) : a.name().compareTo(b.name()));
        return result;
    }

    /** Whether a table or view of this name exists. */
    public boolean exists(String table) {
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT count(*) FROM (SELECT table_name AS n FROM duckdb_tables() WHERE schema_name = 'main'
                                           UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = 'main')
                     WHERE n = ?""")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new C360Exception("Reading the workspace catalog failed: " + e.getMessage(), e);
        }
    }

    /** Columns of a table or view in declaration order. */
    public List<ColumnInfo> columns(String table) {
        try (Connection connection = workspace.connect()) {
            return columns(connection, table);
        } catch (SQLException e) {
            throw new C360Exception("Reading the columns of " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** Columns of a table or view, on a connection the caller holds (sees its uncommitted tables). */
    /** The imported tables ({@code raw_*}), in name order. */
    public static List<String> rawTables(Connection connection) throws SQLException {
        List<String> tables = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND starts_with(table_name, 'raw_') ORDER BY 1");
             java.sql.ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    public static List<ColumnInfo> columns(Connection connection, String table) throws SQLException {
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT column_name, data_type, is_nullable FROM duckdb_columns()
                WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?
                ORDER BY column_index""")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new ColumnInfo(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return columns;
    }

    private static long countRows(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM " + org.c360.analytics.sql.Sql.ident(table));
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
