package org.c360.analytics.link;

/**
 * How links are looked for.
 *
 * @param sampleValues  distinct values compared per column: a table with more is represented by those with the
 *                      lowest hash, a uniform and repeatable sample of its distinct values
 * @param maxRowsRead   a table with more rows is read every k-th row (by {@code _source_row}) so that about this
 *                      many rows are read; below it every row is read and distinct counts are exact
 * @param minContainment share of a column's distinct values that must be found for a link to be proposed
 * @param minScore      combined score below which nothing is proposed
 */
public record LinkOptions(int sampleValues, long maxRowsRead, double minContainment, double minScore) {

    public static final LinkOptions DEFAULTS = new LinkOptions(20_000, 1_000_000, 0.2, 0.3);

    public LinkOptions {
        if (sampleValues < 10) {
            throw new IllegalArgumentException("sampleValues must be at least 10, not " + sampleValues);
        }
        if (maxRowsRead < sampleValues) {
            throw new IllegalArgumentException("maxRowsRead must be at least sampleValues");
        }
        if (minContainment < 0 || minContainment > 1 || minScore < 0 || minScore > 1) {
            throw new IllegalArgumentException("minContainment and minScore are shares between 0 and 1");
        }
    }
}
