package org.c360.analytics.mapping;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.sql.Sql;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog.ColumnInfo;
import org.c360.analytics.workspace.Catalog;

/**
 * Builds one canonical entity from every raw table mapped to it. Each source row is converted column by
 * column; a row whose key or required link is missing, or whose value cannot be converted, goes to
 * {@code rejected_rows} (stage 'map', with the failing column, value and reason) instead of the entity.
 * Canonical rows keep {@code _source_table}, {@code _source_file} and {@code _source_row} so every value can be
 * traced back.
 *
 * <p>The entity is a view: a source whose columns only need renaming (typed Parquet, say) is read straight
 * from its raw table, so importing 27 million interactions does not copy them twice; a source that needs
 * parsing (numbers or dates in text) is converted once into a part table {@code c360_part_<entity>__<raw>}.
 */
final class CanonicalBuilder {

    private final Connection connection;
    private final Progress progress;

    CanonicalBuilder(Connection connection, Progress progress) {
        this.connection = connection;
        this.progress = progress;
    }

    /**
     * Rebuilds {@code entity} from {@code mappings} (all mapped to it); drops the table when there are none.
     *
     * @param integerIds canonical id columns (by name) that are BIGINT rather than text
     * @return rows in the entity
     */
    long rebuild(Entity entity, List<TableMapping> mappings, Set<String> integerIds) throws SQLException {
        for (TableMapping mapping : mappings) {
            execute("DELETE FROM rejected_rows WHERE stage = 'map' AND raw_table = " + Sql.literal(mapping.rawTable()));
        }
        dropEntity(entity);
        if (mappings.isEmpty()) {
            return 0;
        }
        List<String> parts = new ArrayList<>();
        for (TableMapping mapping : mappings) {
            progress.throwIfCancelled();
            Source source = source(mapping, integerIds);
            quarantine(mapping, source);
            String select = "SELECT " + String.join(", ", source.items) + ", " + Sql.literal(mapping.rawTable())
                    + " AS _source_table, _source_file, _source_row FROM "
                    + Sql.ident(mapping.rawTable())
                    + (source.invalid.isEmpty() ? "" : " WHERE NOT (" + source.invalidAny() + ")");
            if (source.cheap) {
                parts.add(select);
            } else {
                // conversions that parse text are paid once here, not by every query
                String part = partTable(entity, mapping.rawTable());
                execute("CREATE TABLE " + Sql.ident(part) + " AS " + select);
                parts.add("SELECT * FROM " + Sql.ident(part));
            }
        }
        execute("CREATE VIEW " + Sql.ident(entity.table()) + " AS " + String.join("\nUNION ALL BY NAME\n", parts));
        try (Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT count(*) FROM " + Sql.ident(entity.table()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Prefix of the tables holding converted rows of one entity, one per source that needed converting. */
    static String partPrefix(Entity entity) {
        return "c360_part_" + entity.table() + "__";
    }

    private static String partTable(Entity entity, String rawTable) {
        return partPrefix(entity) + rawTable;
    }

    /** Drops the entity's view (or a table of that name from an older workspace) and its part tables. */
    private void dropEntity(Entity entity) throws SQLException {
        List<String> parts = new ArrayList<>();
        boolean isView = false;
        boolean isTable = false;
        try (var statement = connection.prepareStatement("""
                SELECT table_name, false FROM duckdb_tables() WHERE schema_name = 'main' AND (table_name = ? OR starts_with(table_name, ?))
                UNION ALL
                SELECT view_name, true FROM duckdb_views() WHERE schema_name = 'main' AND view_name = ?""")) {
            statement.setString(1, entity.table());
            statement.setString(2, partPrefix(entity));
            statement.setString(3, entity.table());
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.equals(entity.table())) {
                        isView |= rs.getBoolean(2);
                        isTable |= !rs.getBoolean(2);
                    } else {
                        parts.add(name);
                    }
                }
            }
        }
        if (isView) {
            execute("DROP VIEW " + Sql.ident(entity.table()));
        }
        if (isTable) {
            execute("DROP TABLE " + Sql.ident(entity.table()));
        }
        for (String part : parts) {
            execute("DROP TABLE " + Sql.ident(part));
        }
    }

    /** The select items of one source and its validity checks (in canonical column order). */
    private record Source(List<String> items, List<String[]> invalid, boolean cheap) {
        String invalidAny() {
            return String.join(" OR ", invalid.stream().map(check -> "(" + check[0] + ")").toList());
        }
    }

    private Source source(TableMapping mapping, Set<String> integerIds) throws SQLException {
        Map<String, String> types = new HashMap<>();
        for (ColumnInfo column : Catalog.columns(connection, mapping.rawTable())) {
            types.put(column.name(), column.type());
        }
        List<String> items = new ArrayList<>();
        // each check: {condition that makes the row invalid, column, value expression, reason expression}
        List<String[]> invalid = new ArrayList<>();
        boolean cheap = true;
        for (Field field : mapping.entity().fields()) {
            boolean idAsInteger = integerIds.contains(field.name());
            String sqlType = field.kind() == Field.Kind.ID ? (idAsInteger ? "BIGINT" : "VARCHAR") : field.kind().sqlType();
            String sourceColumn = mapping.columns().get(field.name());
            if (sourceColumn == null) {
                if (field.isKey() && Mappings.keyMayBeGenerated(mapping.entity())) {
                    // no id in the source: the row's origin identifies it
                    // rows nested in one parent share its file row: their position in the list tells them apart
                    boolean nested = types.containsKey("_ordinal");
                    String generated = idAsInteger ? (nested ? "_source_row * 1000000 + _ordinal" : "_source_row")
                            : "concat(" + Sql.literal(mapping.rawTable()) + ", ':', _source_row"
                            + (nested ? ", '.', _ordinal" : "") + ")";
                    items.add(generated + " AS " + Sql.ident(field.name()));
                } else {
                    items.add("CAST(NULL AS " + sqlType + ") AS " + Sql.ident(field.name()));
                }
                continue;
            }
            String sourceType = types.get(sourceColumn);
            if (sourceType == null) {
                throw new org.c360.analytics.work.C360Exception("The mapping of " + mapping.rawTable() + " uses column '"
                        + sourceColumn + "', which the table does not have.");
            }
            String source = Sql.ident(sourceColumn);
            String format = field.kind() == Field.Kind.TIMESTAMP && sourceType.equals("VARCHAR")
                    ? Conversions.bestFormat(connection, mapping.rawTable(), sourceColumn) : null;
            String converted = Conversions.convert(source, sourceType, field.kind(), idAsInteger, format);
            cheap &= Conversions.isCheap(sourceType, field.kind(), idAsInteger);
            items.add("CAST(" + converted + " AS " + sqlType + ") AS " + Sql.ident(field.name()));
            String value = "CAST(" + source + " AS VARCHAR)";
            boolean text = sourceType.equals("VARCHAR");
            String blank = text ? source + " IS NULL OR trim(" + source + ") = ''" : source + " IS NULL";
            if (field.isMandatory()) {
                invalid.add(new String[] {blank, sourceColumn, value,
                        Sql.literal("missing " + field.name() + " (column '" + sourceColumn + "' is empty)")});
            }
            if (Conversions.canFail(sourceType, field.kind(), idAsInteger)) {
                invalid.add(new String[] {"NOT (" + blank + ") AND " + converted + " IS NULL", sourceColumn, value,
                        "concat('''', left(" + value + ", 200), ''' is not " + Conversions.expected(field.kind()) + " ("
                                + field.name() + ")')"});
            }
        }
        return new Source(items, invalid, cheap);
    }

    private void quarantine(TableMapping mapping, Source source) throws SQLException {
        if (source.invalid.isEmpty()) {
            return;
        }
        StringBuilder column = new StringBuilder("CASE");
        StringBuilder value = new StringBuilder("CASE");
        StringBuilder reason = new StringBuilder("CASE");
        for (String[] check : source.invalid) {
            column.append(" WHEN ").append(check[0]).append(" THEN ").append(Sql.literal(check[1]));
            value.append(" WHEN ").append(check[0]).append(" THEN ").append(check[2]);
            reason.append(" WHEN ").append(check[0]).append(" THEN ").append(check[3]);
        }
        execute("INSERT INTO rejected_rows(import_id, source_file, source_row, \"column\", value, reason, raw_table, stage) "
                + "SELECT (SELECT max(import_id) FROM import_files WHERE raw_table = " + Sql.literal(mapping.rawTable()) + "), "
                + "_source_file, _source_row, " + column + " END, " + value + " END, " + reason + " END, "
                + Sql.literal(mapping.rawTable()) + ", 'map' FROM " + Sql.ident(mapping.rawTable())
                + " WHERE " + source.invalidAny());
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }
}
