package org.c360.analytics.ml;

import java.util.Arrays;

import org.c360.analytics.work.Progress;

import smile.math.BFGS;
import smile.util.function.DifferentiableMultivariateFunction;

/**
 * Maximum-likelihood fitting on log-parameters (so every parameter stays positive) with Smile's L-BFGS.
 * Smile returns only the final value, so this counts its gradient evaluations (one per iteration, plus one
 * at the start) and checks the gradient at the point it returned: a fit is called converged only when that
 * gradient is small and the log-likelihood finite, never merely because the optimiser stopped.
 */
final class MaximumLikelihood {

    /** An objective: the mean negative log-likelihood per customer and its gradient, both in log-parameters. */
    interface Objective {
        /** Returns the objective at {@code logTheta} and writes its gradient into {@code gradient}. */
        double valueAndGradient(double[] logTheta, double[] gradient);
    }

    /** The outcome of one fit, in log-parameters. */
    record Result(double[] logTheta, double meanNegLogLikelihood, int iterations, boolean converged, String problem,
                  double[] standardErrors) {
    }

    static final int MAX_ITERATIONS = 500;
    /** Largest gradient component (of the mean log-likelihood per customer) accepted as an optimum. */
    static final double GRADIENT_TOLERANCE = 1e-4;
    /** A log-parameter beyond this has run off to 0 or infinity: the data cannot pin that parameter down. */
    static final double LOG_BOUND = 25;
    /**
     * A standard error of a log-parameter above this (a factor of e^2 = 7.4 either way) means the likelihood
     * is nearly flat along it: the optimiser stopped somewhere on a ridge, and the value means nothing.
     */
    static final double MAX_LOG_STANDARD_ERROR = 2;

    private MaximumLikelihood() {
    }

    /** {@code customers} is the number of customers the mean log-likelihood is over (for standard errors). */
    static Result fit(Objective objective, double[] start, String[] names, double customers, Progress progress) {
        int[] gradients = {0};
        DifferentiableMultivariateFunction function = new DifferentiableMultivariateFunction() {
            @Override
            public double f(double[] x) {
                progress.throwIfCancelled();
                return objective.valueAndGradient(x, new double[x.length]);
            }

            @Override
            public double g(double[] x, double[] gradient) {
                progress.throwIfCancelled();
                gradients[0]++;
                return objective.valueAndGradient(x, gradient);
            }
        };
        double[] x = start.clone();
        String problem = null;
        try {
            BFGS.minimize(function, 5, x, 1e-9, MAX_ITERATIONS);
        } catch (IllegalArgumentException | ArithmeticException e) {
            problem = "the optimiser stopped: " + e.getMessage();
        }
        int iterations = Math.max(0, gradients[0] - 1);
        double[] gradient = new double[x.length];
        double value = objective.valueAndGradient(x, gradient);
        double largest = Arrays.stream(gradient).map(Math::abs).max().orElse(0);
        if (problem == null && !Double.isFinite(value)) {
            problem = "the log-likelihood is not finite at the optimiser's last point";
        }
        for (int i = 0; problem == null && i < x.length; i++) {
            if (!Double.isFinite(x[i]) || Math.abs(x[i]) > LOG_BOUND) {
                problem = names[i] + " ran off to " + (x[i] > 0 ? "infinity" : "zero") + " (the data cannot pin it down)";
            }
        }
        if (problem == null && iterations >= MAX_ITERATIONS) {
            problem = "no optimum within " + MAX_ITERATIONS + " iterations";
        }
        if (problem == null && !(largest < GRADIENT_TOLERANCE)) {
            problem = "the optimiser stopped where the gradient is still " + String.format("%.2g", largest);
        }
        double[] errors = problem == null ? standardErrors(objective, x, customers) : null;
        for (int i = 0; problem == null && i < x.length; i++) {
            if (!(errors[i] <= MAX_LOG_STANDARD_ERROR)) {
                problem = "the likelihood is flat along " + names[i] + " (standard error of log " + names[i] + " "
                        + String.format("%.2g", errors[i]) + "): the data cannot pin it down";
            }
        }
        return new Result(x, value, iterations, problem == null, problem, errors);
    }

    /**
     * Standard errors of the log-parameters from the inverse of the observed information: the Hessian of the
     * mean negative log-likelihood (central differences of the analytic gradient) times the customers.
     * Infinite where the Hessian is not positive definite.
     */
    static double[] standardErrors(Objective objective, double[] x, double customers) {
        int n = x.length;
        double[][] hessian = new double[n][n];
        for (int i = 0; i < n; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            double[] gUp = new double[n];
            double[] gDown = new double[n];
            objective.valueAndGradient(up, gUp);
            objective.valueAndGradient(down, gDown);
            for (int j = 0; j < n; j++) {
                hessian[i][j] += (gUp[j] - gDown[j]) / (4 * h);
                hessian[j][i] += (gUp[j] - gDown[j]) / (4 * h);
            }
        }
        // a 4x4 Cholesky by hand: Smile's matrices need a native LAPACK, which a laptop install may not have
        double[][] l = new double[n][n];
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = hessian[i][j] * customers;
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        java.util.Arrays.fill(errors, Double.POSITIVE_INFINITY);
                        return errors;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        // diag of (L L^T)^-1 = column norms of L^-1
        double[][] inverse = new double[n][n];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < n; i++) {
                double sum = i == c ? 1 : 0;
                for (int k = 0; k < i; k++) {
                    sum -= l[i][k] * inverse[k][c];
                }
                inverse[i][c] = sum / l[i][i];
            }
        }
        for (int c = 0; c < n; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += inverse[i][c] * inverse[i][c];
            }
            errors[c] = Math.sqrt(sum);
        }
        return errors;
    }
}
