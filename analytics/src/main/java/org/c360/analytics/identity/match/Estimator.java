package org.c360.analytics.identity.match;

import java.util.Arrays;
import java.util.List;

/**
 * Expectation-maximisation for the Fellegi-Sunter m probabilities and lambda, with u fixed (estimated
 * beforehand from random pairs, as Splink recommends: EM is then well-posed). Works on the counts of each
 * distinct pattern of levels, so millions of pairs cost a few thousand rows.
 */
final class Estimator {

    static final int MAX_ITERATIONS = 200;
    /**
     * Converged when no probability moves by more than this in an iteration: Splink's default
     * ({@code em_convergence = 0.0001}). 1e-6 was still creeping after 200 iterations on ten million pairs.
     */
    static final double TOLERANCE = 1e-4;
    /** Keeps probabilities off 0 and 1, so a level never seen still has a finite weight. */
    static final double FLOOR = 1e-6;

    private Estimator() {
    }

    /**
     * @param patterns one row per distinct pattern: level per comparison (-1 = missing)
     * @param counts   pairs with that pattern
     * @param u        fixed u probabilities, [comparison][level]
     */
    static MatchModel fit(List<Comparison> comparisons, int[][] patterns, long[] counts, double[][] u) {
        int fields = comparisons.size();
        double[][] m = new double[fields][];
        for (int c = 0; c < fields; c++) {
            int levels = comparisons.get(c).levelCount();
            m[c] = new double[levels];
            // start believing matches mostly agree: 0.9 on the best level, the rest spread
            m[c][0] = 0.9;
            for (int level = 1; level < levels; level++) {
                m[c][level] = 0.1 / (levels - 1);
            }
        }
        double lambda = 0.1;
        boolean converged = false;
        int iteration = 0;
        double[] posterior = new double[patterns.length];
        while (iteration < MAX_ITERATIONS && !converged) {
            iteration++;
            // E step: probability that each pattern is a match
            for (int p = 0; p < patterns.length; p++) {
                double match = lambda;
                double nonMatch = 1 - lambda;
                for (int c = 0; c < fields; c++) {
                    int level = patterns[p][c];
                    if (level >= 0) {
                        match *= m[c][level];
                        nonMatch *= u[c][level];
                    }
                }
                posterior[p] = match / (match + nonMatch);
            }
            // M step: lambda and m from the expected matches
            double expectedMatches = 0;
            double total = 0;
            for (int p = 0; p < patterns.length; p++) {
                expectedMatches += counts[p] * posterior[p];
                total += counts[p];
            }
            double newLambda = clamp(expectedMatches / total);
            double change = Math.abs(newLambda - lambda);
            double[][] newM = new double[fields][];
            for (int c = 0; c < fields; c++) {
                double[] sums = new double[m[c].length];
                double all = 0;
                for (int p = 0; p < patterns.length; p++) {
                    int level = patterns[p][c];
                    if (level >= 0) {
                        double weight = counts[p] * posterior[p];
                        sums[level] += weight;
                        all += weight;
                    }
                }
                newM[c] = new double[sums.length];
                for (int level = 0; level < sums.length; level++) {
                    newM[c][level] = all > 0 ? clamp(sums[level] / all) : m[c][level];
                    change = Math.max(change, Math.abs(newM[c][level] - m[c][level]));
                }
            }
            m = newM;
            lambda = newLambda;
            converged = change < TOLERANCE;
        }
        double[][] uCopy = Arrays.stream(u).map(double[]::clone).toArray(double[][]::new);
        // a field no pair had on both sides taught nothing: it weighs nothing
        for (int c = 0; c < fields; c++) {
            boolean seen = false;
            for (int[] pattern : patterns) {
                seen |= pattern[c] >= 0;
            }
            if (!seen) {
                java.util.Arrays.fill(m[c], 1.0 / m[c].length);
                java.util.Arrays.fill(uCopy[c], 1.0 / m[c].length);
            }
        }
        return new MatchModel(comparisons, lambda, m, uCopy, converged, iteration);
    }

    /**
     * m counted from pairs known to match: each level's share among the pairs where both sides have the
     * field, with add-one smoothing (a level no known match reached is rare, not impossible).
     */
    static MatchModel fromLabels(List<Comparison> comparisons, int[][] patterns, long[] counts, double[][] u) {
        int fields = comparisons.size();
        double[][] m = new double[fields][];
        double[][] uCopy = Arrays.stream(u).map(double[]::clone).toArray(double[][]::new);
        for (int c = 0; c < fields; c++) {
            double[] sums = new double[comparisons.get(c).levelCount()];
            double all = 0;
            for (int p = 0; p < patterns.length; p++) {
                int level = patterns[p][c];
                if (level >= 0) {
                    sums[level] += counts[p];
                    all += counts[p];
                }
            }
            m[c] = new double[sums.length];
            for (int level = 0; level < sums.length; level++) {
                m[c][level] = all > 0 ? clamp((sums[level] + 1) / (all + sums.length)) : 1.0 / sums.length;
            }
            if (all == 0) {
                // a field no known match had on both sides taught nothing: it weighs nothing
                Arrays.fill(uCopy[c], 1.0 / sums.length);
            }
        }
        return new MatchModel(comparisons, 1, m, uCopy, true, 0);
    }

    /** Lambda alone by EM, with m and u fixed: the expected share of matches among the given pairs. */
    static double lambda(int[][] patterns, long[] counts, double[][] m, double[][] u) {
        double lambda = 0.01;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double expected = 0;
            double total = 0;
            for (int p = 0; p < patterns.length; p++) {
                double match = lambda;
                double nonMatch = 1 - lambda;
                for (int c = 0; c < m.length; c++) {
                    int level = patterns[p][c];
                    if (level >= 0) {
                        match *= m[c][level];
                        nonMatch *= u[c][level];
                    }
                }
                expected += counts[p] * match / (match + nonMatch);
                total += counts[p];
            }
            double next = total == 0 ? lambda : clamp(expected / total);
            if (Math.abs(next - lambda) < TOLERANCE) {
                return next;
            }
            lambda = next;
        }
        return lambda;
    }

    static double clamp(double p) {
        return Math.min(1 - FLOOR, Math.max(FLOOR, p));
    }
}
