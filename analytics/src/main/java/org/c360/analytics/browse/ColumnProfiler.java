package org.c360.analytics.browse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.c360.analytics.browse.ColumnProfile.Bin;
import org.c360.analytics.browse.ColumnProfile.Histogram;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

/**
 * Profiles one column of a table, over the rows a {@link BrowseSpec}'s filters select (its sort is
 * irrelevant). All figures are SQL aggregates: nothing but the result comes back to Java.
 */
public final class ColumnProfiler {

    /** Up to this many rows the distinct count is exact; above, it is a HyperLogLog estimate. */
    public static final long EXACT_DISTINCT_MAX_ROWS = 2_000_000;
    /** Bars of an equal-width histogram. */
    public static final int BINS = 20;
    /** Values listed by name in a top-values histogram before the rest is "other". */
    public static final int TOP_VALUES = 10;

    private static final String SRC = "src";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Workspace workspace;

    public ColumnProfiler(Workspace workspace) {
        this.workspace = workspace;
    }

    public ColumnProfile profile(BrowseSpec spec, String column, Progress progress) {
        long start = System.nanoTime();
        try (Connection connection = workspace.connect()) {
            TableShape shape = TableShape.read(connection, spec.table());
            String type = shape.typeOf(column);
            ColumnKind kind = ColumnKind.of(type);
            Condition where = Condition.of(spec, shape, SRC);
            Condition.checkValues(connection, spec, shape);
            String from = " FROM " + shape.quotedTable() + " AS " + SRC + " WHERE ";
            String x = shape.ref(SRC, column);
            String what = "Profiling column " + column + " of " + spec.table();

            progress.update(-1, "Counting values of " + column);
            Object[] basics = Statements.query(connection,
                    "SELECT count(*), count(" + x + ")"
                            + (kind.isComparable() ? ", min(" + x + "), max(" + x + ")" : ", NULL, NULL")
                            + from + where.sql(), where::bind, progress, what, rs -> {
                        rs.next();
                        return new Object[] {rs.getLong(1), rs.getLong(2), rs.getObject(3), rs.getObject(4)};
                    });
            long rows = (Long) basics[0];
            long nonNull = (Long) basics[1];

            progress.update(-1, "Counting distinct values of " + column);
            boolean exact = rows <= EXACT_DISTINCT_MAX_ROWS;
            long distinct = Statements.query(connection,
                    "SELECT " + (exact ? "count(DISTINCT " + x + ")" : "approx_count_distinct(" + x + ")")
                            + from + where.sql(), where::bind, progress, what, rs -> {
                        rs.next();
                        return rs.getLong(1);
                    });

            progress.update(-1, "Building the histogram of " + column);
            Histogram histogram;
            if (nonNull == 0) {
                histogram = Histogram.none();
            } else if (kind.isContinuous()) {
                histogram = equalWidth(connection, where, from, x, type, kind, progress, what);
            } else {
                histogram = topValues(connection, where, from, x, kind, nonNull, progress, what);
            }
            return new ColumnProfile(spec.table(), column, type, rows, rows - nonNull, distinct, exact,
                    basics[2], basics[3], histogram, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw new C360Exception("Profiling column " + column + " of " + spec.table() + " failed: "
                    + Statements.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Equal-width bins between min and max, computed in SQL on the value as a double (points in time as
     * microseconds since the epoch). Integers spanning fewer values than {@link #BINS} get one bar each.
     */
    private static Histogram equalWidth(Connection connection, Condition where, String from, String x, String type,
                                        ColumnKind kind, Progress progress, String what) {
        String value = kind == ColumnKind.TEMPORAL
                ? "CAST(epoch_us(" + (type.equals("DATE") ? "CAST(" + x + " AS TIMESTAMP)" : x) + ") AS DOUBLE)"
                : "CAST(" + x + " AS DOUBLE)";
        double[] range = Statements.query(connection, "SELECT min(" + value + "), max(" + value + ")" + from
                + where.sql(), where::bind, progress, what, rs -> {
                    rs.next();
                    return new double[] {rs.getDouble(1), rs.getDouble(2)};
                });
        double low = range[0];
        double high = range[1];
        int bins = BINS;
        double width;
        if (kind == ColumnKind.INTEGER && high - low + 1 <= BINS) {
            bins = (int) (high - low + 1);
            width = 1;
        } else {
            width = high > low ? (high - low) / BINS : 1;
            if (high == low) {
                bins = 1;
            }
        }
        long[] counts = new long[bins];
        String sql = "SELECT least(CAST(floor((v - ?) / ?) AS BIGINT), ?) AS bin, count(*) FROM (SELECT " + value
                + " AS v" + from + "(" + where.sql() + ") AND " + x + " IS NOT NULL) GROUP BY bin ORDER BY bin";
        int lastBin = bins - 1;
        Statements.query(connection, sql, statement -> {
            statement.setDouble(1, low);
            statement.setDouble(2, width);
            statement.setInt(3, lastBin);
            where.bind(statement, 4);
        }, progress, what, rs -> {
            while (rs.next()) {
                counts[(int) Math.max(0, rs.getLong(1))] += rs.getLong(2);
            }
            return null;
        });
        List<Bin> result = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) {
            double from0 = low + i * width;
            String label;
            if (width == 1 && kind == ColumnKind.INTEGER) {
                label = Long.toString((long) from0);
            } else if (kind == ColumnKind.TEMPORAL) {
                label = time(from0, width) + " – " + time(from0 + width, width);
            } else {
                label = number(from0, width) + " – " + number(from0 + width, width);
            }
            result.add(new Bin(label, counts[i], false));
        }
        return new Histogram(Histogram.Kind.EQUAL_WIDTH, result);
    }

    /** The most frequent values with their counts, and the rest as one "other" bar. */
    private static Histogram topValues(Connection connection, Condition where, String from, String x,
                                       ColumnKind kind, long nonNull, Progress progress, String what) {
        String text = kind == ColumnKind.TEXT ? x : "CAST(" + x + " AS VARCHAR)";
        String sql = "SELECT " + text + " AS v, count(*) AS n" + from + "(" + where.sql() + ") AND " + x
                + " IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT " + TOP_VALUES;
        List<Bin> bins = Statements.query(connection, sql, where::bind, progress, what, rs -> {
            List<Bin> top = new ArrayList<>();
            while (rs.next()) {
                top.add(new Bin(rs.getString(1), rs.getLong(2), false));
            }
            return top;
        });
        long listed = bins.stream().mapToLong(Bin::count).sum();
        List<Bin> result = new ArrayList<>(bins);
        if (nonNull > listed) {
            result.add(new Bin("other", nonNull - listed, true));
        }
        return new Histogram(Histogram.Kind.TOP_VALUES, result);
    }

    /** A bin edge with three significant digits of the bin width, so neighbouring edges differ. */
    static String number(double value, double width) {
        int decimals = (int) Math.min(8, Math.max(0, 2 - Math.floor(Math.log10(width))));
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String time(double epochMicros, double widthMicros) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.EPOCH.plus((long) epochMicros, ChronoUnit.MICROS), ZoneOffset.UTC);
        return (widthMicros >= 86_400e6 ? DAY : MINUTE).format(t);
    }
}
