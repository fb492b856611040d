package org.c360.analytics.identity.match;

import java.util.List;

/**
 * A fitted Fellegi-Sunter model: for each comparison and level, m = P(level | same person) and
 * u = P(level | different people), and lambda = the share of candidate pairs that are matches. A pair's match
 * weight is log2(lambda / (1 - lambda)) plus, per compared field, log2(m / u) of its level.
 *
 * @param converged  whether expectation-maximisation settled (a model that did not is not used to merge)
 * @param iterations EM iterations run
 */
public record MatchModel(List<Comparison> comparisons, double lambda, double[][] m, double[][] u, boolean converged,
                         int iterations) {

    /** The weight a field at {@code level} adds: log2(m/u). */
    public double weight(int comparison, int level) {
        return Math.log(m[comparison][level] / u[comparison][level]) / Math.log(2);
    }

    /** The prior weight log2(lambda / (1 - lambda)). */
    public double priorWeight() {
        return Math.log(lambda / (1 - lambda)) / Math.log(2);
    }

    /** Match probability of a total weight. */
    public static double probability(double weight) {
        double odds = Math.pow(2, weight);
        return odds / (1 + odds);
    }

    /** The model as text: one line per field and level with m, u and the weight. */
    public String describe() {
        String fit = iterations == 0 ? "m counted from the pairs the deterministic pass linked"
                : "EM " + (converged ? "converged" : "did NOT converge") + " after " + iterations + " iterations";
        StringBuilder sb = new StringBuilder(String.format("lambda %.5f, prior weight %.2f, %s%n", lambda, priorWeight(), fit));
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison comparison = comparisons.get(c);
            for (int level = 0; level < comparison.levelCount(); level++) {
                sb.append(String.format("  %-14s %-32s m %.4f  u %.6f  weight %+6.2f%n", comparison.name(),
                        comparison.label(level), m[c][level], u[c][level], weight(c, level)));
            }
        }
        return sb.toString();
    }
}
