package org.c360.analytics.browse;

import java.util.Locale;
import java.util.Set;

/** What a DuckDB column type means for filtering, searching and profiling. */
public enum ColumnKind {
    INTEGER, DECIMAL, TEMPORAL, TEXT, BOOLEAN, NESTED, OTHER;

    private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");
    private static final Set<String> DECIMALS = Set.of("FLOAT", "DOUBLE", "REAL");
    private static final Set<String> TEMPORALS = Set.of("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE",
            "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATETIME", "TIMESTAMPTZ");

    /** The kind of a type as {@code duckdb_columns()} names it, e.g. {@code DECIMAL(10,2)} or {@code VARCHAR[]}. */
    public static ColumnKind of(String duckdbType) {
        String type = duckdbType.strip().toUpperCase(Locale.ROOT);
        if (type.endsWith("]") || type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION")) {
            return NESTED;
        }
        if (INTEGERS.contains(type)) {
            return INTEGER;
        }
        if (DECIMALS.contains(type) || type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
            return DECIMAL;
        }
        if (TEMPORALS.contains(type)) {
            return TEMPORAL;
        }
        if (type.equals("VARCHAR") || type.startsWith("VARCHAR(") || type.startsWith("ENUM")) {
            return TEXT;
        }
        if (type.equals("BOOLEAN")) {
            return BOOLEAN;
        }
        return OTHER;
    }

    /** Numbers and points in time: ordered, binned into equal-width histograms. */
    public boolean isContinuous() {
        return this == INTEGER || this == DECIMAL || this == TEMPORAL;
    }

    /** Whether values can be compared with =, <, between (nested values and blobs cannot, usefully). */
    public boolean isComparable() {
        return this != NESTED;
    }
}
