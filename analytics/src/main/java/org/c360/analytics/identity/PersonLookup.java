package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.workspace.Catalog;

/**
 * SQL that finds the person of each row of a canonical entity: through the row's own identity record when
 * its source took part in resolution (an order is a record, its id its record id), else through the
 * identifier it carries (customer id, e-mail, user id), standardised and looked up in {@code identity_index}.
 */
public final class PersonLookup {

    private PersonLookup() {
    }

    /**
     * Joins for {@code alias} (a row of {@code entity}, with columns {@code columns}) and the expression of its
     * person; {@code hasRecords} when some of the entity's sources are identity records (then a row's own link
     * comes first). The joins are LEFT JOINs, so rows nobody can place stay, with a null person.
     */
    record Joins(String joins, String person) {
    }

    /**
     * Every row of {@code entity} with its person, as a subquery to use in FROM: the entity's columns plus
     * {@code customer360_id} (null for a row nobody can place). Empty when the workspace has no such entity.
     * The person is found exactly as in {@code customer360_events}, so a segment and the timeline agree.
     */
    public static Optional<String> rowsWithPerson(Connection connection, Entity entity, String alias) throws SQLException {
        Set<String> columns = new HashSet<>();
        Catalog.columns(connection, entity.table()).forEach(c -> columns.add(c.name()));
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Set<String> recordSources = new HashSet<>();
        IdentitySources.load(connection).values().stream().filter(s -> !s.attachesOnly())
                .forEach(s -> recordSources.add(s.rawTable()));
        Joins joins = of(alias, entity, columns, RecordBuilder.integerColumns(connection, entity.table()),
                hasRecords(connection, entity, recordSources));
        return Optional.of("(SELECT " + alias + ".*, CAST(" + joins.person() + " AS VARCHAR) AS customer360_id FROM "
                + entity.table() + " " + alias + joins.joins() + ")");
    }

    /**
     * Whether some source of {@code entity} took part in resolution, so its rows have identity links; 27M
     * interactions that only carry a customer id need not be joined to millions of links.
     */
    static boolean hasRecords(Connection connection, Entity entity, Set<String> recordSources) throws SQLException {
        return !recordTables(connection, entity, recordSources).isEmpty();
    }

    /**
     * The raw tables of {@code entity} that took part in resolution as records (theirs are the only links it can
     * have), in a new set the caller may change.
     */
    static Set<String> recordTables(Connection connection, Entity entity, Set<String> recordSources) throws SQLException {
        Set<String> tables = new java.util.TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT DISTINCT raw_table FROM column_mappings WHERE entity = ?")) {
            statement.setString(1, entity.table());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (recordSources.contains(rs.getString(1))) {
                        tables.add(rs.getString(1));
                    }
                }
            }
        }
        return tables;
    }

    static Joins of(String alias, Entity entity, Set<String> columns, Set<String> integerColumns, boolean hasRecords) {
        StringBuilder joins = new StringBuilder();
        List<String> candidates = new ArrayList<>();
        String key = entity.key().name();
        String a = alias + "_";
        if (hasRecords) {
            joins.append(" LEFT JOIN identity_links ").append(a).append("l ON ").append(a).append("l.source = ")
                    .append(alias).append("._source_table AND ").append(a).append("l.record_id = CAST(").append(alias)
                    .append(".").append(key).append(" AS VARCHAR)");
            candidates.add(a + "l.customer360_id");
        }
        for (String[] path : new String[][] {{"customer_id", "CUSTOMER_ID"}, {"user_id", "CUSTOMER_ID"},
                {"email", "EMAIL"}, {"cookie_id", "COOKIE_ID"}, {"device_id", "DEVICE_ID"}}) {
            if (!columns.contains(path[0])) {
                continue;
            }
            String i = a + "i_" + path[0];
            RecordBuilder.Standard standard = RecordBuilder.Standard.of(IdentityRole.valueOf(path[1]),
                    "nullif(trim(CAST(" + alias + "." + path[0] + " AS VARCHAR)), '')", integerColumns.contains(path[0]),
                    a + "v_" + path[0]);
            joins.append(standard.joins())
                    .append(" LEFT JOIN identity_index ").append(i).append(" ON ").append(i).append(".role = '")
                    .append(path[1]).append("' AND ").append(i).append(".value = ").append(standard.value());
            candidates.add(i + ".customer360_id");
        }
        return new Joins(joins.toString(), candidates.isEmpty() ? "NULL" : "coalesce(" + String.join(", ", candidates) + ")");
    }
}
