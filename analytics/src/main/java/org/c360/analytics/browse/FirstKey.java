package org.c360.analytics.browse;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.c360.analytics.work.Progress;

/**
 * The first sort key of a browse: the predicates and the key-only queries that find which values of it a page
 * spans ({@link KeyLayout}). Key-only queries read one column, so DuckDB's top-N prunes with its running bound,
 * where a top-N over whole rows with a tie-breaker keeps every tied row: on 27M rows with 110,000 rows per
 * value, {@code ORDER BY duration, rowid LIMIT 100} takes 0.4 to 0.8 s, the key alone 7 ms.
 *
 * <p>Values make the round trip as DuckDB's own text ({@code CAST(k AS VARCHAR)}), bound back as
 * {@code CAST(? AS type)}, which is exact for numbers, times and text; the type comes from the catalog.
 * The forward order is the browse's: the key's direction with nulls last.
 */
final class FirstKey {
    private static final Pattern APPROX_UNIQUE = Pattern.compile("Approx Unique: (\\d+)");

    private final TableShape shape;
    private final Condition where;
    private final String key;
    private final String type;
    private final boolean descending;

    FirstKey(TableShape shape, Condition where, SortKey first) {
        this.shape = shape;
        this.where = where;
        this.key = shape.ref(TableBrowser.SRC, first.column());
        this.type = shape.typeOf(first.column());
        this.descending = first.descending();
    }

    /** Where a page starts or ends: {@code index} rows into the rows whose key is {@code value}. */
    record Position(String value, long index) {
    }

    /** The key's sort order, forward or reversed (reading from the end, nulls come first). */
    private String order(boolean reversed) {
        return key + direction(reversed);
    }

    private String direction(boolean reversed) {
        return (descending != reversed ? " DESC" : " ASC") + (reversed ? " NULLS FIRST" : " NULLS LAST");
    }

    Condition equal(String value) {
        return value == null ? new Condition(key + " IS NULL", List.of()) : compare(" = ", value);
    }

    /** Rows sorted before every row with {@code value}. */
    Condition before(String value) {
        return value == null ? new Condition(key + " IS NOT NULL", List.of()) : compare(descending ? " > " : " < ", value);
    }

    /** Rows with {@code value} and every row sorted after them. */
    Condition atOrAfter(String value) {
        if (value == null) {
            return equal(null);
        }
        Condition c = compare(descending ? " <= " : " >= ", value);
        return new Condition(c.sql() + " OR " + key + " IS NULL", c.parameters());
    }

    /** Rows with {@code value} and every row sorted before them. */
    Condition atOrBefore(String value) {
        return value == null ? Condition.TRUE : compare(descending ? " >= " : " <= ", value);
    }

    /** Rows with either value or sorted between them; {@code last} may be null (the null rows, which come last). */
    Condition within(String first, String last) {
        return last == null ? atOrAfter(first) : compare(descending ? " <= " : " >= ", first)
                .and(compare(descending ? " >= " : " <= ", last));
    }

    /** Rows sorted strictly between the two values; {@code last} may be null (the null rows, which come last). */
    Condition between(String first, String last) {
        Condition after = compare(descending ? " < " : " > ", first);
        return last == null ? after : after.and(compare(descending ? " > " : " < ", last));
    }

    private Condition compare(String operator, String value) {
        return new Condition(key + operator + "CAST(? AS " + type + ")", List.of(value));
    }

    /**
     * The {@code size} rows after skipping {@code skip} from {@code anchor} (from the first row when null):
     * one top-N over the key alone, grouped by value with each value's first position.
     */
    KeyLayout forward(Connection connection, Position anchor, long skip, int size, Progress progress, String what) {
        Condition condition = anchor == null ? where : where.and(atOrAfter(anchor.value()));
        long from = (anchor == null ? 0 : anchor.index()) + skip;
        List<Seen> seen = seen(connection, condition, false, from, size, progress, what);
        List<KeyLayout.Run> runs = new ArrayList<>();
        for (Seen s : seen) {
            long start = Math.max(s.position, from);
            long end = Math.min(s.position + s.rows, from + size);
            if (end > start) {
                runs.add(new KeyLayout.Run(s.value, start - s.position, end - start, s.whole(from, size)));
            }
        }
        return new KeyLayout(runs);
    }

    /**
     * The {@code size} rows that end {@code skip} rows before {@code anchor} (before the end when null), read
     * backwards with one top-N over the key alone. Counting from the end tells how many rows of the page's
     * first value come after the page's start, not before it: that needs the value's count, which a value
     * the top-N saw whole already gives.
     */
    KeyLayout backward(Connection connection, Position anchor, long skip, int size, Progress progress, String what) {
        Condition condition = where;
        long from = skip;
        long anchorRows = -1;
        if (anchor != null && anchor.index() == 0) {
            condition = where.and(before(anchor.value()));
        } else if (anchor != null) {
            condition = where.and(atOrBefore(anchor.value()));
            anchorRows = count(connection, equal(anchor.value()), progress, what);
            from += anchorRows - anchor.index();
        }
        List<Seen> seen = seen(connection, condition, true, from, size, progress, what);
        List<KeyLayout.Run> runs = new ArrayList<>();
        for (Seen s : seen.reversed()) {
            long start = Math.max(s.position, from);
            long end = Math.min(s.position + s.rows, from + size);
            if (end <= start) {
                continue;
            }
            long valueRows = s.whole(from, size);
            if (valueRows < 0) {
                valueRows = anchorRows >= 0 && Objects.equals(anchor.value(), s.value) ? anchorRows
                        : count(connection, equal(s.value), progress, what);
            }
            runs.add(new KeyLayout.Run(s.value, valueRows - (end - s.position), end - start, valueRows));
        }
        return new KeyLayout(runs);
    }

    /**
     * Any page, by sorting the key alone past {@code offset}, then counting the rows before its first value to
     * know where in that value the page starts. Costs a sort of the whole column (seconds at 27M rows).
     */
    KeyLayout deep(Connection connection, long offset, int size, Progress progress, String what) {
        String sql = "SELECT CAST(k AS VARCHAR), k IS NULL, count(*) FROM (SELECT " + key + " AS k FROM "
                + shape.quotedTable() + " AS " + TableBrowser.SRC + " WHERE " + where.sql() + " ORDER BY " + order(false)
                + " LIMIT " + size + " OFFSET " + offset + ") GROUP BY k ORDER BY k" + direction(false);
        List<Seen> values = Statements.query(connection, sql, where::bind, progress, what, rs -> {
            List<Seen> list = new ArrayList<>();
            while (rs.next()) {
                list.add(new Seen(rs.getBoolean(2) ? null : rs.getString(1), rs.getLong(3), -1));
            }
            return list;
        });
        if (values.isEmpty()) {
            return KeyLayout.EMPTY;
        }
        long before = count(connection, before(values.getFirst().value), progress, what);
        List<KeyLayout.Run> runs = new ArrayList<>();
        for (Seen s : values) {
            runs.add(new KeyLayout.Run(s.value, runs.isEmpty() ? offset - before : 0, s.rows, -1));
        }
        return new KeyLayout(runs);
    }

    /** Every value with its count, in sort order; null when there are more than {@code maxValues}. */
    KeyHistogram histogram(Connection connection, long maxValues, Progress progress, String what) {
        String sql = "SELECT CAST(k AS VARCHAR), k IS NULL, count(*) FROM (SELECT " + key + " AS k FROM "
                + shape.quotedTable() + " AS " + TableBrowser.SRC + " WHERE " + where.sql() + ") GROUP BY k ORDER BY k"
                + direction(false) + " LIMIT " + (maxValues + 1);
        return Statements.query(connection, sql, where::bind, progress, what, rs -> {
            List<String> values = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            while (rs.next()) {
                if (values.size() == maxValues) {
                    return null;
                }
                values.add(rs.getBoolean(2) ? null : rs.getString(1));
                counts.add(rs.getLong(3));
            }
            return new KeyHistogram(values, counts);
        });
    }

    /**
     * DuckDB's estimate of the key's distinct values over the whole table, from the statistics it keeps
     * (through a view too), so it costs no scan; -1 when there are none.
     */
    long approxDistinct(Connection connection, Progress progress, String what) {
        String stats = Statements.query(connection, "SELECT stats(" + key + ") FROM " + shape.quotedTable() + " AS "
                + TableBrowser.SRC + " LIMIT 1", statement -> { }, progress, what, rs -> rs.next() ? rs.getString(1) : null);
        Matcher matcher = stats == null ? null : APPROX_UNIQUE.matcher(stats);
        return matcher != null && matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    long count(Connection connection, Condition condition, Progress progress, String what) {
        Condition all = where.and(condition);
        return Statements.query(connection, "SELECT count(*) FROM " + shape.quotedTable() + " AS " + TableBrowser.SRC
                + " WHERE " + all.sql(), all::bind, progress, what, rs -> {
                    rs.next();
                    return rs.getLong(1);
                });
    }

    /** A value seen by a key-only top-N: how many of its rows the top-N kept and the position of the first. */
    private record Seen(String value, long rows, long position) {
        /**
         * All the value's rows when the top-N kept them all, else -1. The top-N reads a page further, so the
         * last value of a page is usually seen whole (which lets {@link RunReader} read the page in one query).
         */
        long whole(long from, int size) {
            return position + rows < from + 2L * size ? rows : -1;
        }
    }

    /**
     * The values among the first {@code from + 2 * size} rows matching {@code condition} in forward (or
     * reversed) order, with the rows and first position of each; only values reaching past {@code from}.
     */
    private List<Seen> seen(Connection connection, Condition condition, boolean reversed, long from, int size,
                            Progress progress, String what) {
        String sql = "SELECT v, nul, n, p FROM (SELECT CAST(k AS VARCHAR) AS v, k IS NULL AS nul, count(*) AS n, "
                + "CAST(sum(count(*)) OVER (ORDER BY k" + direction(reversed) + ") - count(*) AS BIGINT) AS p FROM (SELECT " + key
                + " AS k FROM " + shape.quotedTable() + " AS " + TableBrowser.SRC + " WHERE " + condition.sql()
                + " ORDER BY " + order(reversed) + " LIMIT " + (from + 2L * size) + ") GROUP BY k) WHERE p + n > " + from
                + " ORDER BY p";
        return Statements.query(connection, sql, condition::bind, progress, what, rs -> {
            List<Seen> list = new ArrayList<>();
            while (rs.next()) {
                list.add(new Seen(rs.getBoolean(2) ? null : rs.getString(1), rs.getLong(3), rs.getLong(4)));
            }
            return list;
        });
    }
}
