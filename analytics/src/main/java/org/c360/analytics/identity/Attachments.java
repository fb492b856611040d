package org.c360.analytics.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.sql.Connection;
import java.sql.SQLException;

import org.c360.analytics.sql.Sql;

/**
 * Where the records of sources that only point at a person (tickets by e-mail, subscriptions by customer id,
 * page views by cookie) belong: their identifier, standardised as in {@code identity_values}, looked up in
 * {@code identity_index}. They take no part in linking, so resolution does not copy them; this SQL places them
 * when they are needed (events, evaluation).
 */
final class Attachments {

    private Attachments() {
    }

    /** SQL of (source, record_id, customer360_id) for one attach-only source, or empty if it has no identifier. */
    static Optional<String> select(IdentitySource source, Set<String> integerColumns) {
        if (!source.attachesOnly()) {
            return Optional.empty();
        }
        Optional<IdentityRole> role = source.columns().keySet().stream().filter(IdentityRole::isIdentifier).findFirst();
        if (role.isEmpty()) {
            return Optional.empty();
        }
        String column = Sql.ident(source.column(role.get()).orElseThrow());
        RecordBuilder.Standard standard = RecordBuilder.Standard.of(role.get(),
                "nullif(trim(CAST(s." + column + " AS VARCHAR)), '')",
                integerColumns.contains(source.column(role.get()).orElseThrow()), "v");
        String recordId = source.column(IdentityRole.RECORD_ID).map(c -> "CAST(s." + Sql.ident(c) + " AS VARCHAR)")
                .orElse("CAST(s._source_row AS VARCHAR)");
        return Optional.of("SELECT " + Sql.literal(source.rawTable()) + " AS source, " + recordId + " AS record_id, "
                + "i.customer360_id FROM " + Sql.ident(source.rawTable()) + " s"
                + standard.joins()
                + " JOIN identity_index i ON i.role = '" + role.get().name() + "' AND i.value = " + standard.value());
    }

    /** Placements of every attach-only source, as one SQL (empty result when there are none). */
    static String selectAll(Connection connection, List<IdentitySource> sources) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (IdentitySource source : sources) {
            select(source, RecordBuilder.integerColumns(connection, source.rawTable())).ifPresent(parts::add);
        }
        return parts.isEmpty()
                ? "SELECT CAST(NULL AS VARCHAR) AS source, CAST(NULL AS VARCHAR) AS record_id, CAST(NULL AS VARCHAR) AS customer360_id WHERE false"
                : String.join(" UNION ALL ", parts);
    }
}
