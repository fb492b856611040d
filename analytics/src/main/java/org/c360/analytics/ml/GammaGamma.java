package org.c360.analytics.ml;

import static smile.math.special.Gamma.digamma;
import static smile.math.special.Gamma.lgamma;

import java.util.LinkedHashMap;
import java.util.Map;

import org.c360.analytics.work.Progress;

/**
 * The Gamma-Gamma model of spend per transaction (Fader and Hardie, "The Gamma-Gamma model of monetary
 * value", 2013): a customer's transaction values are Gamma(p, nu) with nu ~ Gamma(q, v) across customers.
 * Log-likelihood and conditional expected average value as in the Python {@code lifetimes} library. It
 * assumes spend is independent of purchase frequency; {@link LtvResult} reports their correlation.
 */
public record GammaGamma(double p, double q, double v) {

    static final String[] NAMES = {"p", "q", "v"};

    public static Fitted<GammaGamma> fit(SpendData data, Progress progress) {
        long started = System.nanoTime();
        double meanValue = 0;
        double total = data.customers();
        for (int i = 0; i < data.size(); i++) {
            meanValue += data.weight()[i] * data.monetary()[i] / total;
        }
        // start at p = 2, q = 3 with the population mean v p / (q - 1) equal to the observed mean
        double[] start = {Math.log(2), Math.log(3), Math.log(Math.max(meanValue, 1e-6))};
        MaximumLikelihood.Result result = MaximumLikelihood.fit(new Likelihood(data), start, NAMES, total, progress);
        double[] t = result.logTheta();
        GammaGamma model = new GammaGamma(Math.exp(t[0]), Math.exp(t[1]), Math.exp(t[2]));
        boolean converged = result.converged();
        String problem = result.problem();
        if (converged && model.q <= 1) {
            converged = false;
            problem = "q = " + String.format("%.3g", model.q) + " <= 1, so spend has no finite mean and no expected value can be given";
        }
        FitReport report = new FitReport("Gamma-Gamma", model.parameters(),
                FitReport.errorsByName(NAMES, result.standardErrors()), -result.meanNegLogLikelihood() * total,
                result.iterations(), converged, problem, total, data.size(), (System.nanoTime() - started) / 1_000_000);
        return new Fitted<>(model, report);
    }

    public Map<String, Double> parameters() {
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("p", p);
        parameters.put("q", q);
        parameters.put("v", v);
        return parameters;
    }

    /** The mean spend per transaction across all customers, v p / (q - 1). */
    public double populationMean() {
        return v * p / (q - 1);
    }

    /** E[M | x, m]: a customer's expected spend per transaction, their mean shrunk toward the population's. */
    public double conditionalExpectedValue(int x, double monetary) {
        if (x == 0) {
            return populationMean();
        }
        double weight = p * x / (p * x + q - 1);
        return (1 - weight) * populationMean() + weight * monetary;
    }

    /**
     * Mean negative log-likelihood and gradient in (log p, log q, log v). Gamma-function terms depend only on
     * the frequency; per customer only log(x m + v) changes with the parameters.
     */
    static final class Likelihood implements MaximumLikelihood.Objective {
        private final SpendData data;
        private final double[] weightOfFrequency;
        private final double total;
        private final double sumWeightLogM;
        private final double sumWeightXLogM;

        Likelihood(SpendData data) {
            this.data = data;
            int max = 0;
            for (int x : data.frequency()) {
                max = Math.max(max, x);
            }
            weightOfFrequency = new double[max + 1];
            double s0 = 0;
            double s1 = 0;
            for (int i = 0; i < data.size(); i++) {
                double w = data.weight()[i];
                weightOfFrequency[data.frequency()[i]] += w;
                double logM = Math.log(data.monetary()[i]);
                s0 += w * logM;
                s1 += w * data.frequency()[i] * logM;
            }
            sumWeightLogM = s0;
            sumWeightXLogM = s1;
            total = data.customers();
        }

        @Override
        public double valueAndGradient(double[] logTheta, double[] gradient) {
            double p = Math.exp(logTheta[0]);
            double q = Math.exp(logTheta[1]);
            double v = Math.exp(logTheta[2]);
            double logV = Math.log(v);
            double lgQ = lgamma(q);
            double psiQ = digamma(q);
            double ll = p * sumWeightXLogM - sumWeightLogM;
            double dp = sumWeightXLogM;
            double dq = 0;
            double dv = 0;
            for (int x = 1; x < weightOfFrequency.length; x++) {
                double w = weightOfFrequency[x];
                if (w == 0) {
                    continue;
                }
                double px = p * x;
                double psiPXQ = digamma(px + q);
                double logX = Math.log(x);
                ll += w * (lgamma(px + q) - lgamma(px) - lgQ + q * logV + px * logX);
                dp += w * x * (psiPXQ - digamma(px) + logX);
                dq += w * (psiPXQ - psiQ + logV);
                dv += w * q / v;
            }
            int[] frequency = data.frequency();
            double[] monetary = data.monetary();
            double[] weight = data.weight();
            for (int i = 0; i < frequency.length; i++) {
                int x = frequency[i];
                double w = weight[i];
                double xmv = x * monetary[i] + v;
                double logXmv = Math.log(xmv);
                double px = p * x;
                ll -= w * (px + q) * logXmv;
                dp -= w * x * logXmv;
                dq -= w * logXmv;
                dv -= w * (px + q) / xmv;
            }
            gradient[0] = -dp * p / total;
            gradient[1] = -dq * q / total;
            gradient[2] = -dv * v / total;
            return -ll / total;
        }
    }
}
