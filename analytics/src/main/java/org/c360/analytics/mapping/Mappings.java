package org.c360.analytics.mapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.summary.Summaries;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;

/**
 * The saved column-role mappings of a workspace ({@code column_mappings}) and the canonical tables built
 * from them. A mapping is detected when a table is imported and saved unconfirmed; the user reviews,
 * corrects and confirms it, and the entity is rebuilt. A confirmed mapping survives re-imports of its table.
 */
public final class Mappings {

    private final Workspace workspace;

    public Mappings(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Events, orders, and tickets or subscriptions nested in a customer record often come without their own
     * id: the row's origin (file row, and position in its parent's list) then identifies it.
     */
    public static boolean keyMayBeGenerated(Entity entity) {
        // tickets and subscriptions nested in a customer record (seed 003) carry no id of their own
        return entity == Entity.TRANSACTIONS || entity == Entity.INTERACTIONS || entity == Entity.SUPPORT_TICKETS
                || entity == Entity.SUBSCRIPTIONS;
    }

    /** All saved mappings, by raw table name. */
    public List<TableMapping> all() {
        try (Connection connection = workspace.connect()) {
            return load(connection);
        } catch (SQLException e) {
            throw new C360Exception("Reading the column mappings failed: " + e.getMessage(), e);
        }
    }

    /** The saved mapping of one raw table. */
    public Optional<TableMapping> saved(String rawTable) {
        return all().stream().filter(m -> m.rawTable().equals(rawTable)).findFirst();
    }

    /** What detection proposes for a raw table (not saved). */
    public Optional<TableMapping> suggest(String rawTable) {
        try (Connection connection = workspace.connect()) {
            return ColumnRoles.detect(connection, rawTable);
        } catch (SQLException e) {
            throw new C360Exception("Detecting the columns of " + rawTable + " failed: " + e.getMessage(), e);
        }
    }

    /** Rows looked at for sample values. */
    static final int SAMPLE_ROWS = 200;

    /**
     * The columns of a raw table (without lineage columns) with up to {@code samples} distinct non-empty
     * values each, taken from its first rows.
     */
    public List<SourceColumn> sourceColumns(String rawTable, int samples) {
        try (Connection connection = workspace.connect()) {
            List<Catalog.ColumnInfo> columns = Catalog.columns(connection, rawTable).stream()
                    .filter(c -> !c.name().startsWith("_")).toList();
            if (columns.isEmpty()) {
                throw new C360Exception("There is no imported table '" + rawTable + "'.");
            }
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                String c = org.c360.analytics.sql.Sql.ident(columns.get(i).name());
                sql.append(i == 0 ? "" : ", ").append("list_slice(list_distinct(list(CAST(").append(c)
                        .append(" AS VARCHAR)) FILTER (WHERE ").append(c).append(" IS NOT NULL AND CAST(").append(c)
                        .append(" AS VARCHAR) <> '')), 1, ").append(samples).append(")");
            }
            sql.append(" FROM (SELECT * FROM ").append(org.c360.analytics.sql.Sql.ident(rawTable)).append(" LIMIT ")
                    .append(SAMPLE_ROWS).append(")");
            List<SourceColumn> result = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql.toString());
                 ResultSet rs = statement.executeQuery()) {
                rs.next();
                for (int i = 0; i < columns.size(); i++) {
                    List<String> values = new ArrayList<>();
                    java.sql.Array array = rs.getArray(i + 1);
                    if (array != null) {
                        for (Object value : (Object[]) array.getArray()) {
                            values.add(String.valueOf(value));
                        }
                    }
                    result.add(new SourceColumn(columns.get(i).name(), columns.get(i).type(), values));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new C360Exception("Reading the columns of " + rawTable + " failed: " + e.getMessage(), e);
        }
    }

    /** The raw tables of the workspace, mapped or not. */
    public List<String> rawTables() {
        return workspace.catalog().tables().stream()
                .filter(t -> t.layer() == Catalog.Layer.SOURCE)
                .map(Catalog.TableInfo::name)
                .toList();
    }

    /**
     * Saves {@code mapping} as confirmed (replacing the table's previous mapping, possibly to another entity)
     * and rebuilds the entities concerned, in one transaction.
     *
     * @return rows now in each rebuilt entity
     */
    public Map<Entity, Long> save(TableMapping mapping, Progress progress) {
        checkComplete(mapping);
        return inTransaction(progress, connection -> save(connection, mapping, progress));
    }

    /**
     * {@link #save(TableMapping, Progress)} on the caller's connection, inside its transaction: for work that
     * changes a mapping together with other bookkeeping (an approved link) and commits or rolls back all of it.
     */
    public static Map<Entity, Long> save(Connection connection, TableMapping mapping, Progress progress)
            throws SQLException {
        checkComplete(mapping);
        Set<Entity> affected = EnumSet.of(mapping.entity());
        previous(connection, mapping.rawTable()).ifPresent(old -> affected.add(old.entity()));
        store(connection, mapping.confirmed(true));
        return rebuild(connection, affected, progress);
    }

    private static void checkComplete(TableMapping mapping) {
        List<String> missing = mapping.missingMandatory();
        if (!missing.isEmpty()) {
            throw new C360Exception("The mapping of " + mapping.rawTable() + " to " + mapping.entity().table()
                    + " needs a column for " + String.join(", ", missing) + ".");
        }
    }

    /** Removes the mapping of a raw table and rebuilds the entity it fed. */
    public Map<Entity, Long> unmap(String rawTable, Progress progress) {
        return inTransaction(progress, connection -> {
            Optional<TableMapping> old = previous(connection, rawTable);
            delete(connection, rawTable);
            return old.isPresent() ? rebuild(connection, EnumSet.of(old.get().entity()), progress) : Map.of();
        });
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Progress progress, Work<T> work) {
        try (Connection connection = workspace.connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                progress.throwIfCancelled();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                if (progress.isCancelled()) {
                    throw new CancelledException();
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new C360Exception("Rebuilding the canonical tables failed: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new C360Exception("Rebuilding the canonical tables failed: " + e.getMessage(), e);
        }
    }

    // ---- used inside the importer's transaction ----

    /**
     * Detects and stores a mapping for a freshly imported raw table, unless a confirmed one is saved for it
     * already (a re-import keeps the user's corrections). Returns the mapping in force.
     */
    public static Optional<TableMapping> detectAndStore(Connection connection, String rawTable) throws SQLException {
        Optional<TableMapping> existing = previous(connection, rawTable);
        if (existing.isPresent() && existing.get().confirmed()) {
            return existing;
        }
        Optional<TableMapping> detected = ColumnRoles.detect(connection, rawTable);
        delete(connection, rawTable);
        if (detected.isPresent()) {
            store(connection, detected.get());
        }
        return detected;
    }

    /** Forgets the mapping of a raw table that is being dropped. */
    public static void forget(Connection connection, String rawTable) throws SQLException {
        delete(connection, rawTable);
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM rejected_rows WHERE stage = 'map' AND raw_table = ?")) {
            statement.setString(1, rawTable);
            statement.executeUpdate();
        }
    }

    /**
     * Rebuilds {@code entities}, plus any entity whose id columns must change type because of them (ids are
     * integers only while every source of that id is).
     */
    public static Map<Entity, Long> rebuild(Connection connection, Set<Entity> entities, Progress progress)
            throws SQLException {
        List<TableMapping> mappings = load(connection);
        Set<String> integerIds = integerIds(connection, mappings);
        Set<Entity> todo = EnumSet.noneOf(Entity.class);
        todo.addAll(entities);
        for (Entity entity : Entity.values()) {
            if (!todo.contains(entity) && idTypesChanged(connection, entity, integerIds)) {
                todo.add(entity);
            }
        }
        Map<Entity, Long> rows = new EnumMap<>(Entity.class);
        // summaries of the old rows would go stale: the next analysis that needs one builds it anew
        Summaries.invalidate(connection);
        CanonicalBuilder builder = new CanonicalBuilder(connection, progress);
        for (Entity entity : todo) {
            progress.update(-1, "Building " + entity.table());
            List<TableMapping> sources = mappings.stream().filter(m -> m.entity() == entity).toList();
            rows.put(entity, builder.rebuild(entity, sources, integerIds));
        }
        return rows;
    }

    private static Set<String> integerIds(Connection connection, List<TableMapping> mappings) throws SQLException {
        Map<String, Boolean> integer = new HashMap<>();
        Map<String, Map<String, String>> typesByTable = new HashMap<>();
        for (TableMapping mapping : mappings) {
            Map<String, String> types = typesByTable.computeIfAbsent(mapping.rawTable(), t -> new HashMap<>());
            if (types.isEmpty()) {
                for (Catalog.ColumnInfo column : Catalog.columns(connection, mapping.rawTable())) {
                    types.put(column.name(), column.type());
                }
            }
            for (Field field : mapping.entity().fields()) {
                if (field.kind() != Field.Kind.ID) {
                    continue;
                }
                String source = mapping.columns().get(field.name());
                boolean isInteger;
                if (source == null) {
                    if (!field.isKey() || !keyMayBeGenerated(mapping.entity())) {
                        continue;
                    }
                    isInteger = false;
                } else {
                    isInteger = Conversions.isInteger(types.getOrDefault(source, "VARCHAR"));
                }
                integer.merge(field.name(), isInteger, Boolean::logicalAnd);
            }
        }
        Set<String> result = new HashSet<>();
        integer.forEach((name, isInteger) -> {
            if (isInteger) {
                result.add(name);
            }
        });
        return result;
    }

    private static boolean idTypesChanged(Connection connection, Entity entity, Set<String> integerIds)
            throws SQLException {
        List<Catalog.ColumnInfo> columns = Catalog.columns(connection, entity.table());
        if (columns.isEmpty()) {
            return false;
        }
        for (Catalog.ColumnInfo column : columns) {
            Optional<Field> field = entity.field(column.name());
            if (field.isPresent() && field.get().kind() == Field.Kind.ID
                    && column.type().equals("BIGINT") != integerIds.contains(column.name())) {
                return true;
            }
        }
        return false;
    }

    /** The saved mapping of a raw table, read on the caller's connection (inside its transaction). */
    public static Optional<TableMapping> saved(Connection connection, String rawTable) throws SQLException {
        return previous(connection, rawTable);
    }

    private static Optional<TableMapping> previous(Connection connection, String rawTable) throws SQLException {
        return load(connection).stream().filter(m -> m.rawTable().equals(rawTable)).findFirst();
    }

    private static List<TableMapping> load(Connection connection) throws SQLException {
        Map<String, Entity> entities = new LinkedHashMap<>();
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> confirmed = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT raw_table, entity, canonical_column, source_column, confirmed FROM column_mappings ORDER BY raw_table");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                Optional<Entity> entity = Entity.byTable(rs.getString(2));
                if (entity.isEmpty()) {
                    continue;
                }
                entities.put(table, entity.get());
                columns.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(rs.getString(3), rs.getString(4));
                confirmed.merge(table, rs.getBoolean(5), Boolean::logicalAnd);
            }
        }
        List<TableMapping> result = new ArrayList<>();
        entities.forEach((table, entity) -> {
            Map<String, String> mapped = new LinkedHashMap<>(columns.get(table));
            mapped.values().removeIf(v -> v == null);
            result.add(new TableMapping(table, entity, mapped, confirmed.get(table)));
        });
        return result;
    }

    private static void store(Connection connection, TableMapping mapping) throws SQLException {
        delete(connection, mapping.rawTable());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO column_mappings(raw_table, entity, canonical_column, source_column, confirmed) VALUES (?, ?, ?, ?, ?)")) {
            for (Field field : mapping.entity().fields()) {
                insert.setString(1, mapping.rawTable());
                insert.setString(2, mapping.entity().table());
                insert.setString(3, field.name());
                insert.setString(4, mapping.columns().get(field.name()));
                insert.setBoolean(5, mapping.confirmed());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void delete(Connection connection, String rawTable) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM column_mappings WHERE raw_table = ?")) {
            statement.setString(1, rawTable);
            statement.executeUpdate();
        }
    }
}
