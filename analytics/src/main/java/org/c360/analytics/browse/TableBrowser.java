package org.c360.analytics.browse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

/**
 * Pages over one table as a {@link BrowseSpec} describes it, holding no more than the page asked for.
 *
 * <p>A sorted page is read in two steps. First, from the first sort key alone, which values of it the page
 * spans and where in the first one it starts (a {@link KeyLayout}); then its rows, each value with a plain
 * filter on it ({@link RunReader}). Rows with equal keys keep the table's stored order, the order an unsorted
 * grid shows, for tables and views alike; so a page inside a long run of one value is
 * {@code WHERE key = v LIMIT n OFFSET k}, with no sort at all.
 *
 * <p>The layout comes from, in order of preference: the key's histogram (every value with its count, one
 * {@code GROUP BY}, kept for this browser) when the key has few values in long runs, which makes every page
 * arithmetic; the layout of the page before (or after) this one, continued with a key-only top-N from its
 * edge; a key-only top-N from the first row, or from the last one near the end; the histogram when the key
 * has few enough values; else a sketch of the key (quantiles of a sample, kept for this browser) guides
 * exact counts to two values close around the page, and a key-only top-N between them finds it.
 *
 * <p>Thread-safe: page loads from different workers share the layouts of pages seen, the histogram and the
 * sketch.
 */
public final class TableBrowser {

    static final String SRC = "src";

    /**
     * {@code topNRows}: pages within this many rows of the first (or last) row take their layout from a
     * key-only top-N (on 27M rows about 1 ms for the first page of a number, 140 ms at 100,000 rows deep
     * into a column of long runs). A key with at most {@code histogramMaxValues} values gets a histogram for
     * jumps deeper than that (one GROUP BY: 60 to 160 ms on 27M rows); one whose values run on for
     * {@code histogramMinRun} rows on average gets it for its first page already, as a key-only top-N over
     * long runs of text is slower than the histogram (150 ms against 60 ms for 5 values on 27M rows). Other
     * deep jumps search a sketch built from about {@code sketchRows} sampled keys for two values with at most
     * {@code bracketRows} rows between them: a top-N over that many keys costs less than one more count, a
     * scan of the key column (40 to 110 ms on 27M rows). Up to {@code rangeRows} rows holding the page's
     * values are read in one query rather than one per value.
     */
    record Limits(long topNRows, long histogramMaxValues, long histogramMinRun, long sketchRows, long bracketRows,
                  long rangeRows) {
    }

    static final Limits LIMITS = new Limits(100_000, 65_536, 1_000, 300_000, 400_000, 10_000);
    private static final int LAYOUT_CACHE_PAGES = 512;
    private static final long UNREAD = -2;

    private final Workspace workspace;
    private final BrowseSpec spec;
    private final TableShape shape;
    private final Condition where;
    private final Limits limits;
    /** Null when the browse is not sorted. */
    private final FirstKey firstKey;
    private final RunReader reader;
    private volatile Long count;
    /** Layouts of pages seen, for the page size they were seen with. */
    private final Map<Long, KeyLayout> layouts = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, KeyLayout> eldest) {
            return size() > LAYOUT_CACHE_PAGES;
        }
    });
    private volatile int layoutsPageSize;
    private volatile long distinct = UNREAD;
    private final Object histogramLock = new Object();
    private volatile KeyHistogram histogram;
    private volatile boolean histogramTooBig;
    private final Object sketchLock = new Object();
    private volatile KeySketch sketch;

    private TableBrowser(Workspace workspace, BrowseSpec spec, TableShape shape, Condition where, Limits limits) {
        this.workspace = workspace;
        this.spec = spec;
        this.shape = shape;
        this.where = where;
        this.limits = limits;
        this.firstKey = spec.sort().isEmpty() ? null : new FirstKey(shape, where, spec.sort().getFirst());
        this.reader = new RunReader(shape, where, spec.sort(), firstKey, limits.rangeRows());
    }

    /**
     * Checks {@code spec} against the table (it exists, every column named is one of its columns, every
     * filter value converts to its column's type) and returns a browser for it.
     */
    public static TableBrowser open(Workspace workspace, BrowseSpec spec) {
        return open(workspace, spec, LIMITS);
    }

    /** As {@link #open(Workspace, BrowseSpec)}, with other limits for choosing strategies (tests). */
    static TableBrowser open(Workspace workspace, BrowseSpec spec, Limits limits) {
        try (Connection connection = workspace.connect()) {
            TableShape shape = TableShape.read(connection, spec.table());
            for (SortKey key : spec.sort()) {
                if (!shape.kindOf(key.column()).isComparable()) {
                    throw new C360Exception("Column " + key.column() + " holds " + shape.typeOf(key.column())
                            + " values, which cannot be sorted.");
                }
            }
            Condition where = Condition.of(spec, shape, SRC);
            Condition.checkValues(connection, spec, shape);
            return new TableBrowser(workspace, spec, shape, where, limits);
        } catch (SQLException e) {
            throw new C360Exception("Reading table " + spec.table() + " failed: "
                    + Statements.firstLine(e.getMessage()), e);
        }
    }

    public BrowseSpec spec() {
        return spec;
    }

    /** Rows matching the filters; computed once per browser. */
    public long count(Progress progress) {
        Long known = count;
        if (known != null) {
            return known;
        }
        String sql = "SELECT count(*) FROM " + shape.quotedTable() + " AS " + SRC + " WHERE " + where.sql();
        try (Connection connection = workspace.connect()) {
            long rows = Statements.query(connection, sql, where::bind, progress, "Counting the rows of " + spec.table(),
                    rs -> {
                        rs.next();
                        return rs.getLong(1);
                    });
            count = rows;
            return rows;
        } catch (SQLException e) {
            throw new C360Exception("Counting the rows of " + spec.table() + " failed: " + e.getMessage(), e);
        }
    }

    /** The count if {@link #count} already ran, else -1. */
    public long knownCount() {
        Long known = count;
        return known == null ? -1 : known;
    }

    /** Page {@code index} (0-based) of {@code pageSize} rows; past the end it is empty. */
    public Page page(long index, int pageSize, Progress progress) {
        if (index < 0 || pageSize <= 0) {
            throw new IllegalArgumentException("page " + index + " of size " + pageSize);
        }
        if (pageSize != layoutsPageSize) {
            layouts.clear();
            layoutsPageSize = pageSize;
        }
        long start = System.nanoTime();
        long offset = Math.multiplyExact(index, (long) pageSize);
        String what = "Reading page " + (index + 1) + " of " + spec.table();
        try (Connection connection = workspace.connect()) {
            String strategy;
            List<Object[]> rows;
            if (firstKey == null) {
                // Stored order: DuckDB preserves insertion order, and skipping rows of a scan is cheap.
                strategy = "scan";
                rows = reader.stored(connection, offset, pageSize, progress, what);
            } else {
                Chosen chosen = layout(connection, index, offset, pageSize, progress, what);
                strategy = chosen.strategy;
                rows = reader.read(connection, chosen.layout, progress, what);
                if (!chosen.layout.isEmpty()) {
                    layouts.put(index, chosen.layout);
                }
            }
            List<String> columns = shape.columns();
            return new Page(index, pageSize, columns, columns.stream().map(shape::typeOf).toList(), rows, strategy,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw new C360Exception(what + " failed: " + e.getMessage(), e);
        }
    }

    /** A page's layout and the name of the way it was found, for timings and tests. */
    private record Chosen(String strategy, KeyLayout layout) {
    }

    private Chosen layout(Connection connection, long index, long offset, int size, Progress progress, String what) {
        long total = knownCount();
        if (total >= 0 && offset >= total) {
            return new Chosen("past end", KeyLayout.EMPTY);
        }
        KeyHistogram known = histogram;
        if (known != null) {
            return new Chosen("histogram", known.layout(offset, size));
        }
        long values = distinct(connection, progress, what);
        boolean fits = values >= 0 && values <= limits.histogramMaxValues();
        // A number's first page is a 1 ms key-only top-N even over long runs; text needs the histogram.
        boolean numberStart = offset == 0 && shape.kindOf(spec.sort().getFirst().column()).isContinuous();
        if (fits && !numberStart && count(progress) >= values * limits.histogramMinRun()) {
            KeyHistogram built = histogram(connection, progress, what);
            if (built != null) {
                return new Chosen("histogram", built.layout(offset, size));
            }
        }
        KeyLayout previous = layouts.get(index - 1);
        if (previous != null) {
            FirstKey.Position end = new FirstKey.Position(previous.last().value(), previous.lastEnd());
            return new Chosen("keyset", firstKey.forward(connection, end, 0, size, null, progress, what));
        }
        if (offset + size <= limits.topNRows()) {
            return new Chosen("top-n", firstKey.forward(connection, null, offset, size, null, progress, what));
        }
        if (total >= 0 && total - offset <= limits.topNRows()) {
            int take = (int) Math.min(size, total - offset);
            return new Chosen("reverse", firstKey.backward(connection, null, total - offset - take, take, progress, what));
        }
        KeyLayout next = layouts.get(index + 1);
        if (next != null) {
            FirstKey.Position start = new FirstKey.Position(next.first().value(), next.first().skip());
            return new Chosen("keyset", firstKey.backward(connection, start, 0, size, progress, what));
        }
        if (fits) {
            KeyHistogram built = histogram(connection, progress, what);
            if (built != null) {
                return new Chosen("histogram", built.layout(offset, size));
            }
        }
        long rows = count(progress);
        return new Chosen("sketch", firstKey.sketched(connection, sketch(connection, rows, progress, what), offset, size,
                rows, limits.bracketRows(), progress, what));
    }

    /** DuckDB's estimate of the first key's distinct values, read once. */
    private long distinct(Connection connection, Progress progress, String what) {
        long known = distinct;
        if (known == UNREAD) {
            known = firstKey.approxDistinct(connection, progress, what);
            distinct = known;
        }
        return known;
    }

    /** The first key's sketch, built once. */
    private KeySketch sketch(Connection connection, long rows, Progress progress, String what) {
        synchronized (sketchLock) {
            if (sketch == null) {
                sketch = firstKey.sketch(connection, rows, limits.sketchRows(), progress, what);
            }
            return sketch;
        }
    }

    /** The first key's histogram, built once (null when it has too many values). */
    private KeyHistogram histogram(Connection connection, Progress progress, String what) {
        synchronized (histogramLock) {
            if (histogram == null && !histogramTooBig) {
                KeyHistogram built = firstKey.histogram(connection, limits.histogramMaxValues(), progress, what);
                histogramTooBig = built == null;
                histogram = built;
            }
            return histogram;
        }
    }
}
