package org.c360.analytics.ml;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a lifetime-value run found. Times are in days; money in the workspace's currency.
 *
 * @param source      where purchases came from ("customer360_events" per resolved person, or "transactions" per customer_id)
 * @param subject     the key the scores are per ("customer360_id" or "customer_id")
 * @param calibration the holdout check (null when no holdout was asked for)
 * @param bgNbd       BG/NBD fitted on all data up to {@code observationEnd} (the model the scores come from)
 * @param gammaGamma  Gamma-Gamma fitted on the same data
 * @param clv         CLV over the horizon (null when a fit did not converge)
 * @param heatmap     P(alive) by frequency and recency (null when BG/NBD did not converge)
 */
public record LtvResult(String source, String subject, LtvOptions options, LocalDate firstPurchase, LocalDate observationEnd,
                        long purchaseDays, long orders, Counts counts, Calibration calibration,
                        Fitted<BgNbd> bgNbd, Fitted<GammaGamma> gammaGamma, double spendFrequencyCorrelation,
                        Historic historic, Clv clv, Heatmap heatmap, Map<String, Long> timingsMillis) {

    public static final String UNITS = "days";

    /** Customers acquired by the cut-off, those who bought again, and repeat buyers left out of Gamma-Gamma (spend <= 0). */
    public record Counts(long customers, long repeatCustomers, long nonPositiveSpend, int distinctTuples) {
    }

    /** The holdout check: models fitted up to {@code end}, predictions of the purchases in the next {@code days}. */
    public record Calibration(LocalDate end, int days, Counts counts, FitReport bgNbd, List<CalibrationPoint> points) {
    }

    /** Customers with this many calibration repeat purchases ({@code frequency} is "N or more" for the last). */
    public record CalibrationPoint(int frequency, boolean orMore, long customers, double actual, double predicted) {
    }

    /** Revenue to date per customer. */
    public record Historic(long customers, double total, double mean, double median, double p90, double topDecileShare) {
    }

    /** Predicted CLV over the horizon, with its distribution as equal-width bins from 0 ({@code lastBinOpen}: and above). */
    public record Clv(long customers, double total, double mean, double median, double p90, double p99, double max,
                      double meanPAlive, double expectedPurchases, double binWidth, long[] bins) {
    }

    /** P(alive) of a customer of age {@code age} days, rows by frequency, columns by recency. */
    public record Heatmap(int[] frequencies, int[] recencies, int age, double[][] pAlive) {
    }

    /** Whether scores can be written: both models converged. */
    public boolean scorable() {
        return bgNbd.report().converged() && gammaGamma.report().converged();
    }

    /** The plain-words summary the CLI prints and the UI shows. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Purchases from %s (per %s), %s to %s, in %s: %,d purchase days (%,d orders).%n",
                source, subject, firstPurchase, observationEnd, UNITS, purchaseDays, orders));
        sb.append(String.format("Customers: %,d, of whom %,d bought again (%,d distinct frequency/recency/T tuples).%n",
                counts.customers(), counts.repeatCustomers(), counts.distinctTuples()));
        sb.append(String.format("Historic value: %,.2f in total, mean %,.2f, median %,.2f, top 10%% of customers %.1f%% of revenue.%n",
                historic.total(), historic.mean(), historic.median(), 100 * historic.topDecileShare()));
        if (calibration != null) {
            sb.append(String.format("Holdout check: fitted up to %s, predicting the %d days after it.%n",
                    calibration.end(), calibration.days()));
            sb.append("  ").append(calibration.bgNbd().describe()).append('\n');
        }
        sb.append(bgNbd.report().describe()).append('\n');
        sb.append(gammaGamma.report().describe()).append('\n');
        if (counts.nonPositiveSpend() > 0) {
            sb.append(String.format("  %,d repeat customers with no positive repeat spend were left out of Gamma-Gamma.%n",
                    counts.nonPositiveSpend()));
        }
        if (!Double.isNaN(spendFrequencyCorrelation)) {
            sb.append(String.format("  Correlation of spend and frequency: %.3f%s%n", spendFrequencyCorrelation,
                    Math.abs(spendFrequencyCorrelation) > 0.3 ? " (high: Gamma-Gamma assumes they are independent)" : ""));
        }
        if (clv != null) {
            sb.append(String.format("CLV over %d months at %.2f%% a month: total %,.2f, mean %,.2f, median %,.2f, p90 %,.2f, p99 %,.2f;"
                            + " expected purchases %,.0f; mean P(alive) %.3f.%n", options.horizonMonths(),
                    100 * options.monthlyDiscountRate(), clv.total(), clv.mean(), clv.median(), clv.p90(), clv.p99(),
                    clv.expectedPurchases(), clv.meanPAlive()));
        } else {
            sb.append("No CLV: a model did not converge, so its predictions would be meaningless.\n");
        }
        return sb.toString();
    }
}
