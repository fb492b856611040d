package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;

/**
 * How a resolution run writes the workspace so that a failure or Cancel leaves it as it was.
 *
 * <p>An incremental run patches tables in place, inside one transaction ({@link #inPlace}). A full run rebuilds
 * millions of rows, and holding them uncommitted made every later statement of the run about twice as slow
 * (survivorship: 11-14 s on its own, 28-39 s in the run). So a full run ({@link #beside}) commits as it goes:
 * <ul>
 * <li>each table it rebuilds is written beside the live one, as {@code c360_next_<table>} ({@link #table}),
 *     and once written the run reads it under its usual name through a temporary view ({@link #built});</li>
 * <li>each table it changes but does not rebuild (runs, guards, persons...) is copied into a temporary table of
 *     the same name, which the run's statements then read and write instead of the live one;</li>
 * <li>{@link #save} swaps all of them in with one short transaction. Until then other connections see the
 *     workspace as it was; {@link #discard} drops what a failed run built, and the next run drops what a
 *     crashed one left.</li>
 * </ul>
 * Without one transaction the run no longer reads one snapshot, and the swap would overwrite what others wrote
 * meanwhile (a review decision, a confirmed mapping, an import): so the tables it copies or reads are
 * fingerprinted when it starts, and {@link #save} refuses, saving nothing, when one of them changed.
 */
final class Staging {

    /** Prefix of a rebuilt table while the run builds it. */
    static final String NEXT = "c360_next_";

    private final Connection connection;
    private final boolean beside;
    /** The workspace's own catalog, named in full: the temporary catalog has a schema called main too. */
    private final String live;
    private final Set<String> rebuilt = new LinkedHashSet<>();
    /** Copied table -> its definition (keys, defaults), to re-create it as the run left it. */
    private final Map<String, String> copied = new LinkedHashMap<>();
    /** Live table -> its rows' fingerprint when the run started. */
    private final Map<String, String> fingerprints = new LinkedHashMap<>();
    private final List<String> onSave = new ArrayList<>();

    private Staging(Connection connection, boolean beside) throws SQLException {
        this.connection = connection;
        this.beside = beside;
        this.live = Sql.ident(currentDatabase(connection)) + ".main.";
    }

    /**
     * Writes go to the live tables, in the caller's transaction if there is one: {@link #save} commits it,
     * {@link #discard} rolls it back.
     */
    static Staging inPlace(Connection connection) throws SQLException {
        Staging staging = new Staging(connection, false);
        staging.dropLeftovers();
        return staging;
    }

    /**
     * Rebuilt tables are written beside the live ones and {@code copiedTables} copied, committing as the run goes;
     * {@code readTables} are tables the run reads that others may write while it goes.
     */
    static Staging beside(Connection connection, List<String> copiedTables, List<String> readTables) throws SQLException {
        connection.setAutoCommit(true);
        Staging staging = new Staging(connection, true);
        staging.dropLeftovers();
        for (String table : readTables) {
            staging.fingerprints.put(table, staging.fingerprint(table));
        }
        for (String table : copiedTables) {
            staging.fingerprints.put(table, staging.fingerprint(table));
            String definition = definition(connection, table);
            staging.execute(definition.replaceFirst("^CREATE TABLE ", "CREATE TEMP TABLE "));
            staging.execute("INSERT INTO temp.main." + table + " SELECT * FROM " + staging.live + table);
            staging.copied.put(table, definition);
        }
        return staging;
    }

    /** The name to create a rebuilt table under. */
    String table(String name) {
        return beside ? NEXT + name : name;
    }

    /** From now on the run reads the rebuilt table {@code name} (created as {@link #table}) under its usual name. */
    void built(String name) throws SQLException {
        if (beside) {
            rebuilt.add(name);
            execute("CREATE OR REPLACE TEMP VIEW " + name + " AS SELECT * FROM " + live + NEXT + name);
        }
    }

    /** A statement that needs the rebuilt tables in place (a view over one): run now, or when the run is saved. */
    void whenSaved(String sql) throws SQLException {
        if (beside) {
            onSave.add(sql);
        } else {
            execute(sql);
        }
    }

    /** Makes the run's tables the workspace's, all at once. */
    void save() throws SQLException {
        if (!beside) {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return;
        }
        for (String name : rebuilt) {
            execute("DROP VIEW temp.main." + name);
        }
        Statements.inOneTransaction(connection, () -> {
            List<String> changed = fingerprints.entrySet().stream().filter(t -> !t.getValue().equals(fingerprintOrNull(t.getKey())))
                    .map(Map.Entry::getKey).toList();
            if (!changed.isEmpty()) {
                throw new C360Exception("The workspace changed while identities were being resolved (" + String.join(", ", changed)
                        + "): a review decision, a mapping or an import was saved meanwhile. Nothing was saved; resolve again.");
            }
            for (String name : rebuilt) {
                execute("DROP TABLE IF EXISTS " + live + name);
                execute("ALTER TABLE " + live + NEXT + name + " RENAME TO " + name);
            }
            for (Map.Entry<String, String> table : copied.entrySet()) {
                execute("DROP TABLE " + live + table.getKey());
                execute(table.getValue().replaceFirst("^CREATE TABLE ", "CREATE TABLE " + live));
                execute("INSERT INTO " + live + table.getKey() + " SELECT * FROM temp.main." + table.getKey());
            }
            for (String sql : onSave) {
                execute(sql);
            }
        });
        rebuilt.clear();
        try {
            for (String table : copied.keySet()) {
                execute("DROP TABLE temp.main." + table);
            }
        } catch (SQLException e) {
            // the run is saved; the copies go with the connection anyway
        }
        copied.clear();
    }

    /** Leaves the workspace as it was: rolls back, or drops what the run built beside it. */
    void discard() throws SQLException {
        if (!beside) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return;
        }
        for (String name : rebuilt) {
            execute("DROP VIEW IF EXISTS temp.main." + name);
        }
        dropLeftovers();
        for (String table : copied.keySet()) {
            execute("DROP TABLE IF EXISTS temp.main." + table);
        }
    }

    /** Drops the tables a run built beside the live ones and did not save (it failed, or the app was killed). */
    private void dropLeftovers() throws SQLException {
        for (String leftover : leftovers(connection)) {
            execute("DROP TABLE IF EXISTS " + live + Sql.ident(leftover));
        }
    }

    private String fingerprint(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) || ':' || coalesce(CAST(sum(hash(t)) AS VARCHAR), '')"
                + " FROM " + live + Sql.ident(table) + " t");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String fingerprintOrNull(String table) {
        try {
            return fingerprint(table);
        } catch (SQLException e) {
            return null;
        }
    }

    private static List<String> leftovers(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT table_name FROM duckdb_tables()
                WHERE database_name = current_database() AND schema_name = 'main' AND starts_with(table_name, ?)""")) {
            statement.setString(1, NEXT);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static String definition(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT sql FROM duckdb_tables()
                WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?""")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("The workspace has no table " + table);
                }
                return rs.getString(1);
            }
        }
    }

    private static String currentDatabase(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_database()");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, Progress.none(), sql);
    }
}
