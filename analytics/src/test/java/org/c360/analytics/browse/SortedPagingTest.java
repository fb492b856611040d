package org.c360.analytics.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.c360.analytics.browse.Filter.Operator;
import org.c360.analytics.browse.TableBrowser.Limits;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way of finding a sorted page gives the pages of one independent query: {@code ORDER BY} the sort keys
 * with nulls last, then the stored order (the table's row id; for the view, the row id of the table under
 * it). Keys tie heavily and have nulls, pages of 37 rows start and end inside runs of equal keys, and each
 * strategy is forced with {@link Limits}.
 */
class SortedPagingTest {
    private static final int SIZE = 37;
    private static final long NEVER = Long.MAX_VALUE / 4;

    @TempDir
    static Path dir;
    static Workspace workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = BrowseFixture.create(dir);
        BrowseFixture.createTies(workspace);
    }

    @AfterAll
    static void closeWorkspace() {
        workspace.close();
    }

    private static final List<List<SortKey>> SORTS = List.of(
            List.of(SortKey.ascending("k")),
            List.of(SortKey.descending("k")),
            List.of(SortKey.ascending("t")),
            List.of(SortKey.descending("ts")),
            List.of(SortKey.descending("t"), SortKey.ascending("k")),
            List.of(SortKey.ascending("k"), SortKey.descending("ts")));

    /** Filters as the browser takes them and as SQL for the expected query. */
    private record Filtering(List<Filter> filters, String sql) {
    }

    private static final List<Filtering> FILTERS = List.of(
            new Filtering(List.of(), "true"),
            new Filtering(List.of(Filter.of("ts", Operator.GREATER_OR_EQUAL, "2024-01-01 01:00:00"),
                    Filter.of("k", Operator.NOT_EQUALS, "1")), "ts >= TIMESTAMP '2024-01-01 01:00:00' AND k <> 1"));

    private static List<Long> expected(String table, List<SortKey> sort, Filtering filtering) {
        StringBuilder order = new StringBuilder();
        for (SortKey key : sort) {
            order.append(key.column()).append(key.descending() ? " DESC" : " ASC").append(" NULLS LAST, ");
        }
        String source = table.equals("ties") ? "SELECT *, rowid AS r FROM ties" : BrowseFixture.TIES_VIEW_WITH_ROWID;
        return BrowseFixture.longs(workspace, "SELECT id FROM (" + source + ") WHERE " + filtering.sql
                + " ORDER BY " + order + "r");
    }

    private static List<Long> ids(Page page) {
        int id = page.columns().indexOf("id");
        return page.rows().stream().map(row -> ((Number) row[id]).longValue()).toList();
    }

    /** Limits for choosing the layout; {@link #check} reads the rows both in one query and value by value. */
    private static Limits limits(long topNRows, long histogramMaxValues, long histogramMinRun) {
        return new Limits(topNRows, histogramMaxValues, histogramMinRun, 0);
    }

    /**
     * Reads every page of every sort and filter of the table and the view, {@code order} choosing the order
     * and the browser per page; checks the rows against the independent query and the strategies used.
     */
    private static void check(Limits layouts, PageOrder order, Expected strategies) {
        for (long rangeRows : List.of(0L, NEVER)) {
            Limits limits = new Limits(layouts.topNRows(), layouts.histogramMaxValues(), layouts.histogramMinRun(),
                    rangeRows);
            check(limits, order, strategies, "ties");
            check(limits, order, strategies, "ties_view");
        }
    }

    private static void check(Limits limits, PageOrder order, Expected strategies, String table) {
        for (List<SortKey> sort : SORTS) {
            for (Filtering filtering : FILTERS) {
                BrowseSpec spec = new BrowseSpec(table, sort, filtering.filters, "");
                List<Long> expected = expected(table, sort, filtering);
                int pages = (expected.size() + SIZE - 1) / SIZE;
                List<List<Long>> seen = new ArrayList<>(Collections.nCopies(pages, List.of()));
                List<String> used = new ArrayList<>(Collections.nCopies(pages, ""));
                List<String> wanted = new ArrayList<>();
                TableBrowser shared = opened(spec, limits);
                for (int p : order.pages(pages)) {
                    TableBrowser browser = order.fresh ? opened(spec, limits) : shared;
                    Page page = browser.page(p, SIZE, Progress.none());
                    seen.set(p, ids(page));
                    used.set(p, page.strategy());
                }
                for (int p = 0; p < pages; p++) {
                    wanted.add(strategies.of(p, pages, (long) p * SIZE, expected.size()));
                }
                String what = table + " sorted by " + sort + " where " + filtering.sql + " (" + limits + ")";
                assertEquals(expected, seen.stream().flatMap(List::stream).toList(), what + " " + used);
                assertEquals(wanted, used, what);
                assertEquals(0, opened(spec, limits).page(pages, SIZE, Progress.none()).rowCount(), what);
            }
        }
    }

    private static TableBrowser opened(BrowseSpec spec, Limits limits) {
        TableBrowser browser = TableBrowser.open(workspace, spec, limits);
        browser.count(Progress.none());
        return browser;
    }

    /** The order pages are read in, and whether each gets a browser of its own (so no neighbour is known). */
    private record PageOrder(boolean fresh, boolean backwards) {
        List<Integer> pages(int count) {
            List<Integer> pages = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                pages.add(backwards ? count - 1 - p : p);
            }
            return pages;
        }
    }

    /** The strategy expected for page {@code page} of {@code pages}, at {@code offset} of {@code rows}. */
    @FunctionalInterface
    private interface Expected {
        String of(int page, int pages, long offset, long rows);
    }

    @Test
    void histogramPagesAreArithmetic() {
        check(limits(0, NEVER, 0), new PageOrder(false, false), (page, pages, offset, rows) -> "histogram");
    }

    @Test
    void topNPagesReadTheKeyAlone() {
        check(limits(NEVER, 0, NEVER), new PageOrder(true, false), (page, pages, offset, rows) -> "top-n");
    }

    @Test
    void nextPagesContinueFromThePreviousOne() {
        check(limits(0, 0, NEVER), new PageOrder(false, false),
                (page, pages, offset, rows) -> page == 0 ? "deep" : "keyset");
    }

    @Test
    void previousPagesContinueFromTheNextOne() {
        check(limits(0, 0, NEVER), new PageOrder(false, true),
                (page, pages, offset, rows) -> page == pages - 1 ? "deep" : "keyset");
    }

    @Test
    void pagesNearTheEndAreReadBackwards() {
        check(limits(300, 0, NEVER), new PageOrder(true, false), (page, pages, offset, rows) ->
                offset + SIZE <= 300 ? "top-n" : rows - offset <= 300 ? "reverse" : "deep");
    }

    @Test
    void deepPagesSortTheKeyColumn() {
        check(limits(0, 0, NEVER), new PageOrder(true, false), (page, pages, offset, rows) -> "deep");
    }
}
