package org.c360.analytics.segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.c360.analytics.segment.Expression.Operator;
import org.c360.analytics.segment.Expression.Value;

/**
 * Reads the segment language, a small recursive-descent grammar (keywords in any case):
 * <pre>
 * expression := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | "(" or ")" | has | comparison
 * has        := ["not"] "has" ["at" "least" N] RELATION ["(" or ")"]
 * comparison := FIELD ("=" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "contains" | "not contains") value
 *             | FIELD ["not"] "in" "(" value ("," value)* ")" | FIELD "is" ["not"] "null"
 *             | FIELD "between" value "and" value | FIELD "within" N "days"
 * value      := 'text' | "text" | number | true | false
 * </pre>
 * Names are only checked against the workspace by {@link SegmentCompiler}; here only the shape.
 */
public final class ExpressionParser {

    private enum Kind { WORD, STRING, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text, Object value, int at, int length) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword) || kind == Kind.SYMBOL && text.equals(keyword);
        }
    }

    private final String source;
    private final List<Token> tokens;
    private int next;

    private ExpressionParser(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    /** The expression's tree; an empty text means everyone. */
    public static Expression parse(String text) {
        String source = text == null ? "" : text;
        ExpressionParser parser = new ExpressionParser(source);
        if (parser.peek().kind == Kind.END) {
            return new Expression.All(0);
        }
        Expression expression = parser.or();
        Token rest = parser.peek();
        if (rest.kind != Kind.END) {
            throw parser.error(rest.is(")") ? "A ')' without its '('" : "Expected 'and', 'or' or the end, found " + describe(rest), rest);
        }
        return expression;
    }

    private Expression or() {
        int at = peek().at;
        List<Expression> parts = new ArrayList<>();
        parts.add(and());
        while (peek().is("or")) {
            next++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.getFirst() : new Expression.Or(parts, at);
    }

    private Expression and() {
        int at = peek().at;
        List<Expression> parts = new ArrayList<>();
        parts.add(unary());
        while (peek().is("and")) {
            next++;
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.getFirst() : new Expression.And(parts, at);
    }

    private Expression unary() {
        Token token = peek();
        if (token.is("not")) {
            next++;
            if (peek().is("has")) {
                return has(true, token.at);
            }
            return new Expression.Not(unary(), token.at);
        }
        if (token.is("(")) {
            next++;
            Expression inner = or();
            expect(")", "A '(' at position " + (token.at + 1) + " is not closed: expected ')'");
            return inner;
        }
        if (token.is("has")) {
            return has(false, token.at);
        }
        return comparison();
    }

    private Expression has(boolean negated, int at) {
        next++; // "has"
        int minCount = 1;
        if (peek().is("at")) {
            next++;
            expect("least", "Expected 'least' after 'has at'");
            Token count = peek();
            if (count.kind != Kind.NUMBER || !(count.value instanceof BigDecimal n) || n.scale() > 0 || n.signum() <= 0) {
                throw error("Expected a whole number of records after 'has at least', found " + describe(count), count);
            }
            next++;
            minCount = ((BigDecimal) count.value).intValueExact();
        }
        Token relation = peek();
        if (relation.kind != Kind.WORD) {
            throw error("Expected the kind of related record after 'has' (subscription, support_ticket, transaction...), found "
                    + describe(relation), relation);
        }
        next++;
        Expression where = null;
        if (peek().is("(")) {
            Token open = peek();
            next++;
            where = or();
            expect(")", "A '(' at position " + (open.at + 1) + " is not closed: expected ')'");
        }
        return new Expression.Has(relation.text, minCount, where, negated, at);
    }

    private Expression comparison() {
        Token field = peek();
        if (field.kind != Kind.WORD) {
            throw error("Expected a field name, 'has', 'not' or '(', found " + describe(field), field);
        }
        next++;
        Token op = peek();
        String word = op.kind == Kind.WORD ? op.text.toLowerCase(Locale.ROOT) : op.text;
        switch (word) {
            case "=", "==" -> {
                next++;
                return new Expression.Comparison(field.text, Operator.EQ, List.of(value()), field.at);
            }
            case "!=", "<>" -> {
                next++;
                return new Expression.Comparison(field.text, Operator.NE, List.of(value()), field.at);
            }
            case "<" -> {
                next++;
                return new Expression.Comparison(field.text, Operator.LT, List.of(value()), field.at);
            }
            case "<=" -> {
                next++;
                return new Expression.Comparison(field.text, Operator.LE, List.of(value()), field.at);
            }
            case ">" -> {
                next++;
                return new Expression.Comparison(field.text, Operator.GT, List.of(value()), field.at);
            }
            case ">=" -> {
                next++;
                return new Expression.Comparison(field.text, Operator.GE, List.of(value()), field.at);
            }
            case "contains" -> {
                next++;
                return new Expression.Comparison(field.text, Operator.CONTAINS, List.of(value()), field.at);
            }
            case "in" -> {
                next++;
                return new Expression.Comparison(field.text, Operator.IN, list(), field.at);
            }
            case "is" -> {
                next++;
                boolean not = peek().is("not");
                if (not) {
                    next++;
                }
                expect("null", "Expected 'null' after 'is" + (not ? " not" : "") + "'");
                return new Expression.Comparison(field.text, not ? Operator.IS_NOT_NULL : Operator.IS_NULL, List.of(), field.at);
            }
            case "between" -> {
                next++;
                Value low = value();
                expect("and", "Expected 'and' between the two bounds of 'between'");
                return new Expression.Comparison(field.text, Operator.BETWEEN, List.of(low, value()), field.at);
            }
            case "within" -> {
                next++;
                Value days = value();
                if (!(days.value() instanceof BigDecimal n) || n.signum() < 0) {
                    throw new ExpressionException("Expected a number of days after 'within'", source, days.at(), 1, null);
                }
                expect("days", "Expected 'days' after the number of 'within'");
                return new Expression.Comparison(field.text, Operator.WITHIN_DAYS, List.of(days), field.at);
            }
            case "not" -> {
                next++;
                Token after = peek();
                if (after.is("in")) {
                    next++;
                    return new Expression.Comparison(field.text, Operator.NOT_IN, list(), field.at);
                }
                if (after.is("contains")) {
                    next++;
                    return new Expression.Comparison(field.text, Operator.NOT_CONTAINS, List.of(value()), field.at);
                }
                throw error("Expected 'in' or 'contains' after 'not', found " + describe(after), after);
            }
            default -> throw error("Expected a comparison after '" + field.text
                    + "' (=, !=, <, <=, >, >=, in, not in, contains, is null, between, within), found " + describe(op), op);
        }
    }

    private List<Value> list() {
        expect("(", "Expected '(' and a list of values after 'in'");
        List<Value> values = new ArrayList<>();
        values.add(value());
        while (peek().is(",")) {
            next++;
            values.add(value());
        }
        expect(")", "Expected ',' or ')' in the list of values");
        return values;
    }

    private Value value() {
        Token token = peek();
        switch (token.kind) {
            case STRING, NUMBER -> {
                next++;
                return new Value(token.value, token.at);
            }
            case WORD -> {
                if (token.is("true") || token.is("false")) {
                    next++;
                    return new Value(Boolean.parseBoolean(token.text.toLowerCase(Locale.ROOT)), token.at);
                }
                throw error("Expected a value (a 'quoted text', a number, true or false), found " + describe(token)
                        + "; put text in quotes", token);
            }
            default -> throw error("Expected a value (a 'quoted text', a number, true or false), found " + describe(token), token);
        }
    }

    private void expect(String keyword, String problem) {
        Token token = peek();
        if (!token.is(keyword)) {
            throw error(problem + ", found " + describe(token), token);
        }
        next++;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private ExpressionException error(String problem, Token token) {
        return new ExpressionException(problem, source, token.at, token.length, null);
    }

    private static String describe(Token token) {
        return switch (token.kind) {
            case END -> "the end of the expression";
            case STRING -> "the text '" + token.value + "'";
            default -> "'" + token.text + "'";
        };
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, s.substring(start, i), null, start, i - start));
            } else if (Character.isDigit(c) || (c == '-' || c == '.') && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int start = i;
                i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                String text = s.substring(start, i);
                try {
                    tokens.add(new Token(Kind.NUMBER, text, new BigDecimal(text), start, i - start));
                } catch (NumberFormatException e) {
                    throw new ExpressionException("'" + text + "' is not a number", s, start, i - start, null);
                }
            } else if (c == '\'' || c == '"') {
                int start = i;
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new ExpressionException("A text opened with " + c + " is not closed", s, start, 1, null);
                    }
                    char d = s.charAt(i);
                    if (d == c) {
                        if (i + 1 < s.length() && s.charAt(i + 1) == c) { // a doubled quote is one quote
                            text.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.append(d);
                    i++;
                }
                tokens.add(new Token(Kind.STRING, s.substring(start, i), text.toString(), start, i - start));
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("<>") || two.equals("==")) {
                    tokens.add(new Token(Kind.SYMBOL, two, null, i, 2));
                    i += 2;
                } else if ("=<>(),".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), null, i, 1));
                    i++;
                } else {
                    throw new ExpressionException("Unexpected character '" + c + "'", s, i, 1, null);
                }
            }
        }
        tokens.add(new Token(Kind.END, "", null, s.length(), 1));
        return tokens;
    }
}
