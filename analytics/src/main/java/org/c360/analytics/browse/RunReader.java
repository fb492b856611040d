package org.c360.analytics.browse;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.c360.analytics.work.Progress;

/**
 * Reads the rows of a page, in stored order or as a {@link KeyLayout} of the first sort key says: the page's
 * first and last value each with a filter on that value, the values between in one query. Rows with equal sort keys keep the table's stored order (its scan order,
 * which is row id order for a table: DuckDB preserves insertion order), so with one sort key reading a run
 * needs no sort at all: {@code WHERE key = v LIMIT n OFFSET k} stops as soon as it has the page.
 * A view has no row id; where its stored order must be sorted on, {@code row_number() OVER ()} numbers
 * the rows as the scan meets them.
 */
final class RunReader {
    /** A run skipped this far into is first located by row id, scanning the key column alone. */
    static final long LOCATE_ROWS = 10_000;
    private static final String POSITION = "__c360_position";
    private static final String SRC = TableBrowser.SRC;

    private final TableShape shape;
    private final Condition where;
    private final List<SortKey> sort;
    private final FirstKey first;
    private final long rangeRows;

    /**
     * {@code first} is null when the browse is not sorted; up to {@code rangeRows} rows with the page's values
     * are read in one query, sorted.
     */
    RunReader(TableShape shape, Condition where, List<SortKey> sort, FirstKey first, long rangeRows) {
        this.shape = shape;
        this.where = where;
        this.sort = sort;
        this.first = first;
        this.rangeRows = rangeRows;
    }

    List<Object[]> read(Connection connection, KeyLayout layout, Progress progress, String what) {
        List<Object[]> rows = new ArrayList<>();
        if (layout.isEmpty()) {
            return rows;
        }
        List<KeyLayout.Run> runs = layout.runs();
        long inRange = layout.rowsOfValues();
        if (runs.size() > 1 && inRange >= 0 && inRange <= rangeRows) {
            // Few rows hold the page's values: one scan over them all, cheaper than one per part where the
            // key is an expression of a view, which no filter on it can skip.
            Condition range = where.and(first.within(runs.getFirst().value(), runs.getLast().value()));
            return rows(connection, ordered(range, sort, layout.rows(), runs.getFirst().skip(), inRange), range,
                    progress, what);
        }
        rows.addAll(run(connection, runs.getFirst(), progress, what));
        if (runs.size() > 2) {
            long middle = runs.subList(1, runs.size() - 1).stream().mapToLong(KeyLayout.Run::take).sum();
            Condition between = where.and(first.between(runs.getFirst().value(), runs.getLast().value()));
            rows.addAll(rows(connection, ordered(between, sort, middle, 0, middle), between, progress, what));
        }
        if (runs.size() > 1) {
            rows.addAll(run(connection, runs.getLast(), progress, what));
        }
        return rows;
    }

    /** Rows {@code skip} to {@code skip + take} in stored order, with no sort. */
    List<Object[]> stored(Connection connection, long skip, long take, Progress progress, String what) {
        return rows(connection, "SELECT " + SRC + ".*" + from(where) + limit(take, skip), where, progress, what);
    }

    /** Rows {@code skip} to {@code skip + take} of one value of the first key. */
    private List<Object[]> run(Connection connection, KeyLayout.Run run, Progress progress, String what) {
        Condition condition = where.and(first.equal(run.value()));
        List<SortKey> rest = sort.subList(1, sort.size());
        if (!rest.isEmpty()) {
            return rows(connection, ordered(condition, rest, run.take(), run.skip(), run.rows()), condition, progress,
                    what);
        }
        long skip = run.skip();
        if (skip >= LOCATE_ROWS && shape.hasRowid()) {
            // OFFSET over whole rows materialises every row it skips; the row id of the first row to keep
            // costs a scan of the key column, then the row id bound lets the scan skip to it.
            Long rowid = Statements.query(connection, "SELECT " + SRC + ".rowid" + from(condition) + limit(1, skip),
                    condition::bind, progress, what, rs -> rs.next() ? rs.getLong(1) : null);
            if (rowid == null) {
                return List.of();
            }
            // A row id is a number we read, so it may be written into the SQL.
            condition = condition.and(new Condition(SRC + ".rowid >= " + rowid, List.of()));
            skip = 0;
        }
        return rows(connection, "SELECT " + SRC + ".*" + from(condition) + limit(run.take(), skip), condition, progress,
                what);
    }

    /**
     * Rows {@code skip} to {@code skip + take} of those matching {@code condition}, sorted by {@code keys}, then
     * in stored order; {@code matching} is how many rows match, -1 when not known.
     */
    private String ordered(Condition condition, List<SortKey> keys, long take, long skip, long matching) {
        if (shape.hasRowid()) {
            return "SELECT " + SRC + ".*" + from(condition) + " ORDER BY " + orderBy(keys, SRC) + SRC + ".rowid"
                    + limit(take, skip);
        }
        // Knowing how many rows match, the scan may stop at the last of them, before numbering.
        String scan = "SELECT " + SRC + ".*" + from(condition) + (matching >= 0 ? limit(matching, 0) : "");
        return "SELECT * EXCLUDE (" + POSITION + ") FROM (SELECT *, row_number() OVER () AS " + POSITION + " FROM ("
                + scan + ")) ORDER BY " + orderBy(keys, null) + POSITION + limit(take, skip);
    }

    private String orderBy(List<SortKey> keys, String alias) {
        StringBuilder sql = new StringBuilder();
        for (SortKey key : keys) {
            sql.append(shape.ref(alias, key.column())).append(key.descending() ? " DESC" : " ASC").append(" NULLS LAST, ");
        }
        return sql.toString();
    }

    private String from(Condition condition) {
        return " FROM " + shape.quotedTable() + " AS " + SRC + " WHERE " + condition.sql();
    }

    private List<Object[]> rows(Connection connection, String sql, Condition condition, Progress progress, String what) {
        int width = shape.columns().size();
        return Statements.query(connection, sql, condition::bind, progress, what, rs -> {
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[width];
                for (int c = 0; c < width; c++) {
                    row[c] = rs.getObject(c + 1);
                }
                rows.add(row);
            }
            return rows;
        });
    }

    /** LIMIT and OFFSET are numbers we computed, written as literals so DuckDB plans a top-N. */
    static String limit(long take, long skip) {
        return " LIMIT " + take + (skip > 0 ? " OFFSET " + skip : "");
    }
}
