package org.c360.analytics.browse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Catalog;

/**
 * A table's real columns, read from the catalog: every column name a user gives is checked against them
 * before it is quoted into SQL. Also knows whether the table has DuckDB's {@code rowid} (base tables do,
 * views do not), which keyset paging needs as a tie-breaker.
 */
final class TableShape {
    private final String table;
    private final Map<String, String> types;
    private final boolean hasRowid;

    private TableShape(String table, Map<String, String> types, boolean hasRowid) {
        this.table = table;
        this.types = types;
        this.hasRowid = hasRowid;
    }

    static TableShape read(Connection connection, String table) throws SQLException {
        List<Catalog.ColumnInfo> columns = Catalog.columns(connection, table);
        if (columns.isEmpty()) {
            throw new C360Exception("There is no table or view named '" + table + "' in this workspace.");
        }
        Map<String, String> types = new LinkedHashMap<>();
        boolean shadowsRowid = false;
        for (Catalog.ColumnInfo column : columns) {
            types.put(column.name(), column.type());
            shadowsRowid |= column.name().toLowerCase(Locale.ROOT).equals("rowid");
        }
        boolean baseTable;
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT count(*) FROM duckdb_tables()
                WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?""")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                baseTable = rs.getLong(1) > 0;
            }
        }
        return new TableShape(table, types, baseTable && !shadowsRowid);
    }

    String table() {
        return table;
    }

    String quotedTable() {
        return Sql.ident(table);
    }

    List<String> columns() {
        return new ArrayList<>(types.keySet());
    }

    boolean hasRowid() {
        return hasRowid;
    }

    /** The column's DuckDB type; a name that is not a column is rejected with the names that are. */
    String typeOf(String column) {
        String type = types.get(column);
        if (type == null) {
            throw new C360Exception("Table " + table + " has no column '" + column + "' (its columns: "
                    + String.join(", ", types.keySet()) + ").");
        }
        return type;
    }

    ColumnKind kindOf(String column) {
        return ColumnKind.of(typeOf(column));
    }

    /** The quoted column, qualified by {@code alias} when given. */
    String ref(String alias, String column) {
        typeOf(column);
        return (alias == null ? "" : alias + ".") + Sql.ident(column);
    }

    List<String> textColumns() {
        return types.entrySet().stream().filter(e -> ColumnKind.of(e.getValue()) == ColumnKind.TEXT)
                .map(Map.Entry::getKey).toList();
    }
}
