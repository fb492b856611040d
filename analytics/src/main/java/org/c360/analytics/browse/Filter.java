package org.c360.analytics.browse;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.c360.analytics.work.C360Exception;

/**
 * One condition on a column, as the user typed it: the values stay text and are bound as JDBC parameters,
 * cast to the column's type by DuckDB, so nothing the user types becomes SQL.
 */
public record Filter(String column, Operator operator, List<String> values) {

    /** What a filter can test. {@link #symbol()} is what the grid and the CLI show and parse. */
    public enum Operator {
        EQUALS("="), NOT_EQUALS("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="),
        CONTAINS("contains"), STARTS_WITH("starts with"), IS_NULL("is null"), IS_NOT_NULL("is not null"),
        BETWEEN("between");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** How many values the operator takes. */
        public int arity() {
            return switch (this) {
                case IS_NULL, IS_NOT_NULL -> 0;
                case BETWEEN -> 2;
                default -> 1;
            };
        }

        /** Whether the values are compared as the column's own type (so they must convert to it). */
        public boolean comparesTyped() {
            return switch (this) {
                case EQUALS, NOT_EQUALS, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, BETWEEN -> true;
                default -> false;
            };
        }

        public static Operator bySymbol(String symbol) {
            String wanted = symbol.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
            for (Operator operator : values()) {
                if (operator.symbol.equals(wanted)) {
                    return operator;
                }
            }
            if (wanted.equals("==")) {
                return EQUALS;
            }
            if (wanted.equals("<>")) {
                return NOT_EQUALS;
            }
            throw new C360Exception("Unknown filter operator '" + symbol + "' (use one of =, !=, <, <=, >, >=, "
                    + "contains, starts with, is null, is not null, between).");
        }

        @Override
        public String toString() {
            return symbol;
        }
    }

    public Filter {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
        if (values.size() != operator.arity()) {
            throw new C360Exception("The filter '" + operator.symbol + "' on " + column + " needs "
                    + operator.arity() + (operator.arity() == 1 ? " value" : " values") + ", not " + values.size() + ".");
        }
    }

    public static Filter of(String column, Operator operator, String... values) {
        return new Filter(column, operator, List.of(values));
    }

    /**
     * Parses the CLI's {@code --filter}: {@code COL OP [VALUE [and VALUE]]}, e.g. {@code "amount >= 100"},
     * {@code "email contains @example"}, {@code "churned_at is null"}, {@code "amount between 10 and 20"}.
     * The column is the first word (or a "double-quoted" name).
     */
    public static Filter parse(String text) {
        String rest = text.strip();
        String column;
        if (rest.startsWith("\"")) {
            int end = rest.indexOf('"', 1);
            if (end < 0) {
                throw new C360Exception("Filter '" + text + "' has an unclosed quote.");
            }
            column = rest.substring(1, end);
            rest = rest.substring(end + 1).strip();
        } else {
            int space = indexOfOperatorStart(rest);
            if (space <= 0) {
                throw new C360Exception("Filter '" + text + "' is not COLUMN OPERATOR VALUE (e.g. \"amount >= 100\").");
            }
            column = rest.substring(0, space);
            rest = rest.substring(space).strip();
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        for (String symbol : new String[] {"is not null", "is null", "starts with", "contains", "between",
                "<=", ">=", "!=", "<>", "==", "=", "<", ">"}) {
            if (lower.startsWith(symbol)) {
                Operator operator = Operator.bySymbol(symbol);
                String value = rest.substring(symbol.length()).strip();
                return switch (operator.arity()) {
                    case 0 -> {
                        if (!value.isEmpty()) {
                            throw new C360Exception("Filter '" + text + "' has text after '" + symbol + "'.");
                        }
                        yield of(column, operator);
                    }
                    case 2 -> {
                        int and = value.toLowerCase(Locale.ROOT).indexOf(" and ");
                        if (and < 0) {
                            throw new C360Exception("Filter '" + text + "' needs 'between LOW and HIGH'.");
                        }
                        yield of(column, operator, unquote(value.substring(0, and)), unquote(value.substring(and + 5)));
                    }
                    default -> of(column, operator, unquote(value));
                };
            }
        }
        throw new C360Exception("Filter '" + text + "' has no known operator (use =, !=, <, <=, >, >=, contains, "
                + "starts with, is null, is not null, between).");
    }

    private static int indexOfOperatorStart(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '=' || c == '<' || c == '>' || c == '!') {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** A short text for chips and messages, e.g. {@code amount >= 100}. */
    public String describe() {
        return switch (operator.arity()) {
            case 0 -> column + " " + operator.symbol;
            case 2 -> column + " between " + values.get(0) + " and " + values.get(1);
            default -> column + " " + operator.symbol + " " + values.getFirst();
        };
    }
}
