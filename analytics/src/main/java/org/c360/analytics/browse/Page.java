package org.c360.analytics.browse;

import java.util.List;

/**
 * One page of a browsed table: at most a page size of rows, their column names and DuckDB types.
 * {@code strategy} says how the page was found (scan, histogram, top-n, keyset, reverse, sketch, past end), for
 * timings and tests.
 */
public record Page(long index, int pageSize, List<String> columns, List<String> types, List<Object[]> rows,
                   String strategy, long elapsedMillis) {

    public Page {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = List.copyOf(rows);
    }

    public int rowCount() {
        return rows.size();
    }
}
