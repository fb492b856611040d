package org.c360.analytics.browse;

import java.util.List;

/**
 * What one column holds, over the rows a {@link BrowseSpec} selects. {@code distinctExact} is false when
 * {@code distinct} is DuckDB's HyperLogLog estimate ({@code approx_count_distinct}), used on big inputs.
 * {@code min} and {@code max} are JDBC values (null for nested types or when every value is null).
 */
public record ColumnProfile(String table, String column, String type, long rows, long nulls, long distinct,
                            boolean distinctExact, Object min, Object max, Histogram histogram, long elapsedMillis) {

    /**
     * How the values spread: equal-width bins from min to max for numbers and points in time, or the most
     * frequent values for everything else, with one {@link Bin#other() other} bin for the rest.
     */
    public record Histogram(Kind kind, List<Bin> bins) {
        public enum Kind { EQUAL_WIDTH, TOP_VALUES, NONE }

        public Histogram {
            bins = List.copyOf(bins);
        }

        public static Histogram none() {
            return new Histogram(Kind.NONE, List.of());
        }
    }

    /** One bar: its label (a range or a value), how many rows fall in it, and whether it is the rest. */
    public record Bin(String label, long count, boolean other) {
    }
}
