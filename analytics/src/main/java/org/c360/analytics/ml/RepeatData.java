package org.c360.analytics.ml;

/**
 * Customers as the BG/NBD sees them, aggregated: each row is one distinct (frequency, recency, T) with the
 * number of customers who have it. Frequency is the number of repeat purchase periods, recency the age of
 * the customer at their last purchase, T their age at the end of observation (recency and T in days).
 * Fitting on distinct tuples gives the same likelihood as fitting on every customer, at a fraction of the cost.
 */
public record RepeatData(int[] frequency, double[] recency, double[] age, double[] weight) {

    public RepeatData {
        if (frequency.length != recency.length || frequency.length != age.length || frequency.length != weight.length) {
            throw new IllegalArgumentException("frequency, recency, T and weight must have the same length");
        }
        for (int i = 0; i < frequency.length; i++) {
            if (frequency[i] < 0 || recency[i] < 0 || age[i] < recency[i] || weight[i] < 0
                    || (frequency[i] == 0 && recency[i] != 0)) {
                throw new IllegalArgumentException("customer tuple " + i + " is impossible: frequency " + frequency[i]
                        + ", recency " + recency[i] + ", T " + age[i] + ", weight " + weight[i]
                        + " (needs 0 <= recency <= T, and recency 0 when frequency is 0)");
            }
        }
    }

    public int size() {
        return frequency.length;
    }

    /** How many customers the rows stand for. */
    public double customers() {
        double sum = 0;
        for (double w : weight) {
            sum += w;
        }
        return sum;
    }

    /** How many customers bought again after their first purchase. */
    public double repeatCustomers() {
        double sum = 0;
        for (int i = 0; i < frequency.length; i++) {
            sum += frequency[i] > 0 ? weight[i] : 0;
        }
        return sum;
    }

    int maxFrequency() {
        int max = 0;
        for (int f : frequency) {
            max = Math.max(max, f);
        }
        return max;
    }
}
