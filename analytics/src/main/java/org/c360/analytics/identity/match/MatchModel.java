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

    /**
     * The parameters as one line, to be read back by {@link #decode}: an incremental run scores new pairs with
     * the model the last full run fitted.
     */
    public String encode() {
        StringBuilder sb = new StringBuilder().append(lambda).append(';').append(converged).append(';').append(iterations);
        for (double[][] table : new double[][][] {m, u}) {
            sb.append(';');
            for (int c = 0; c < table.length; c++) {
                sb.append(c == 0 ? "" : "|");
                for (int level = 0; level < table[c].length; level++) {
                    sb.append(level == 0 ? "" : ",").append(table[c][level]);
                }
            }
        }
        return sb.toString();
    }

    /** A model {@link #encode encoded} for {@code comparisons}; empty if the comparisons have changed since. */
    public static java.util.Optional<MatchModel> decode(String text, List<Comparison> comparisons) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        String[] parts = text.split(";");
        double[][][] tables = new double[2][][];
        for (int t = 0; t < 2; t++) {
            String[] fields = parts[3 + t].split("\\|");
            if (fields.length != comparisons.size()) {
                return java.util.Optional.empty();
            }
            tables[t] = new double[fields.length][];
            for (int c = 0; c < fields.length; c++) {
                tables[t][c] = java.util.Arrays.stream(fields[c].split(",")).mapToDouble(Double::parseDouble).toArray();
                if (tables[t][c].length != comparisons.get(c).levelCount()) {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.of(new MatchModel(comparisons, Double.parseDouble(parts[0]), tables[0], tables[1],
                Boolean.parseBoolean(parts[1]), Integer.parseInt(parts[2])));
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
