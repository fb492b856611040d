package org.c360.analytics.browse;

import java.util.List;

/**
 * Quantiles of the first sort key from a sample, in the browse's order: for each cut value, an estimate of
 * how many rows sort before it. They only guide the search for a narrow range of values around a deep page;
 * the ranks that decide the page are always counted exactly ({@link FirstKey#sketched}).
 */
final class KeySketch {
    private final List<String> cuts;
    private final double[] estimates;
    private final long nonNull;
    private final long sampled;

    /**
     * {@code cuts} in the browse's order, no nulls, no repeats; {@code estimates} the rows sorted before each;
     * {@code nonNull} the rows whose key is not null; {@code sampled} how many keys the quantiles come from.
     */
    KeySketch(List<String> cuts, double[] estimates, long nonNull, long sampled) {
        this.cuts = List.copyOf(cuts);
        this.estimates = estimates.clone();
        this.nonNull = nonNull;
        this.sampled = sampled;
    }

    int size() {
        return cuts.size();
    }

    String cut(int i) {
        return cuts.get(i);
    }

    /** Rows sorted before cut {@code i}; -1 is the first row, {@link #size()} the first null. */
    double estimate(int i) {
        return i < 0 ? 0 : i >= cuts.size() ? nonNull : estimates[i];
    }

    long nonNull() {
        return nonNull;
    }

    /** Three standard errors of a rank estimated from the sample, at least {@code floor}. */
    long margin(long rank, long floor) {
        if (sampled == 0 || nonNull == 0) {
            return Math.max(floor, nonNull);
        }
        double f = Math.min(1, (double) rank / nonNull);
        return Math.max(floor, (long) (3 * Math.sqrt(f * (1 - f) / sampled) * nonNull));
    }
}
