package org.c360.analytics.ml;

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1, by its power series. The BG/NBD
 * predictions need it with z = t / (alpha + T + t), which stays below 1; close to 1 the series needs many
 * terms, so it runs until a term no longer changes the sum.
 */
final class Hypergeometric {
    private static final int MAX_TERMS = 1_000_000;

    private Hypergeometric() {
    }

    static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 is summed here for 0 <= z < 1 only, not z = " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            double next = sum + term;
            if (next == sum || !Double.isFinite(next)) {
                return next;
            }
            sum = next;
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in " + MAX_TERMS + " terms");
    }
}
