package org.c360.analytics.browse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every value of the first sort key with its row count, in sort order: with it, the values any page spans and
 * where in them it starts are arithmetic, so a page anywhere costs only reading its rows.
 */
final class KeyHistogram {
    private final List<String> values;
    private final long[] counts;
    /** Position of each value's first row; one more entry, the total. */
    private final long[] starts;

    KeyHistogram(List<String> values, List<Long> counts) {
        this.values = new ArrayList<>(values);
        this.counts = counts.stream().mapToLong(Long::longValue).toArray();
        this.starts = new long[this.counts.length + 1];
        for (int i = 0; i < this.counts.length; i++) {
            starts[i + 1] = starts[i] + this.counts[i];
        }
    }

    long rows() {
        return starts[counts.length];
    }

    int size() {
        return counts.length;
    }

    KeyLayout layout(long offset, int size) {
        if (offset >= rows()) {
            return KeyLayout.EMPTY;
        }
        int found = Arrays.binarySearch(starts, offset);
        // Several equal starts cannot happen (counts are positive), so a hit is the value starting there.
        int i = found >= 0 ? found : -found - 2;
        List<KeyLayout.Run> runs = new ArrayList<>();
        long position = offset;
        long remaining = size;
        for (; remaining > 0 && i < counts.length; i++) {
            long skip = position - starts[i];
            long take = Math.min(counts[i] - skip, remaining);
            runs.add(new KeyLayout.Run(values.get(i), skip, take, counts[i]));
            position += take;
            remaining -= take;
        }
        return new KeyLayout(runs);
    }
}
