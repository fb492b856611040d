package org.c360.analytics.ml;

/**
 * Repeat customers as the Gamma-Gamma model sees them: the number of repeat purchases and their mean value
 * (first purchases excluded, as Fader and Hardie do), with a weight per row.
 */
public record SpendData(int[] frequency, double[] monetary, double[] weight) {

    public SpendData {
        if (frequency.length != monetary.length || frequency.length != weight.length) {
            throw new IllegalArgumentException("frequency, monetary value and weight must have the same length");
        }
        for (int i = 0; i < frequency.length; i++) {
            if (frequency[i] < 1 || !(monetary[i] > 0) || weight[i] < 0) {
                throw new IllegalArgumentException("spend row " + i + " is impossible: frequency " + frequency[i]
                        + ", monetary value " + monetary[i] + " (needs at least one repeat purchase and a positive value)");
            }
        }
    }

    public int size() {
        return frequency.length;
    }

    public double customers() {
        double sum = 0;
        for (double w : weight) {
            sum += w;
        }
        return sum;
    }
}
