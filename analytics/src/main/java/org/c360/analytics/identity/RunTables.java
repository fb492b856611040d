package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.c360.analytics.identity.match.Comparison;
import org.c360.analytics.identity.match.MatchModel;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Catalog;

/**
 * The tables each run read, with a fingerprint of how they were mapped ({@code identity_run_tables}), so that
 * an incremental run knows what is new since the last run and refuses when something old has changed.
 */
final class RunTables {

    private static final String IDENTITY = "identity";
    private static final String EVENTS = "events";

    private RunTables() {
    }

    /** What changed since the last run, as far as an incremental run may go. */
    record Changes(long previousRun, Set<String> newSources, Set<String> newEventTables, Optional<MatchModel> model) {
    }

    static void record(Connection connection, long runId, List<IdentitySource> sources, Set<String> eventTables)
            throws SQLException {
        Map<String, String> current = current(connection, sources, eventTables);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO identity_run_tables (run_id, raw_table, kind, fingerprint) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> entry : current.entrySet()) {
                String[] key = entry.getKey().split("\t", 2);
                insert.setLong(1, runId);
                insert.setString(2, key[1]);
                insert.setString(3, key[0]);
                insert.setString(4, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static Changes changesSinceLastRun(Connection connection, List<IdentitySource> sources, Set<String> eventTables)
            throws SQLException {
        long previous;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT max(run_id) FROM identity_runs WHERE finished_at IS NOT NULL");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            previous = rs.getLong(1);
        }
        if (previous == 0) {
            throw new C360Exception("There is no earlier resolution to add to: run a full resolution first.");
        }
        Map<String, String> before = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT kind, raw_table, fingerprint FROM identity_run_tables WHERE run_id = ?")) {
            statement.setLong(1, previous);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    before.put(rs.getString(1) + "\t" + rs.getString(2), rs.getString(3));
                }
            }
        }
        if (before.isEmpty() || Catalog.columns(connection, EventStream.TABLE).isEmpty()) {
            throw new C360Exception("The last resolution (run " + previous + ") was made by an older version that did not"
                    + " record what it read: run a full resolution once, then incremental runs can follow.");
        }
        // events written before ids were kept as numbers lack record_number: new rows would not fit the table
        if (Catalog.columns(connection, EventStream.TABLE).stream().noneMatch(column -> column.name().equals("record_number"))) {
            throw new C360Exception("The last resolution (run " + previous + ") was made by an older version that stored"
                    + " events differently: run a full resolution once, then incremental runs can follow.");
        }
        Map<String, String> now = current(connection, sources, eventTables);
        for (Map.Entry<String, String> entry : before.entrySet()) {
            String[] key = entry.getKey().split("\t", 2);
            String fingerprint = now.get(entry.getKey());
            if (fingerprint == null) {
                throw new C360Exception("Table " + key[1] + " took part in run " + previous + " but is no longer "
                        + (key[0].equals(IDENTITY) ? "an identity source" : "an event table")
                        + ": run a full resolution to take it out.");
            }
            if (!fingerprint.equals(entry.getValue())) {
                throw new C360Exception("The mapping of " + key[1] + " changed since run " + previous + " (was "
                        + entry.getValue() + ", now " + fingerprint + "): run a full resolution to re-read it.");
            }
        }
        Set<String> newSources = new TreeSet<>();
        Set<String> newEvents = new TreeSet<>();
        for (String key : now.keySet()) {
            if (!before.containsKey(key)) {
                String[] parts = key.split("\t", 2);
                (parts[0].equals(IDENTITY) ? newSources : newEvents).add(parts[1]);
            }
        }
        return new Changes(previous, newSources, newEvents, model(connection));
    }

    /** The model of the latest run that fitted one. */
    private static Optional<MatchModel> model(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT model_params FROM identity_runs WHERE model_params IS NOT NULL ORDER BY run_id DESC LIMIT 1");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? MatchModel.decode(rs.getString(1), Comparison.personModel()) : Optional.empty();
        }
    }

    /** kind + tab + table -> fingerprint, for every table a run reads now. */
    private static Map<String, String> current(Connection connection, List<IdentitySource> sources, Set<String> eventTables)
            throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        for (IdentitySource source : sources) {
            tables.put(IDENTITY + "\t" + source.rawTable(), source.columns().entrySet().stream()
                    .map(e -> e.getKey().name() + "=" + e.getValue()).sorted().collect(Collectors.joining(",")));
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT raw_table, string_agg(entity || '.' || canonical_column || '=' || coalesce(source_column, ''), ','
                                             ORDER BY entity, canonical_column)
                FROM column_mappings GROUP BY raw_table""");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (eventTables.contains(rs.getString(1))) {
                    tables.put(EVENTS + "\t" + rs.getString(1), rs.getString(2));
                }
            }
        }
        return tables;
    }
}
