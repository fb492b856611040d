package org.c360.analytics.segment;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.identity.PersonLookup;
import org.c360.analytics.workspace.Catalog;

/**
 * A kind of record a person can have, as the segment language names it after "has": its rows, each with
 * the {@code customer360_id} of its person, and the columns a condition on it may use.
 *
 * @param name    the word after "has" (its plural and any letter case are accepted too)
 * @param title   how the UI lists it
 * @param rows    SQL for its rows with their person, or empty when this workspace has none of them
 * @param entity  the canonical table whose mappings shape its rows, or null when any may (for the cache's
 *                signature: an import, a new mapping or a new resolution makes a cached copy stale)
 */
public record Relation(String name, String title, Rows rows, String entity) {

    /** The relation's rows in this workspace, as a subquery with a {@code customer360_id} column. */
    @FunctionalInterface
    public interface Rows {
        Optional<Source> in(Connection connection) throws SQLException;
    }

    /** A subquery of the related rows and the columns conditions may use (name to DuckDB type). */
    public record Source(String sql, List<Catalog.ColumnInfo> columns) {
    }

    /** Rows of a canonical entity, each placed on its person as {@code customer360_events} places it. */
    public static Relation of(String name, Entity entity) {
        return new Relation(name, entity.title(), connection -> {
            Optional<String> sql = PersonLookup.rowsWithPerson(connection, entity, "rel");
            if (sql.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Source(sql.get(), visible(Catalog.columns(connection, entity.table()))));
        }, entity.table());
    }

    /** Rows of a table or view that already carries {@code customer360_id} (the unified layer). */
    public static Relation ofPersonTable(String name, String title, String table) {
        return new Relation(name, title, connection -> {
            List<Catalog.ColumnInfo> columns = Catalog.columns(connection, table);
            return columns.isEmpty() ? Optional.empty() : Optional.of(new Source(table, visible(columns)));
        }, null);
    }

    /** Whether {@code word} names this relation: "support_ticket", "SUPPORT_TICKET", "support_tickets". */
    public boolean isNamed(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        return w.equals(name) || w.equals(name + "s") || w.equals(name + "es");
    }

    /** Lineage columns stay out of conditions: they say where a row came from, not what it is. */
    private static List<Catalog.ColumnInfo> visible(List<Catalog.ColumnInfo> columns) {
        return columns.stream().filter(c -> !c.name().startsWith("_") && !c.name().equals("customer360_id")).toList();
    }
}
