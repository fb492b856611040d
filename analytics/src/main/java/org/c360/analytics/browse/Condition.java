package org.c360.analytics.browse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.c360.analytics.work.C360Exception;

/**
 * The WHERE clause of a {@link BrowseSpec}: SQL text with {@code ?} placeholders and the values to bind, in
 * order. Column names are validated and quoted by the {@link TableShape}; values are never part of the text.
 */
record Condition(String sql, List<Object> parameters) {

    static final Condition TRUE = new Condition("true", List.of());

    static Condition of(BrowseSpec spec, TableShape shape, String alias) {
        List<String> parts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (Filter filter : spec.filters()) {
            parts.add(filterSql(filter, shape, alias, parameters));
        }
        if (!spec.search().isEmpty()) {
            List<String> text = shape.textColumns();
            if (text.isEmpty()) {
                throw new C360Exception("Table " + shape.table() + " has no text columns to search in.");
            }
            String needle = spec.search().toLowerCase(Locale.ROOT);
            List<String> any = new ArrayList<>();
            for (String column : text) {
                any.add("contains(lower(" + shape.ref(alias, column) + "), ?)");
                parameters.add(needle);
            }
            parts.add("(" + String.join(" OR ", any) + ")");
        }
        return parts.isEmpty() ? TRUE : new Condition(String.join(" AND ", parts), parameters);
    }

    private static String filterSql(Filter filter, TableShape shape, String alias, List<Object> parameters) {
        String column = shape.ref(alias, filter.column());
        String type = shape.typeOf(filter.column());
        ColumnKind kind = ColumnKind.of(type);
        if (filter.operator().comparesTyped() && !kind.isComparable()) {
            throw new C360Exception("Column " + filter.column() + " holds " + type + " values, which '"
                    + filter.operator().symbol() + "' cannot compare; use contains, is null or is not null.");
        }
        // The type comes from the catalog, never from the user, so it may be written into the cast.
        String typed = "CAST(? AS " + type + ")";
        String asText = kind == ColumnKind.TEXT ? column : "CAST(" + column + " AS VARCHAR)";
        parameters.addAll(filter.values());
        return switch (filter.operator()) {
            case EQUALS -> column + " = " + typed;
            case NOT_EQUALS -> column + " <> " + typed;
            case LESS -> column + " < " + typed;
            case LESS_OR_EQUAL -> column + " <= " + typed;
            case GREATER -> column + " > " + typed;
            case GREATER_OR_EQUAL -> column + " >= " + typed;
            case BETWEEN -> column + " BETWEEN " + typed + " AND " + typed;
            case CONTAINS -> "contains(lower(" + asText + "), lower(?))";
            case STARTS_WITH -> "starts_with(lower(" + asText + "), lower(?))";
            case IS_NULL -> column + " IS NULL";
            case IS_NOT_NULL -> column + " IS NOT NULL";
        };
    }

    /**
     * Checks that every typed filter value converts to its column's type, so a typo gets a sentence that
     * names the value and the column instead of DuckDB's conversion error in the middle of a page query.
     */
    static void checkValues(Connection connection, BrowseSpec spec, TableShape shape) throws SQLException {
        for (Filter filter : spec.filters()) {
            if (!filter.operator().comparesTyped()) {
                continue;
            }
            String type = shape.typeOf(filter.column());
            for (String value : filter.values()) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT TRY_CAST(? AS " + type + ") IS NOT NULL")) {
                    statement.setString(1, value);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            throw new C360Exception("'" + value + "' is not a valid " + type + " value for column "
                                    + filter.column() + ".");
                        }
                    }
                }
            }
        }
    }

    /** This condition AND another SQL predicate that has no parameters. */
    Condition and(String predicate) {
        return this == TRUE ? new Condition(predicate, List.of())
                : new Condition("(" + sql + ") AND (" + predicate + ")", parameters);
    }

    /** Both conditions; this one's parameters come first. */
    Condition and(Condition other) {
        List<Object> all = new ArrayList<>(parameters);
        all.addAll(other.parameters);
        return new Condition("(" + sql + ") AND (" + other.sql + ")", all);
    }

    void bind(PreparedStatement statement) throws SQLException {
        bind(statement, 1);
    }

    /** Binds the parameters starting at {@code first}; returns the next free index. */
    int bind(PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (Object value : parameters) {
            statement.setObject(index++, value);
        }
        return index;
    }
}
