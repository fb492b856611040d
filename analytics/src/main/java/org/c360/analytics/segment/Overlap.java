package org.c360.analytics.segment;

import java.util.List;

/**
 * How saved segments intersect. {@link #regions()} counts the people in exactly one combination of the
 * segments (a Venn diagram's regions); {@link #pairs()}[i][j] counts the people in both i and j
 * (the diagonal is each segment's size).
 */
public record Overlap(List<String> segments, List<Region> regions, long[][] pairs) {

    /** People in exactly the segments whose bits are set in {@code mask} (bit i = segment i). */
    public record Region(int mask, List<String> segments, long people) {
    }

    public long both(int i, int j) {
        return pairs[i][j];
    }
}
