package org.c360.analytics.query;

import java.util.List;

/**
 * A query result small enough to hold: column names and DuckDB types, at most {@code limit} rows, and
 * whether more rows existed. Values are JDBC objects (Long, Double, String, BigDecimal, LocalDate,
 * Timestamp/LocalDateTime, Boolean, ...); nulls are {@code null}.
 */
public record ResultTable(List<String> columns, List<String> types, List<Object[]> rows, boolean truncated,
                          long elapsedMillis) {

    public ResultTable {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = List.copyOf(rows);
    }

    public int columnCount() {
        return columns.size();
    }

    public int rowCount() {
        return rows.size();
    }

    public Object value(int row, int column) {
        return rows.get(row)[column];
    }

    public int columnIndex(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        return index;
    }
}
