package org.c360.analytics.segment;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A parsed segment expression: AND/OR groups of conditions on profile fields and on related records
 * ("has support_ticket(status = 'open' and sentiment = 'negative')"). Every node keeps the offset it starts
 * at in the text, so the compiler can point at a field it does not know. {@link #text()} writes the node
 * back in the language {@link ExpressionParser} reads, which is how the UI's condition tree becomes the
 * expression the CLI accepts.
 */
public sealed interface Expression {

    /** Offset (0-based) in the expression text where this node starts. */
    int at();

    /** The node in the expression language; parsing it gives an equal tree. */
    String text();

    enum Operator {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"), NOT_IN("not in"), CONTAINS("contains"),
        NOT_CONTAINS("not contains"), IS_NULL("is null"), IS_NOT_NULL("is not null"), BETWEEN("between"),
        WITHIN_DAYS("within");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** How many values the operator takes: 0, 1, 2, or -1 for a list. */
        public int arity() {
            return switch (this) {
                case IS_NULL, IS_NOT_NULL -> 0;
                case BETWEEN -> 2;
                case IN, NOT_IN -> -1;
                default -> 1;
            };
        }
    }

    /** A literal as typed: text, a number or a boolean, with where it stands. */
    record Value(Object value, int at) {
        public String text() {
            if (value instanceof String s) {
                return "'" + s.replace("'", "''") + "'";
            }
            return String.valueOf(value).toLowerCase(Locale.ROOT);
        }
    }

    /** {@code field op value(s)}; inside a {@link Has}, the field is a column of the related record. */
    record Comparison(String field, Operator operator, List<Value> values, int at) implements Expression {
        public Comparison {
            values = List.copyOf(values);
        }

        @Override
        public String text() {
            return switch (operator) {
                case IS_NULL, IS_NOT_NULL -> field + " " + operator.symbol();
                case BETWEEN -> field + " between " + values.get(0).text() + " and " + values.get(1).text();
                case IN, NOT_IN -> field + " " + operator.symbol() + " ("
                        + values.stream().map(Value::text).collect(Collectors.joining(", ")) + ")";
                case WITHIN_DAYS -> field + " within " + values.getFirst().text() + " days";
                default -> field + " " + operator.symbol() + " " + values.getFirst().text();
            };
        }
    }

    /**
     * "The person has at least {@code minCount} {@code relation} records matching {@code where}" (any record
     * when {@code where} is null); negated, "has no such record".
     */
    record Has(String relation, int minCount, Expression where, boolean negated, int at) implements Expression {
        @Override
        public String text() {
            return (negated ? "not has " : "has ") + (minCount > 1 ? "at least " + minCount + " " : "") + relation
                    + (where == null ? "" : "(" + where.text() + ")");
        }
    }

    record And(List<Expression> parts, int at) implements Expression {
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public String text() {
            return parts.stream().map(p -> p instanceof Or ? "(" + p.text() + ")" : p.text()).collect(Collectors.joining(" and "));
        }
    }

    record Or(List<Expression> parts, int at) implements Expression {
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public String text() {
            return parts.stream().map(Expression::text).collect(Collectors.joining(" or "));
        }
    }

    record Not(Expression part, int at) implements Expression {
        @Override
        public String text() {
            return "not (" + part.text() + ")";
        }
    }

    /** Every person: the empty expression. */
    record All(int at) implements Expression {
        @Override
        public String text() {
            return "";
        }
    }
}
