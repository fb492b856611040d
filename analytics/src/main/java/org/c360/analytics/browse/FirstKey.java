package org.c360.analytics.browse;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
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
    /** A sketch holds the key at every 1/SKETCH_CUTS of the sample. */
    private static final int SKETCH_CUTS = 1000;
    /** The same sample each time, so a page costs the same each time (exact either way). */
    private static final int SAMPLE_SEED = 7;
    private static final int SEARCH_ROUNDS = 3;

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
     * one top-N over the key alone, grouped by value with each value's first position. {@code upper}, when not
     * null, holds every value the page can reach and lets the scan skip the rest.
     */
    KeyLayout forward(Connection connection, Position anchor, long skip, int size, Condition upper, Progress progress,
                      String what) {
        Condition condition = anchor == null ? where : where.and(atOrAfter(anchor.value()));
        if (upper != null) {
            condition = condition.and(upper);
        }
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
     * Quantiles of the key from a sample of about {@code sampleRows} of the {@code rows} rows, and the count of
     * non-null keys. Big tables are sampled by whole vectors, which DuckDB skips in the scan (1% of 27M rows
     * in 7 ms); small ones row by row, as a small table is a single vector. The sample is cut into
     * {@code SKETCH_CUTS} buckets by one sort (a list of fractions given to {@code quantile_disc} costs one
     * selection each: 450 ms).
     */
    KeySketch sketch(Connection connection, long rows, long sampleRows, Progress progress, String what) {
        long nonNull = count(connection, new Condition(key + " IS NOT NULL", List.of()), progress, what);
        double percent = rows == 0 ? 0 : Math.min(100, 100.0 * sampleRows / rows);
        if (percent <= 0 || nonNull == 0) {
            return new KeySketch(List.of(), new double[0], nonNull, 0);
        }
        Condition sampled = where.and(new Condition(key + " IS NOT NULL", List.of()));
        String sql = "SELECT CAST(min(k) AS VARCHAR), CAST(max(k) AS VARCHAR), count(*) FROM (SELECT k, ntile("
                + SKETCH_CUTS + ") OVER (ORDER BY k) AS bucket FROM (SELECT " + key + " AS k FROM " + shape.quotedTable()
                + " AS " + TableBrowser.SRC + " TABLESAMPLE " + String.format(Locale.ROOT, "%.6f", percent) + "% ("
                + (rows >= 1_000_000 ? "system" : "bernoulli") + ", " + SAMPLE_SEED + ") WHERE " + sampled.sql()
                + ")) GROUP BY bucket ORDER BY bucket";
        List<String[]> buckets = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        Statements.query(connection, sql, sampled::bind, progress, what, rs -> {
            while (rs.next()) {
                buckets.add(new String[] {rs.getString(1), rs.getString(2)});
                sizes.add(rs.getLong(3));
            }
            return null;
        });
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        // A bucket's lowest key has the sample's keys of the buckets below it before it; in descending order,
        // its highest key has those of the buckets above it. A key spanning buckets keeps its first estimate.
        List<String> cuts = new ArrayList<>();
        List<Double> estimates = new ArrayList<>();
        long below = 0;
        for (int i = 0; i < buckets.size(); i++) {
            int b = descending ? buckets.size() - 1 - i : i;
            String cut = buckets.get(b)[descending ? 1 : 0];
            if (cuts.isEmpty() || !cuts.getLast().equals(cut)) {
                cuts.add(cut);
                estimates.add((double) below / total * nonNull);
            }
            below += sizes.get(b);
        }
        return new KeySketch(cuts, estimates.stream().mapToDouble(Double::doubleValue).toArray(), nonNull, total);
    }

    /**
     * Any page, from a sketch: counts exactly how many rows sort before sketch values chosen around the page
     * (both in one scan), narrowing until at most {@code bracketRows} rows lie between the two or after a few
     * rounds, then reads the page with a key-only top-N between them. {@code rows} match the filters.
     */
    KeyLayout sketched(Connection connection, KeySketch sketch, long offset, int size, long rows, long bracketRows,
                       Progress progress, String what) {
        long nonNull = sketch.nonNull();
        if (offset >= nonNull) {
            // Nulls come last: the page is among them.
            long nulls = rows - nonNull;
            long take = Math.min(size, nulls - (offset - nonNull));
            return take <= 0 ? KeyLayout.EMPTY
                    : new KeyLayout(List.of(new KeyLayout.Run(null, offset - nonNull, take, nulls)));
        }
        // Cut a starts at or before the page (-1: the first row), cut b after it (size(): the first null).
        int a = -1;
        int b = sketch.size();
        long rankA = 0;
        long rankB = nonNull;
        long margin = sketch.margin(offset, size);
        for (int round = 0; round < SEARCH_ROUNDS && rankB - rankA > bracketRows; round++) {
            int lo = a;
            int hi = b;
            for (int i = a + 1; i < b && estimate(sketch, i, a, rankA, b, rankB) <= offset - margin; i++) {
                lo = i;
            }
            for (int i = b - 1; i > lo && estimate(sketch, i, a, rankA, b, rankB) >= offset + size + margin; i--) {
                hi = i;
            }
            if (lo == a && hi == b) {
                break;
            }
            long[] ranks = ranks(connection, lo == a ? null : sketch.cut(lo), hi == b ? null : sketch.cut(hi), progress,
                    what);
            boolean narrowed = false;
            for (int side = 0; side < 2; side++) {
                int i = side == 0 ? lo : hi;
                long rank = ranks[side];
                if (rank < 0) {
                    continue;
                }
                if (rank <= offset && i > a) {
                    a = i;
                    rankA = rank;
                    narrowed = true;
                } else if (rank >= offset + size && i < b) {
                    b = i;
                    rankB = rank;
                    narrowed = true;
                }
            }
            margin = narrowed ? Math.max(size, (rankB - rankA) / 8) : margin * 4;
        }
        Position from = a < 0 ? null : new Position(sketch.cut(a), 0);
        Condition upper = b < sketch.size() ? before(sketch.cut(b)) : null;
        return forward(connection, from, offset - rankA, size, upper, progress, what);
    }

    /** Rows before cut {@code i}, estimated from the sketch scaled to the exact ranks of cuts a and b around it. */
    private static double estimate(KeySketch sketch, int i, int a, long rankA, int b, long rankB) {
        double low = sketch.estimate(a);
        double high = sketch.estimate(b);
        return high <= low ? rankA : rankA + (sketch.estimate(i) - low) * (rankB - rankA) / (high - low);
    }

    /** The exact number of rows sorted before each value, in one scan; -1 for a value not given (null). */
    private long[] ranks(Connection connection, String lo, String hi, Progress progress, String what) {
        Condition low = lo == null ? null : before(lo);
        Condition scope = where.and(hi == null ? new Condition(key + " IS NOT NULL", List.of()) : before(hi));
        String sql = "SELECT " + (low == null ? "-1" : "count(*) FILTER (WHERE " + low.sql() + ")") + ", "
                + (hi == null ? "-1" : "count(*)") + " FROM " + shape.quotedTable() + " AS " + TableBrowser.SRC
                + " WHERE " + scope.sql();
        return Statements.query(connection, sql, statement -> scope.bind(statement, low == null ? 1 : low.bind(statement, 1)),
                progress, what, rs -> {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                });
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
        String stats;
        try {
            stats = Statements.query(connection, "SELECT stats(" + key + ") FROM " + shape.quotedTable() + " AS "
                    + TableBrowser.SRC + " LIMIT 1", statement -> { }, progress, what, rs -> rs.next() ? rs.getString(1) : null);
        } catch (CancelledException e) {
            throw e;
        } catch (C360Exception e) {
            // Only a hint for choosing a strategy: without it, every page is still found, just not by histogram.
            return -1;
        }
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
