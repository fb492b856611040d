package org.c360.analytics.sql;

import java.util.regex.Pattern;

/**
 * Quoting for the few places where DuckDB cannot bind a value as a parameter (identifiers, file paths in
 * table functions). Everything a user types is bound as a parameter elsewhere.
 */
public final class Sql {
    private static final Pattern SIMPLE = Pattern.compile("[a-z_][a-z0-9_]*");

    private Sql() {
    }

    /** A double-quoted identifier; quotes inside are doubled, so any column name is safe. */
    public static String ident(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty identifier");
        }
        if (SIMPLE.matcher(name).matches() && !Keywords.isReserved(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted string literal; quotes inside are doubled. */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL character in SQL literal");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
