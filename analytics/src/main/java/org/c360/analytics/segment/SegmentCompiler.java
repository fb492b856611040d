package org.c360.analytics.segment;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.c360.analytics.segment.Expression.Comparison;
import org.c360.analytics.segment.Expression.Operator;
import org.c360.analytics.segment.Expression.Value;
import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Catalog;

/**
 * Turns a segment expression into a WHERE clause over {@code customer360_profiles p}, checking every name
 * against the workspace (profile columns; a relation's columns inside its "has"). Values the user typed are
 * never written into the SQL: each becomes a {@code ?} and is bound from {@link CompiledSegment#parameters()}.
 */
public final class SegmentCompiler {

    static final String PROFILES = "customer360_profiles";

    /** What a column holds, which decides the operators it takes and how a value is bound. */
    enum Kind { TEXT, NUMBER, TIME, DATE, BOOLEAN, LIST, OTHER }

    private final Connection connection;
    private final Map<String, String> profileColumns;
    private final Map<String, Relation.Source> sources = new LinkedHashMap<>();
    private String text;
    private List<Object> parameters;

    public SegmentCompiler(Connection connection) throws SQLException {
        this.connection = connection;
        this.profileColumns = types(Catalog.columns(connection, PROFILES));
        if (profileColumns.isEmpty()) {
            throw new C360Exception("No profiles yet: resolve identities first (c360 resolve), then build segments on them.");
        }
    }

    /** Profile columns and their DuckDB types, in table order. */
    public Map<String, String> profileColumns() {
        return profileColumns;
    }

    /** Parses and compiles {@code expression}; throws {@link ExpressionException} pointing at what is wrong. */
    public CompiledSegment compile(String expression) throws SQLException {
        this.text = expression == null ? "" : expression;
        this.parameters = new ArrayList<>();
        Expression tree = ExpressionParser.parse(text);
        String where = condition(tree, "p", profileColumns, null);
        return new CompiledSegment(text, tree, where, parameters);
    }

    private String condition(Expression node, String alias, Map<String, String> columns, Relation scope) throws SQLException {
        return switch (node) {
            case Expression.All all -> "true";
            case Expression.And and -> join(and.parts(), " AND ", alias, columns, scope);
            case Expression.Or or -> join(or.parts(), " OR ", alias, columns, scope);
            // a true complement: people with no value at all are "not" whatever was asked
            case Expression.Not not -> "NOT coalesce((" + condition(not.part(), alias, columns, scope) + "), false)";
            case Expression.Has has -> has(has, alias, scope);
            case Comparison comparison -> comparison(comparison, alias, columns, scope);
        };
    }

    private String join(List<Expression> parts, String operator, String alias, Map<String, String> columns, Relation scope)
            throws SQLException {
        List<String> sql = new ArrayList<>();
        for (Expression part : parts) {
            sql.add("(" + condition(part, alias, columns, scope) + ")");
        }
        return String.join(operator, sql);
    }

    private String has(Expression.Has has, String alias, Relation scope) throws SQLException {
        if (scope != null) {
            throw new ExpressionException("'has' cannot be nested inside another 'has " + scope.name() + "'", text, has.at(), 3, null);
        }
        int nameAt = text.toLowerCase(Locale.ROOT).indexOf(has.relation().toLowerCase(Locale.ROOT), has.at());
        Relation relation = Relations.named(has.relation()).orElseThrow(() -> new ExpressionException(
                "Unknown kind of related record '" + has.relation() + "' (known: "
                        + String.join(", ", Relations.ALL.stream().map(Relation::name).toList()) + ")",
                text, nameAt, has.relation().length(), closest(has.relation(), Relations.ALL.stream().map(Relation::name).toList())));
        Relation.Source source = source(relation).orElseThrow(() -> new ExpressionException(
                "This workspace has no " + relation.title().toLowerCase(Locale.ROOT) + " to test with 'has " + relation.name()
                        + "'; import and map them first", text, nameAt, has.relation().length(), null));
        Map<String, String> columns = types(source.columns());
        String where = has.where() == null ? "true" : condition(has.where(), "r", columns, relation);
        StringBuilder sql = new StringBuilder(alias).append(".customer360_id IN (SELECT r.customer360_id FROM ")
                .append(source.sql()).append(" r WHERE r.customer360_id IS NOT NULL AND (").append(where).append(")");
        if (has.minCount() > 1) {
            sql.append(" GROUP BY r.customer360_id HAVING count(*) >= ?");
            parameters.add(has.minCount());
        }
        sql.append(")");
        return has.negated() ? "NOT coalesce((" + sql + "), false)" : sql.toString();
    }

    private Optional<Relation.Source> source(Relation relation) throws SQLException {
        if (!sources.containsKey(relation.name())) {
            Relation.Source live = relation.rows().in(connection).orElse(null);
            // the copy with people already found, while current; else the live rows (slower, same answer)
            Optional<String> cached = live == null ? Optional.empty() : RelationCache.fresh(connection, relation);
            sources.put(relation.name(), cached.map(table -> new Relation.Source(table, live.columns())).orElse(live));
        }
        return Optional.ofNullable(sources.get(relation.name()));
    }

    private String comparison(Comparison c, String alias, Map<String, String> columns, Relation scope) {
        String type = columns.get(c.field().toLowerCase(Locale.ROOT));
        String field = c.field().toLowerCase(Locale.ROOT);
        if (type == null) {
            String where = scope == null ? "profile field" : "field of " + scope.name();
            throw new ExpressionException("Unknown " + where + " '" + c.field() + "'", text, c.at(), c.field().length(),
                    closest(c.field(), columns.keySet()));
        }
        Kind kind = kindOf(type);
        String column = alias + "." + Sql.ident(field);
        Operator op = c.operator();
        if (kind == Kind.OTHER) {
            throw new ExpressionException("Field '" + field + "' (" + type + ") cannot be compared", text, c.at(), field.length(), null);
        }
        if (kind == Kind.LIST) {
            return switch (op) {
                case EQ, CONTAINS -> "list_contains(" + column + ", " + bind(c.values().getFirst(), Kind.TEXT, field) + ")";
                case NE, NOT_CONTAINS -> "NOT coalesce(list_contains(" + column + ", " + bind(c.values().getFirst(), Kind.TEXT, field) + "), false)";
                case IN -> "list_has_any(" + column + ", [" + binds(c.values(), Kind.TEXT, field) + "])";
                case NOT_IN -> "NOT coalesce(list_has_any(" + column + ", [" + binds(c.values(), Kind.TEXT, field) + "]), false)";
                case IS_NULL -> "coalesce(len(" + column + "), 0) = 0";
                case IS_NOT_NULL -> "len(" + column + ") > 0";
                default -> throw unsupported(c, field, "a list");
            };
        }
        return switch (op) {
            case EQ, NE, LT, LE, GT, GE -> {
                if (kind == Kind.BOOLEAN && op != Operator.EQ && op != Operator.NE) {
                    throw unsupported(c, field, "true or false");
                }
                String symbol = op == Operator.NE ? "<>" : op.symbol();
                yield column + " " + symbol + " " + bind(c.values().getFirst(), kind, field);
            }
            case IN -> column + " IN (" + binds(c.values(), kind, field) + ")";
            case NOT_IN -> column + " NOT IN (" + binds(c.values(), kind, field) + ")";
            case CONTAINS, NOT_CONTAINS -> {
                if (kind != Kind.TEXT) {
                    throw unsupported(c, field, describe(kind));
                }
                // case-insensitive, and the value stays a parameter (no LIKE pattern to escape)
                String test = "contains(lower(" + column + "), lower(" + bind(c.values().getFirst(), Kind.TEXT, field) + "))";
                yield op == Operator.CONTAINS ? test : "NOT coalesce(" + test + ", false)";
            }
            case IS_NULL -> column + " IS NULL";
            case IS_NOT_NULL -> column + " IS NOT NULL";
            case BETWEEN -> column + " BETWEEN " + bind(c.values().get(0), kind, field) + " AND " + bind(c.values().get(1), kind, field);
            case WITHIN_DAYS -> {
                if (kind != Kind.TIME && kind != Kind.DATE) {
                    throw unsupported(c, field, describe(kind));
                }
                Value days = c.values().getFirst();
                parameters.add(((BigDecimal) days.value()).intValue());
                yield "CAST(" + column + " AS TIMESTAMP) >= current_localtimestamp() - to_days(CAST(? AS INTEGER))";
            }
        };
    }

    private String binds(List<Value> values, Kind kind, String field) {
        List<String> marks = new ArrayList<>();
        for (Value value : values) {
            marks.add(bind(value, kind, field));
        }
        return String.join(", ", marks);
    }

    /** Adds the value as a parameter of the column's kind and returns its placeholder. */
    private String bind(Value value, Kind kind, String field) {
        Object v = value.value();
        switch (kind) {
            case NUMBER -> {
                if (!(v instanceof BigDecimal number)) {
                    throw badValue(value, field, "a number");
                }
                parameters.add(number);
                return "?";
            }
            case BOOLEAN -> {
                if (!(v instanceof Boolean b)) {
                    throw badValue(value, field, "true or false");
                }
                parameters.add(b);
                return "?";
            }
            case TIME, DATE -> {
                if (!(v instanceof String s) || !isDateOrTime(s.strip())) {
                    throw badValue(value, field, "a date or time in quotes, like '2026-01-31' or '2026-01-31 14:00'");
                }
                parameters.add(s.strip());
                return kind == Kind.DATE ? "CAST(? AS DATE)" : "CAST(? AS TIMESTAMP)";
            }
            default -> {
                // a number typed for a text field (postal_code = 10115) means its digits
                parameters.add(v instanceof BigDecimal n ? n.toPlainString() : String.valueOf(v));
                return "?";
            }
        }
    }

    private static boolean isDateOrTime(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(s.replace(' ', 'T'));
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private ExpressionException badValue(Value value, String field, String expected) {
        return new ExpressionException("Field '" + field + "' takes " + expected + ", not " + value.text(), text, value.at(),
                value.text().length(), null);
    }

    private ExpressionException unsupported(Comparison c, String field, String what) {
        return new ExpressionException("'" + c.operator().symbol() + "' does not apply to '" + field + "', which holds " + what,
                text, c.at(), field.length(), null);
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case NUMBER -> "numbers";
            case TIME, DATE -> "dates";
            case BOOLEAN -> "true or false";
            case LIST -> "a list";
            default -> "text";
        };
    }

    static Kind kindOf(String duckdbType) {
        String t = duckdbType.toUpperCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return Kind.LIST;
        }
        if (t.startsWith("STRUCT") || t.startsWith("MAP") || t.startsWith("UNION")) {
            return Kind.OTHER;
        }
        if (t.equals("DATE")) {
            return Kind.DATE;
        }
        if (t.startsWith("TIMESTAMP")) {
            return Kind.TIME;
        }
        if (t.equals("BOOLEAN")) {
            return Kind.BOOLEAN;
        }
        if (t.matches("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL.*|NUMERIC.*)")) {
            return Kind.NUMBER;
        }
        return Kind.TEXT;
    }

    /**
     * The known name closest to a mistyped one, if any is close enough to be a likely typo: Jaro-Winkler
     * similarity, which forgives swapped letters ("emial") and favours a shared start; a name that contains
     * what was typed ("email" in "primary_email") counts as close.
     */
    static String closest(String typed, Collection<String> known) {
        JaroWinklerSimilarity similarity = new JaroWinklerSimilarity();
        String lower = typed.toLowerCase(Locale.ROOT);
        String best = null;
        double bestScore = 0;
        for (String name : known) {
            String candidate = name.toLowerCase(Locale.ROOT);
            double score = similarity.apply(lower, candidate);
            if (lower.length() >= 3 && (candidate.contains(lower) || lower.contains(candidate))) {
                score = Math.max(score, 0.85);
            }
            if (score > bestScore) {
                best = name;
                bestScore = score;
            }
        }
        return bestScore >= 0.8 ? best : null;
    }

    private static Map<String, String> types(List<Catalog.ColumnInfo> columns) {
        Map<String, String> map = new LinkedHashMap<>();
        columns.forEach(c -> map.put(c.name().toLowerCase(Locale.ROOT), c.type()));
        return map;
    }
}
