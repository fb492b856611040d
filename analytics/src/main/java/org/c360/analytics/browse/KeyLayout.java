package org.c360.analytics.browse;

import java.util.List;

/**
 * Which rows make up one page, described by the first sort key alone: the page's values of that key in sort
 * order, each with how many of its rows the page skips and takes. The rows of one value (a run) follow each
 * other in the order the rest of the sort and the table's stored order give them, so a page is the tail of
 * its first run, whole runs, then the head of its last run.
 */
record KeyLayout(List<Run> runs) {

    /**
     * One value of the first sort key on the page: its text as DuckDB prints it (null for SQL NULL); the page
     * starts {@code skip} rows into the value's {@code rows} rows (-1 when not known) and takes {@code take}.
     */
    record Run(String value, long skip, long take, long rows) {
    }

    static final KeyLayout EMPTY = new KeyLayout(List.of());

    KeyLayout {
        runs = List.copyOf(runs);
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    long rows() {
        return runs.stream().mapToLong(Run::take).sum();
    }

    Run first() {
        return runs.getFirst();
    }

    Run last() {
        return runs.getLast();
    }

    /** Rows of every value on the page, -1 when one of them is not known. */
    long rowsOfValues() {
        long sum = 0;
        for (Run run : runs) {
            if (run.rows() < 0) {
                return -1;
            }
            sum += run.rows();
        }
        return sum;
    }

    /** How many rows of the last value come up to the page's end: where the next page starts in that value. */
    long lastEnd() {
        Run last = last();
        return last.skip() + last.take();
    }
}
