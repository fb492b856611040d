package org.c360.analytics.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * Limits for choosing the layout, with a sketch from about 60 of the 700 keys searched down to 40 rows
     * around the page (so the search has to correct itself); {@link #check} reads the rows both in one
     * query and value by value.
     */
    private static Limits limits(long topNRows, long histogramMaxValues, long histogramMinRun) {
        return limits(topNRows, histogramMaxValues, histogramMinRun, 60);
    }

    private static Limits limits(long topNRows, long histogramMaxValues, long histogramMinRun, long sketchRows) {
        return new Limits(topNRows, histogramMaxValues, histogramMinRun, sketchRows, 40, 0);
    }

    /**
     * Reads the pages of every sort and filter of the table and the view in {@code order}; checks each against
     * the independent query and the strategy it was found with.
     */
    private static void check(Limits layouts, PageOrder order, Expected strategies) {
        for (long rangeRows : List.of(0L, NEVER)) {
            Limits limits = new Limits(layouts.topNRows(), layouts.histogramMaxValues(), layouts.histogramMinRun(),
                    layouts.sketchRows(), layouts.bracketRows(), rangeRows);
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
                String what = table + " sorted by " + sort + " where " + filtering.sql + " (" + limits + ")";
                TableBrowser browser = opened(spec, limits);
                for (int p : order.pages(pages)) {
                    Page page = browser.page(p, SIZE, Progress.none());
                    int from = p * SIZE;
                    assertEquals(expected.subList(from, Math.min(from + SIZE, expected.size())), ids(page),
                            what + " page " + p);
                    assertEquals(strategies.of(p, pages, from, expected.size()), page.strategy(), what + " page " + p);
                }
                assertEquals(0, opened(spec, limits).page(pages, SIZE, Progress.none()).rowCount(), what);
            }
        }
    }

    private static TableBrowser opened(BrowseSpec spec, Limits limits) {
        TableBrowser browser = TableBrowser.open(workspace, spec, limits);
        browser.count(Progress.none());
        return browser;
    }

    /** The pages read, in order, by one browser. */
    private enum PageOrder {
        FORWARD, BACKWARD,
        /** Every other page, so the browser never knows a neighbour of the page it reads. */
        ALTERNATE;

        List<Integer> pages(int count) {
            List<Integer> pages = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                switch (this) {
                    case FORWARD -> pages.add(p);
                    case BACKWARD -> pages.add(count - 1 - p);
                    case ALTERNATE -> {
                        if (p % 2 == 0) {
                            pages.add(p);
                        }
                    }
                }
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
        check(limits(0, NEVER, 0), PageOrder.FORWARD, (page, pages, offset, rows) -> "histogram");
    }

    @Test
    void topNPagesReadTheKeyAlone() {
        check(limits(NEVER, 0, NEVER), PageOrder.ALTERNATE, (page, pages, offset, rows) -> "top-n");
    }

    @Test
    void nextPagesContinueFromThePreviousOne() {
        check(limits(0, 0, NEVER), PageOrder.FORWARD,
                (page, pages, offset, rows) -> page == 0 ? "sketch" : "keyset");
    }

    @Test
    void previousPagesContinueFromTheNextOne() {
        check(limits(0, 0, NEVER), PageOrder.BACKWARD,
                (page, pages, offset, rows) -> page == pages - 1 ? "sketch" : "keyset");
    }

    @Test
    void pagesNearTheEndAreReadBackwards() {
        check(limits(300, 0, NEVER), PageOrder.ALTERNATE, (page, pages, offset, rows) ->
                offset + SIZE <= 300 ? "top-n" : rows - offset <= 300 ? "reverse" : "sketch");
    }

    @Test
    void deepPagesSearchASketch() {
        // A rough sketch, an exact one (every key), and none (the top-N then skips from the first row).
        for (long sketchRows : List.of(60L, NEVER, 0L)) {
            check(limits(0, 0, NEVER, sketchRows), PageOrder.ALTERNATE, (page, pages, offset, rows) -> "sketch");
        }
    }
}
