package org.c360.analytics.browse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

/**
 * Pages over one table as a {@link BrowseSpec} describes it, holding no more than the page asked for.
 * Sorting and filtering are SQL ({@code ORDER BY ... LIMIT}, which DuckDB runs as a top-N), so a sorted
 * first page of a 27M-row table costs one scan, not a sort.
 *
 * <p>A sort whose first key is a number or a point in time first finds that key's value on the page's last
 * row from the key column alone, then reads whole rows only up to that value.
 *
 * <p>Deep pages: {@code OFFSET k} on a sorted table makes DuckDB keep k rows in its top-N (seconds at
 * millions), so a page next to one already seen continues from that page's edge row (keyset paging, with
 * DuckDB's {@code rowid} breaking ties), a page nearer the end is read backwards from the end, and a jump
 * into the middle sorts only the sort keys and row ids, then fetches the page's rows by row id.
 * Views have no rowid: their other columns break ties, and a deep page sorts the first key alone to find
 * the range of key values it spans.
 *
 * <p>Thread-safe: page loads from different workers share the edge cache.
 */
public final class TableBrowser {

    /**
     * Up to this many rows to skip, OFFSET beats everything else: on 27M rows offset 100 took 180 ms,
     * offset 20,000 440 ms, while a keyset page costs about 300 ms wherever it is.
     */
    static final long SHALLOW_OFFSET = 5_000;
    /**
     * Up to this many rows from the start (or end), a sort by a number or time is read in two steps: the
     * sort key alone finds the key value of the page's last row, then a plain filter on that value lets
     * DuckDB skip fetching every other row. On 27M rows a sorted first page took 96 ms in one step and
     * 50 ms in two; the first step grows with the rows skipped (270 ms at 100,000).
     */
    static final long THRESHOLD_ROWS = 100_000;
    private static final int EDGE_CACHE_PAGES = 512;
    private static final String SRC = "src";

    private final Workspace workspace;
    private final BrowseSpec spec;
    private final TableShape shape;
    private final Condition where;
    private volatile Long count;
    /** Row ids of the first and last row of pages seen, for the page size they were seen with. */
    private final Map<Long, long[]> edges = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
            return size() > EDGE_CACHE_PAGES;
        }
    });
    private volatile int edgesPageSize;
    private final long shallowOffset;
    private final long thresholdRows;

    private TableBrowser(Workspace workspace, BrowseSpec spec, TableShape shape, Condition where, long shallowOffset,
                         long thresholdRows) {
        this.workspace = workspace;
        this.spec = spec;
        this.shape = shape;
        this.where = where;
        this.shallowOffset = shallowOffset;
        this.thresholdRows = thresholdRows;
    }

    /**
     * Checks {@code spec} against the table (it exists, every column named is one of its columns, every
     * filter value converts to its column's type) and returns a browser for it.
     */
    public static TableBrowser open(Workspace workspace, BrowseSpec spec) {
        return open(workspace, spec, SHALLOW_OFFSET, THRESHOLD_ROWS);
    }

    /** As {@link #open(Workspace, BrowseSpec)}, with other limits for the plain-OFFSET and threshold plans (tests). */
    static TableBrowser open(Workspace workspace, BrowseSpec spec, long shallowOffset, long thresholdRows) {
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
            return new TableBrowser(workspace, spec, shape, where, shallowOffset, thresholdRows);
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
        if (pageSize != edgesPageSize) {
            edges.clear();
            edgesPageSize = pageSize;
        }
        long start = System.nanoTime();
        long offset = Math.multiplyExact(index, (long) pageSize);
        Plan plan = plan(index, offset, pageSize);
        String what = "Reading page " + (index + 1) + " of " + spec.table();
        try (Connection connection = workspace.connect()) {
            List<Object[]> rows = new ArrayList<>(pageSize);
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            Query query = plan.narrowing == null ? null : plan.narrowing.narrow(connection, progress, what);
            if (query == null) {
                query = new Query(plan.sql, where::bind);
            }
            long[] ids = Statements.query(connection, query.sql, query.binder, progress, what, rs -> {
                ResultSetMetaData meta = rs.getMetaData();
                int width = shape.columns().size();
                for (int c = 1; c <= width; c++) {
                    names.add(meta.getColumnLabel(c));
                    types.add(shape.typeOf(meta.getColumnLabel(c)));
                }
                List<Long> seen = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[width];
                    for (int c = 0; c < width; c++) {
                        row[c] = rs.getObject(c + 1);
                    }
                    rows.add(row);
                    if (shape.hasRowid()) {
                        seen.add(rs.getLong(width + 1));
                    }
                }
                return seen.stream().mapToLong(Long::longValue).toArray();
            });
            if (plan.reversed) {
                Collections.reverse(rows);
                reverse(ids);
            }
            if (shape.hasRowid() && ids.length > 0) {
                edges.put(index, new long[] {ids[0], ids[ids.length - 1]});
            }
            return new Page(index, pageSize, names, types, rows, plan.strategy, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw new C360Exception(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * How to read a page: {@code sql}, unless a {@code narrowing} first finds, from the first sort key alone,
     * a cheaper query for the same rows.
     */
    private record Plan(String strategy, String sql, boolean reversed, Narrowing narrowing) {
        Plan(String strategy, String sql, boolean reversed) {
            this(strategy, sql, reversed, null);
        }
    }

    private record Query(String sql, Statements.Binder binder) {
    }

    /** Finds a query for a page's rows that reads fewer whole rows; null when it cannot (nulls in the way). */
    private sealed interface Narrowing permits Threshold, Range {
        Query narrow(Connection connection, Progress progress, String what);
    }

    /**
     * {@code keysSql} yields (rows, non-null keys, the key of the page's last row as text) from the first
     * {@code offset + size} keys; {@code boundedSql} is the page query with one more parameter, that key cast
     * back to the column's type, bounding the first sort key. Key values make the trip as DuckDB's own text
     * of a number or time, which casts back exactly.
     */
    private record Threshold(Condition where, String keysSql, String boundedSql) implements Narrowing {
        @Override
        public Query narrow(Connection connection, Progress progress, String what) {
            String edge = Statements.query(connection, keysSql, where::bind, progress, what, rs -> {
                rs.next();
                return rs.getLong(2) < rs.getLong(1) || rs.getLong(1) == 0 ? null : rs.getString(3);
            });
            return edge == null ? null
                    : new Query(boundedSql, statement -> statement.setString(where.bind(statement, 1), edge));
        }
    }

    /**
     * A page deep inside a table without row ids (a view): {@code keysSql} sorts the first sort key alone to
     * find the lowest and highest key on the page (rows, non-null keys, min, max as text); {@code beforeSql}
     * counts the rows sorted before the lowest one; the page is then the rows between the two keys, skipping
     * those of them that come before it. Sorting one column of 27M rows takes about 1.6 s; sorting whole rows
     * to an offset took 16 s on a view.
     */
    private record Range(Condition where, String keysSql, String beforeSql, String betweenSql, int size, long offset,
                         boolean descending) implements Narrowing {
        @Override
        public Query narrow(Connection connection, Progress progress, String what) {
            String[] bounds = Statements.query(connection, keysSql, where::bind, progress, what, rs -> {
                rs.next();
                return rs.getLong(2) < rs.getLong(1) || rs.getLong(1) == 0 ? null
                        : new String[] {rs.getString(3), rs.getString(4)};
            });
            if (bounds == null) {
                return null;
            }
            String first = descending ? bounds[1] : bounds[0];
            long before = Statements.query(connection, beforeSql,
                    statement -> statement.setString(where.bind(statement, 1), first), progress, what, rs -> {
                        rs.next();
                        return rs.getLong(1);
                    });
            return new Query(betweenSql + limit(size, offset - before), statement -> {
                int next = where.bind(statement, 1);
                statement.setString(next, bounds[0]);
                statement.setString(next + 1, bounds[1]);
            });
        }
    }

    private Plan plan(long index, long offset, int pageSize) {
        String table = shape.quotedTable();
        String select = "SELECT " + SRC + ".*" + (shape.hasRowid() ? ", " + SRC + ".rowid" : "") + " FROM " + table
                + " AS " + SRC;
        if (spec.sort().isEmpty()) {
            // Stored order: DuckDB preserves insertion order, and skipping rows of a scan is cheap.
            return new Plan("scan", select + " WHERE " + where.sql() + limit(pageSize, offset), false);
        }
        String strategy = offset == 0 ? "top-n" : "offset";
        if (thresholdApplies(offset + pageSize)) {
            return ordered(strategy, pageSize, offset, false);
        }
        if (offset <= shallowOffset) {
            return new Plan(strategy, select + " WHERE " + where.sql() + " ORDER BY " + orderBy(false)
                    + limit(pageSize, offset), false);
        }
        if (!shape.hasRowid()) {
            return viewPage(offset, pageSize);
        }
        long[] previous = edges.get(index - 1);
        if (previous != null) {
            return keyset(previous[1], false, pageSize);
        }
        long[] next = edges.get(index + 1);
        if (next != null) {
            return keyset(next[0], true, pageSize);
        }
        long total = knownCount();
        if (total >= 0 && offset >= total) {
            return new Plan("past end", select + " WHERE " + where.and("false").sql() + limit(pageSize, 0), false);
        }
        if (total >= 0 && total - offset - pageSize < offset) {
            long fromEnd = Math.max(0, total - offset - pageSize);
            int size = (int) Math.min(pageSize, total - offset);
            if (thresholdApplies(fromEnd + size) || fromEnd <= shallowOffset) {
                return ordered("reverse", size, fromEnd, true);
            }
            return new Plan("reverse", byRowids(size, fromEnd, true), true);
        }
        return new Plan("deep offset", byRowids(pageSize, offset, false), false);
    }

    /** A deep page of a view (no row ids): read from the nearer end, narrowed to a range of the first key. */
    private Plan viewPage(long offset, int pageSize) {
        long total = knownCount();
        if (total >= 0 && offset >= total) {
            return new Plan("past end", "SELECT " + SRC + ".* FROM " + shape.quotedTable() + " AS " + SRC + " WHERE "
                    + where.and("false").sql() + limit(pageSize, 0), false);
        }
        if (total >= 0 && total - offset - pageSize < offset) {
            long fromEnd = Math.max(0, total - offset - pageSize);
            int size = (int) Math.min(pageSize, total - offset);
            if (thresholdApplies(fromEnd + size) || fromEnd <= shallowOffset) {
                return ordered("reverse", size, fromEnd, true);
            }
            return range("reverse", size, fromEnd, true);
        }
        return range("range", pageSize, offset, false);
    }

    private Plan range(String strategy, int size, long offset, boolean reversed) {
        String table = shape.quotedTable();
        String select = "SELECT " + SRC + ".* FROM " + table + " AS " + SRC;
        String plain = select + " WHERE " + where.sql() + " ORDER BY " + orderBy(reversed) + limit(size, offset);
        SortKey first = spec.sort().getFirst();
        String key = shape.ref(SRC, first.column());
        String type = shape.typeOf(first.column());
        boolean descending = first.descending() != reversed;
        String keys = "SELECT count(*), count(k), CAST(min(k) AS VARCHAR), CAST(max(k) AS VARCHAR) FROM (SELECT "
                + key + " AS k FROM " + table + " AS " + SRC + " WHERE " + where.sql() + " ORDER BY " + key
                + (descending ? " DESC" : " ASC") + (reversed ? " NULLS FIRST" : " NULLS LAST") + limit(size, offset) + ")";
        // Read backwards, nulls come first: they are before the page too.
        String before = "SELECT count(*) FROM " + table + " AS " + SRC + " WHERE (" + where.sql() + ") AND (" + key
                + (descending ? " > " : " < ") + "CAST(? AS " + type + ")" + (reversed ? " OR " + key + " IS NULL" : "") + ")";
        String between = select + " WHERE (" + where.sql() + ") AND " + key + " BETWEEN CAST(? AS " + type + ") AND CAST(? AS "
                + type + ") ORDER BY " + orderBy(reversed);
        return new Plan(strategy, plain, reversed, new Range(where, keys, before, between, size, offset, descending));
    }

    /** Whether the first {@code rows} rows can be read with a threshold on the first sort key. */
    private boolean thresholdApplies(long rows) {
        return rows <= thresholdRows && shape.kindOf(spec.sort().getFirst().column()).isContinuous();
    }

    /**
     * {@code size} rows after skipping {@code offset} in sort order (or, reversed, from the end): a top-n,
     * with a threshold on the first sort key when that key is a number or a point in time.
     */
    private Plan ordered(String strategy, int size, long offset, boolean reversed) {
        String table = shape.quotedTable();
        String select = "SELECT " + SRC + ".*" + (shape.hasRowid() ? ", " + SRC + ".rowid" : "") + " FROM " + table
                + " AS " + SRC;
        String plain = select + " WHERE " + where.sql() + " ORDER BY " + orderBy(reversed) + limit(size, offset);
        SortKey first = spec.sort().getFirst();
        if (!thresholdApplies(offset + size)) {
            return new Plan(strategy, plain, reversed);
        }
        String key = shape.ref(SRC, first.column());
        boolean descending = first.descending() != reversed;
        String keys = "SELECT count(*), count(k), CAST(" + (descending ? "min" : "max") + "(k) AS VARCHAR) FROM (SELECT "
                + key + " AS k FROM " + table + " AS " + SRC + " WHERE " + where.sql() + " ORDER BY " + key
                + (descending ? " DESC" : " ASC") + (reversed ? " NULLS FIRST" : " NULLS LAST") + limit(offset + size, 0) + ")";
        // The cast's type comes from the catalog; the value is bound.
        String bounded = select + " WHERE (" + where.sql() + ") AND " + key + (descending ? " >= " : " <= ")
                + "CAST(? AS " + shape.typeOf(first.column()) + ")"
                + " ORDER BY " + orderBy(reversed) + limit(size, offset);
        return new Plan(strategy, plain, reversed, new Threshold(where, keys, bounded));
    }

    /** Sorts only the sort keys and row ids to find the page, then fetches its rows by row id. */
    private String byRowids(int size, long offset, boolean reversed) {
        String table = shape.quotedTable();
        return "SELECT " + SRC + ".*, " + SRC + ".rowid FROM " + table + " AS " + SRC
                + " WHERE " + SRC + ".rowid IN (SELECT " + SRC + ".rowid FROM " + table + " AS " + SRC
                + " WHERE " + where.sql() + " ORDER BY " + orderBy(reversed) + limit(size, offset) + ")"
                + " ORDER BY " + orderBy(reversed);
    }

    /**
     * The page right after (or, reversed, right before) the row with row id {@code anchor}: the anchor row's
     * sort keys are read by row id inside the query, so no value makes a round trip through Java types.
     */
    private Plan keyset(long anchor, boolean reversed, int pageSize) {
        String table = shape.quotedTable();
        List<SortKey> keys = spec.sort();
        List<String> anchorColumns = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            anchorColumns.add(shape.ref(null, keys.get(i).column()) + " AS a" + i);
        }
        String tail = SRC + ".rowid " + (reversed ? "<" : ">") + " " + anchor;
        for (int i = keys.size() - 1; i >= 0; i--) {
            String x = shape.ref(SRC, keys.get(i).column());
            String a = "anchor.a" + i;
            boolean descending = keys.get(i).descending() != reversed;
            String op = descending ? " < " : " > ";
            // Forward order puts nulls last; read backwards, they come first.
            String after = reversed
                    ? "((" + a + " IS NULL AND " + x + " IS NOT NULL) OR " + x + op + a + ")"
                    : "(" + a + " IS NOT NULL AND (" + x + op + a + " OR " + x + " IS NULL))";
            tail = "(" + after + " OR (" + x + " IS NOT DISTINCT FROM " + a + " AND " + tail + "))";
        }
        String sql = "WITH anchor AS (SELECT " + String.join(", ", anchorColumns) + " FROM " + table
                + " WHERE rowid = " + anchor + ")"
                + " SELECT " + SRC + ".*, " + SRC + ".rowid FROM " + table + " AS " + SRC + ", anchor"
                + " WHERE (" + where.sql() + ") AND " + tail
                + " ORDER BY " + orderBy(reversed) + limit(pageSize, 0);
        return new Plan("keyset", sql, reversed);
    }

    private String orderBy(boolean reversed) {
        List<String> terms = new ArrayList<>();
        for (SortKey key : spec.sort()) {
            boolean descending = key.descending() != reversed;
            terms.add(shape.ref(SRC, key.column()) + (descending ? " DESC" : " ASC")
                    + (reversed ? " NULLS FIRST" : " NULLS LAST"));
        }
        if (shape.hasRowid()) {
            terms.add(SRC + ".rowid" + (reversed ? " DESC" : " ASC"));
        } else {
            // Without row ids, the other columns break ties, so pages split the same way every time.
            List<String> sorted = spec.sort().stream().map(SortKey::column).toList();
            for (String column : shape.columns()) {
                if (!sorted.contains(column) && shape.kindOf(column).isComparable()) {
                    terms.add(shape.ref(SRC, column) + (reversed ? " DESC NULLS FIRST" : " ASC NULLS LAST"));
                }
            }
        }
        return String.join(", ", terms);
    }

    /** LIMIT and OFFSET are numbers we computed, written as literals so DuckDB plans a top-N. */
    private static String limit(long size, long offset) {
        return " LIMIT " + size + (offset > 0 ? " OFFSET " + offset : "");
    }

    private static void reverse(long[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            long t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
