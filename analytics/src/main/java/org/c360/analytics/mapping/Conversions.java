package org.c360.analytics.mapping;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import org.c360.analytics.entity.Field;
import org.c360.analytics.standardize.TimestampSql;

/**
 * The SQL that turns a source column into a canonical column of a given kind. Conversions that can fail
 * (text to number, text to timestamp) use TRY_ functions: a NULL result for a non-NULL input marks the row
 * for quarantine, with the value and why.
 */
final class Conversions {

    private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");
    private static final Set<String> FLOATS = Set.of("FLOAT", "DOUBLE", "REAL");

    private Conversions() {
    }

    static boolean isInteger(String type) {
        return INTEGERS.contains(type);
    }

    static boolean isNumeric(String type) {
        return INTEGERS.contains(type) || FLOATS.contains(type) || type.startsWith("DECIMAL");
    }

    static boolean isTemporal(String type) {
        return type.equals("DATE") || type.startsWith("TIMESTAMP");
    }

    static String timestampOf(String text, String format) {
        return TimestampSql.timestampOf(text, format);
    }

    static String bestFormat(Connection connection, String table, String column) throws SQLException {
        return TimestampSql.bestFormat(connection, table, column);
    }

    /**
     * The expression converting {@code source} (of DuckDB type {@code sourceType}) to {@code kind}.
     *
     * @param idAsInteger for {@link Field.Kind#ID}: whether the canonical id column is BIGINT
     * @param format      for timestamps from text: the layout from {@link #bestFormat}
     */
    static String convert(String source, String sourceType, Field.Kind kind, boolean idAsInteger, String format) {
        boolean text = sourceType.equals("VARCHAR");
        return switch (kind) {
            case ID -> idAsInteger
                    ? (isInteger(sourceType) ? "CAST(" + source + " AS BIGINT)" : "TRY_CAST(trim(" + source + ") AS BIGINT)")
                    : text ? "nullif(" + source + ", '')" : "CAST(" + source + " AS VARCHAR)";
            case TEXT -> text ? "nullif(" + source + ", '')" : "CAST(" + source + " AS VARCHAR)";
            case NUMBER -> isNumeric(sourceType) ? "CAST(" + source + " AS DOUBLE)"
                    : "TRY_CAST(trim(CAST(" + source + " AS VARCHAR)) AS DOUBLE)";
            case INTEGER -> isInteger(sourceType) ? "CAST(" + source + " AS BIGINT)"
                    : isNumeric(sourceType) ? "TRY_CAST(round(" + source + ") AS BIGINT)"
                    : "coalesce(TRY_CAST(trim(CAST(" + source + " AS VARCHAR)) AS BIGINT), "
                    + "TRY_CAST(round(TRY_CAST(trim(CAST(" + source + " AS VARCHAR)) AS DOUBLE)) AS BIGINT))";
            case TIMESTAMP -> {
                if (sourceType.equals("TIMESTAMP WITH TIME ZONE")) {
                    yield "timezone('UTC', " + source + ")";
                }
                if (isTemporal(sourceType)) {
                    yield "CAST(" + source + " AS TIMESTAMP)";
                }
                if (isNumeric(sourceType)) {
                    // epoch seconds, or milliseconds when too large to be seconds (after year 5138)
                    yield "CASE WHEN abs(" + source + ") >= 100000000000 THEN epoch_ms(CAST(" + source
                            + " AS BIGINT)) ELSE timezone('UTC', to_timestamp(CAST(" + source + " AS DOUBLE))) END";
                }
                yield timestampOf("CAST(" + source + " AS VARCHAR)", format);
            }
        };
    }

    /**
     * Whether the conversion costs next to nothing per row (a rename or a widening cast), so the canonical
     * rows can be a view over the raw table instead of a copy of it.
     */
    static boolean isCheap(String sourceType, Field.Kind kind, boolean idAsInteger) {
        boolean text = sourceType.equals("VARCHAR");
        return switch (kind) {
            case ID -> idAsInteger ? isInteger(sourceType) : text;
            case TEXT -> text;
            case NUMBER -> isNumeric(sourceType);
            case INTEGER -> isInteger(sourceType);
            case TIMESTAMP -> isTemporal(sourceType);
        };
    }

    /** Whether a conversion to {@code kind} can fail for a non-NULL value (and so needs a validity check). */
    static boolean canFail(String sourceType, Field.Kind kind, boolean idAsInteger) {
        return switch (kind) {
            case TEXT -> false;
            case ID -> idAsInteger && !isInteger(sourceType);
            case NUMBER -> !isNumeric(sourceType);
            case INTEGER -> !isInteger(sourceType);
            case TIMESTAMP -> !isTemporal(sourceType);
        };
    }

    /** How to describe a value that failed conversion to {@code kind}. */
    static String expected(Field.Kind kind) {
        return switch (kind) {
            case ID -> "an integer id";
            case TEXT -> "text";
            case NUMBER -> "a number";
            case INTEGER -> "a whole number";
            case TIMESTAMP -> "a date or time";
        };
    }
}
