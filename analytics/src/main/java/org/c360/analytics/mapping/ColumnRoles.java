package org.c360.analytics.mapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.sql.Sql;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Catalog.ColumnInfo;

/**
 * Recognises which canonical entity a raw table holds and which of its columns plays which role, from
 * column names ({@code cust_id}, {@code customerId}, {@code Customer ID}...), the table's name, and its values
 * (a column of e-mail addresses is the e-mail whatever its name; a "price" column of words is not a price).
 */
public final class ColumnRoles {

    /** Rows sampled to check values. */
    static final int SAMPLE_ROWS = 2_000;
    /**
     * Below this score no entity is proposed: a key alone, or a bare "id" and a name, is not enough; a key
     * with one more column, or with a table name that says what it is ("customers.json"), is.
     */
    static final double MIN_SCORE = 4.0;

    private ColumnRoles() {
    }

    /** The best mapping for {@code rawTable}, or empty when it does not look like any entity. */
    public static Optional<TableMapping> detect(Connection connection, String rawTable) throws SQLException {
        List<ColumnInfo> columns = Catalog.columns(connection, rawTable).stream()
                .filter(c -> !c.name().startsWith("_"))
                .toList();
        Sample sample = Sample.of(connection, rawTable, columns);
        TableMapping best = null;
        double bestScore = 0;
        for (Entity entity : Entity.values()) {
            Map<String, String> mapping = new LinkedHashMap<>();
            double score = 0;
            Set<String> used = new HashSet<>();
            for (Field field : entity.fields()) {
                String source = bestSource(field, columns, used, sample);
                if (source == null) {
                    continue;
                }
                used.add(source);
                mapping.put(field.name(), source);
                boolean bareId = "id".equals(Field.normalize(source));
                score += field.isKey() ? (bareId ? 1 : 3) : field.isMandatory() ? 2 : 1;
            }

            if (!mapping.containsKey(entity.key().name()) && !Mappings.keyMayBeGenerated(entity)) {
                continue;
            }
            boolean mandatoryMissing = entity.fields().stream()
                    .anyMatch(f -> f.isMandatory() && !f.isKey() && !mapping.containsKey(f.name()));
            if (mandatoryMissing) {
                continue;
            }
            if (nameHints(rawTable, entity)) {
                score += 2;
            }
            if (score > bestScore) {
                bestScore = score;
                best = new TableMapping(rawTable, entity, mapping, false);
            }
        }
        return bestScore >= MIN_SCORE ? Optional.of(best) : Optional.empty();
    }

    private static boolean nameHints(String rawTable, Entity entity) {
        // a nested list (raw_customers__subscription) is named by its own part, not its parent's
        int nested = rawTable.lastIndexOf("__");
        String name = (nested >= 0 ? rawTable.substring(nested + 2) : rawTable).toLowerCase(Locale.ROOT);
        return entity.nameHints().stream().anyMatch(name::contains);
    }

    /**
     * The source column for {@code field}: a name match whose values fit the field's kind, preferring the
     * canonical name, then synonyms in their listed order; for e-mail, a column of e-mail addresses.
     */
    private static String bestSource(Field field, List<ColumnInfo> columns, Set<String> used, Sample sample) {
        String best = null;
        int bestRank = Integer.MAX_VALUE;
        for (ColumnInfo column : columns) {
            if (used.contains(column.name())) {
                continue;
            }
            String normalized = Field.normalize(column.name());
            int rank = normalized.equals(Field.normalize(field.name())) ? 0 : field.synonyms().indexOf(normalized) + 1;
            if (rank <= 0 && !normalized.equals(Field.normalize(field.name()))) {
                continue;
            }
            if (!sample.fits(column, field.kind())) {
                continue;
            }
            if (rank < bestRank) {
                bestRank = rank;
                best = column.name();
            }
        }
        if (best == null && "email".equals(field.name())) {
            for (ColumnInfo column : columns) {
                if (!used.contains(column.name()) && sample.emailShare(column) >= 0.8) {
                    return column.name();
                }
            }
        }
        return best;
    }

    /** Per-column statistics over the first rows of a table, computed in one query. */
    private record Sample(Map<String, Double> castable, Map<String, Double> timestamps, Map<String, Double> emails,
                          Map<String, String> types) {

        static Sample of(Connection connection, String table, List<ColumnInfo> columns) throws SQLException {
            Map<String, Double> castable = new HashMap<>();
            Map<String, Double> timestamps = new HashMap<>();
            Map<String, Double> emails = new HashMap<>();
            Map<String, String> types = new HashMap<>();
            List<ColumnInfo> text = columns.stream().filter(c -> "VARCHAR".equals(c.type())).toList();
            for (ColumnInfo column : columns) {
                types.put(column.name(), column.type());
            }
            if (text.isEmpty()) {
                return new Sample(castable, timestamps, emails, types);
            }
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < text.size(); i++) {
                String c = Sql.ident(text.get(i).name());
                sql.append(i == 0 ? "" : ", ")
                        .append("count(").append(c).append("), ")
                        .append("count(TRY_CAST(").append(c).append(" AS DOUBLE)), ")
                        .append("count(").append(Conversions.timestampOf(c, null)).append("), ")
                        .append("count(*) FILTER (WHERE regexp_full_match(trim(").append(c)
                        .append("), '[^@\\s]+@[^@\\s]+\\.[^@\\s]+'))");
            }
            sql.append(" FROM (SELECT * FROM ").append(Sql.ident(table)).append(" LIMIT ").append(SAMPLE_ROWS)
                    .append(")");
            try (PreparedStatement statement = connection.prepareStatement(sql.toString());
                 ResultSet rs = statement.executeQuery()) {
                rs.next();
                for (int i = 0; i < text.size(); i++) {
                    double nonNull = Math.max(1, rs.getLong(4 * i + 1));
                    castable.put(text.get(i).name(), rs.getLong(4 * i + 2) / nonNull);
                    timestamps.put(text.get(i).name(), rs.getLong(4 * i + 3) / nonNull);
                    emails.put(text.get(i).name(), rs.getLong(4 * i + 4) / nonNull);
                }
            }
            return new Sample(castable, timestamps, emails, types);
        }

        /** Whether the column's values can become the field's kind (most of them, for text columns). */
        boolean fits(ColumnInfo column, Field.Kind kind) {
            String type = types.get(column.name());
            boolean text = "VARCHAR".equals(type);
            return switch (kind) {
                case ID, TEXT -> true;
                case NUMBER, INTEGER -> text ? castable.getOrDefault(column.name(), 0.0) >= 0.9 : Conversions.isNumeric(type);
                case TIMESTAMP -> text ? timestamps.getOrDefault(column.name(), 0.0) >= 0.9
                        : Conversions.isTemporal(type) || Conversions.isInteger(type);
            };
        }

        double emailShare(ColumnInfo column) {
            return emails.getOrDefault(column.name(), 0.0);
        }
    }
}
