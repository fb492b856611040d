package org.c360.analytics.browse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.c360.analytics.browse.ColumnProfile.Bin;
import org.c360.analytics.browse.ColumnProfile.Histogram;
import org.c360.analytics.browse.Filter.Operator;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnProfilerTest {
    @TempDir
    static Path dir;
    static Workspace workspace;
    static ColumnProfiler profiler;

    @BeforeAll
    static void createWorkspace() {
        workspace = BrowseFixture.create(dir);
        profiler = new ColumnProfiler(workspace);
    }

    @AfterAll
    static void closeWorkspace() {
        workspace.close();
    }

    private static long sql(String sql) {
        return BrowseFixture.scalar(workspace, sql);
    }

    private static long total(Histogram histogram) {
        return histogram.bins().stream().mapToLong(Bin::count).sum();
    }

    @Test
    void integerColumnWithFewValuesGetsOneBarPerValue() {
        ColumnProfile grp = profiler.profile(BrowseSpec.of("people"), "grp", Progress.none());
        assertEquals("BIGINT", grp.type());
        assertEquals(1000, grp.rows());
        assertEquals(sql("SELECT count(*) FROM people WHERE grp IS NULL"), grp.nulls());
        assertEquals(sql("SELECT count(DISTINCT grp) FROM people"), grp.distinct());
        assertTrue(grp.distinctExact());
        assertEquals(0L, ((Number) grp.min()).longValue());
        assertEquals(6L, ((Number) grp.max()).longValue());
        assertEquals(Histogram.Kind.EQUAL_WIDTH, grp.histogram().kind());
        assertEquals(7, grp.histogram().bins().size());
        for (int value = 0; value <= 6; value++) {
            Bin bin = grp.histogram().bins().get(value);
            assertEquals(Integer.toString(value), bin.label());
            assertEquals(sql("SELECT count(*) FROM people WHERE grp = " + value), bin.count());
        }
    }

    @Test
    void numbersAndDatesGetEqualWidthBins() {
        ColumnProfile score = profiler.profile(BrowseSpec.of("people"), "score", Progress.none());
        assertEquals(ColumnProfiler.BINS, score.histogram().bins().size());
        assertEquals(1000, total(score.histogram()));
        // 1.5 .. 1500 in 20 bins of 74.925: the first holds scores below 76.425, i.e. ids 1..50.
        assertEquals(sql("SELECT count(*) FROM people WHERE score < 1.5 + 74.925"), score.histogram().bins().getFirst().count());
        assertEquals("1.5 – 76.4", score.histogram().bins().getFirst().label());

        ColumnProfile day = profiler.profile(BrowseSpec.of("people"), "day", Progress.none());
        assertEquals(LocalDate.of(2024, 1, 2), day.min());
        assertEquals(1000, total(day.histogram()));
        assertTrue(day.histogram().bins().getFirst().label().startsWith("2024-01-02 – "), day.histogram().bins().getFirst().label());
    }

    @Test
    void textAndBooleansGetTopValuesAndTheRest() {
        ColumnProfile name = profiler.profile(BrowseSpec.of("people"), "name", Progress.none());
        assertEquals(Histogram.Kind.TOP_VALUES, name.histogram().kind());
        assertEquals(ColumnProfiler.TOP_VALUES + 1, name.histogram().bins().size());
        Bin other = name.histogram().bins().getLast();
        assertTrue(other.other());
        assertEquals(1000 - ColumnProfiler.TOP_VALUES, other.count());
        assertEquals("name1", name.min());

        ColumnProfile flag = profiler.profile(BrowseSpec.of("people"), "flag", Progress.none());
        assertEquals(List.of(new Bin("false", sql("SELECT count(*) FROM people WHERE NOT flag"), false),
                new Bin("true", sql("SELECT count(*) FROM people WHERE flag"), false)), flag.histogram().bins());
    }

    @Test
    void profileFollowsTheFilters() {
        BrowseSpec spec = BrowseSpec.of("people").withFilter(Filter.of("id", Operator.LESS_OR_EQUAL, "100"));
        ColumnProfile grp = profiler.profile(spec, "grp", Progress.none());
        assertEquals(100, grp.rows());
        assertEquals(sql("SELECT count(*) FROM people WHERE id <= 100 AND grp IS NULL"), grp.nulls());
        assertEquals(100 - grp.nulls(), total(grp.histogram()));
    }

    @Test
    void nestedColumnsAreProfiledAsText() {
        ColumnProfile pair = profiler.profile(BrowseSpec.of("people"), "pair", Progress.none());
        assertEquals(1000, pair.distinct());
        assertFalse(pair.histogram().bins().isEmpty());
    }
}
