package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.c360.analytics.entity.Field;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;

/**
 * Which raw tables take part in identity resolution and with which columns ({@code identity_sources}).
 * Roles are detected from column names when resolution first sees a table; the user may correct them.
 */
public final class IdentitySources {

    private final Workspace workspace;

    public IdentitySources(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The sources in force: saved ones, plus detected roles for raw tables not saved yet (saved then). */
    public List<IdentitySource> refresh() {
        try (Connection connection = workspace.connect()) {
            return refresh(connection);
        } catch (SQLException e) {
            throw new C360Exception("Reading the identity sources failed: " + e.getMessage(), e);
        }
    }

    static List<IdentitySource> refresh(Connection connection) throws SQLException {
        Map<String, IdentitySource> saved = load(connection);
        List<IdentitySource> sources = new ArrayList<>();
        for (String table : rawTables(connection)) {
            IdentitySource source = saved.get(table);
            if (source == null) {
                source = detect(connection, table);
                store(connection, source);
            }
            if (!source.columns().isEmpty()) {
                sources.add(source);
            }
        }
        return sources;
    }

    /** Saves corrected roles for one table, as confirmed. */
    public void save(IdentitySource source) {
        try (Connection connection = workspace.connect()) {
            store(connection, new IdentitySource(source.rawTable(), source.columns(), true));
        } catch (SQLException e) {
            throw new C360Exception("Saving the identity roles of " + source.rawTable() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Saves roles for one table as confirmed on the caller's connection, inside its transaction (an approved
     * link changes them together with the table's mapping).
     */
    public static void save(Connection connection, IdentitySource source) throws SQLException {
        store(connection, new IdentitySource(source.rawTable(), source.columns(), true));
    }

    /**
     * The roles resolution would use for {@code table}: the saved ones, else those detection would give it
     * (nothing is stored).
     */
    public static IdentitySource inForce(Connection connection, String table) throws SQLException {
        IdentitySource saved = load(connection).get(table);
        return saved != null ? saved : detect(connection, table);
    }

    /** Roles of a table's columns by name; each role takes the column whose name is its most specific synonym. */
    static IdentitySource detect(Connection connection, String table) throws SQLException {
        List<String> columns = Catalog.columns(connection, table).stream().map(Catalog.ColumnInfo::name)
                .filter(c -> !c.startsWith("_")).toList();
        Map<IdentityRole, String> roles = new EnumMap<>(IdentityRole.class);
        Set<String> used = new HashSet<>();
        for (IdentityRole role : IdentityRole.values()) {
            String best = null;
            int bestRank = Integer.MAX_VALUE;
            for (String column : columns) {
                if (used.contains(column) || !role.recognises(column)) {
                    continue;
                }
                int rank = rank(role, column);
                if (rank < bestRank) {
                    best = column;
                    bestRank = rank;
                }
            }
            if (best != null) {
                roles.put(role, best);
                used.add(best);
            }
        }
        // A name alone does not make a person (products have names too): it takes an identifier, or a first
        // or last name, which only people have.
        boolean takesPart = !isProductTable(connection, table)
                && (roles.keySet().stream().anyMatch(IdentityRole::isIdentifier)
                    || roles.containsKey(IdentityRole.LAST_NAME) || roles.containsKey(IdentityRole.FIRST_NAME));
        return new IdentitySource(table, takesPart ? roles : Map.of(), false);
    }

    private static int rank(IdentityRole role, String column) {
        int index = role.synonyms().indexOf(Field.normalize(column));
        return index >= 0 ? index : Integer.MAX_VALUE - 1;
    }

    private static boolean isProductTable(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM column_mappings WHERE raw_table = ? AND entity = 'products'")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static List<String> rawTables(Connection connection) throws SQLException {
        return Catalog.rawTables(connection);
    }

    public static Map<String, IdentitySource> load(Connection connection) throws SQLException {
        Map<String, Map<IdentityRole, String>> roles = new LinkedHashMap<>();
        Map<String, Boolean> confirmed = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT raw_table, role, source_column, confirmed FROM identity_sources ORDER BY raw_table");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                roles.computeIfAbsent(table, t -> new EnumMap<>(IdentityRole.class));
                confirmed.merge(table, rs.getBoolean(4), Boolean::logicalAnd);
                if (rs.getString(2).isEmpty()) {
                    continue;
                }
                roles.get(table).put(IdentityRole.valueOf(rs.getString(2)), rs.getString(3));
            }
        }
        Map<String, IdentitySource> sources = new LinkedHashMap<>();
        roles.forEach((table, map) -> sources.put(table, new IdentitySource(table, map, confirmed.get(table))));
        return sources;
    }

    /** Stores a source; a table that takes no part is stored as one empty row, so it is not detected again. */
    static void store(Connection connection, IdentitySource source) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM identity_sources WHERE raw_table = ?")) {
            delete.setString(1, source.rawTable());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO identity_sources(raw_table, role, source_column, confirmed) VALUES (?, ?, ?, ?)")) {
            if (source.columns().isEmpty()) {
                insert.setString(1, source.rawTable());
                insert.setString(2, "");
                insert.setString(3, "");
                insert.setBoolean(4, source.confirmed());
                insert.addBatch();
            }
            for (Map.Entry<IdentityRole, String> entry : source.columns().entrySet()) {
                insert.setString(1, source.rawTable());
                insert.setString(2, entry.getKey().name());
                insert.setString(3, entry.getValue());
                insert.setBoolean(4, source.confirmed());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The saved source of one table, if any. */
    public Optional<IdentitySource> saved(String rawTable) {
        try (Connection connection = workspace.connect()) {
            return Optional.ofNullable(load(connection).get(rawTable));
        } catch (SQLException e) {
            throw new C360Exception("Reading the identity sources failed: " + e.getMessage(), e);
        }
    }
}
