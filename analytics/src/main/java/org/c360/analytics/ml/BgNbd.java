package org.c360.analytics.ml;

import static smile.math.special.Gamma.digamma;
import static smile.math.special.Gamma.lgamma;

import java.util.LinkedHashMap;
import java.util.Map;

import org.c360.analytics.work.Progress;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee 2005, "Counting your customers the easy way"):
 * while alive a customer buys at Poisson rate lambda ~ Gamma(r, alpha), and after each purchase drops out with
 * probability p ~ Beta(a, b). Formulas as in the paper and the Python {@code lifetimes} library: the
 * log-likelihood (paper eq. 6), the probability of being alive (appendix), the expected number of purchases
 * in a period of length t (eq. 7) and conditional on a customer's history (eq. 10).
 *
 * <p>Time is in whatever unit the data uses (the workbench uses days); alpha is in that unit.
 */
public record BgNbd(double r, double alpha, double a, double b) {

    static final String[] NAMES = {"r", "alpha", "a", "b"};

    /** Fits by maximum likelihood on the weighted distinct tuples; O(rows) per iteration. */
    public static Fitted<BgNbd> fit(RepeatData data, Progress progress) {
        long started = System.nanoTime();
        double meanAge = 0;
        double meanFrequency = 0;
        double total = data.customers();
        for (int i = 0; i < data.size(); i++) {
            meanAge += data.weight()[i] * data.age()[i] / total;
            meanFrequency += data.weight()[i] * data.frequency()[i] / total;
        }
        // a start with the right order of magnitude: purchase rate r/alpha near the observed one
        double alpha0 = Math.max(1e-3, meanAge / Math.max(meanFrequency, 0.1));
        double[] start = {0, Math.log(alpha0), 0, 0};
        Likelihood likelihood = new Likelihood(data);
        MaximumLikelihood.Result result = MaximumLikelihood.fit(likelihood, start, NAMES, total, progress);
        double[] t = exp(result.logTheta());
        BgNbd model = new BgNbd(t[0], t[1], t[2], t[3]);
        FitReport report = new FitReport("BG/NBD", model.parameters(),
                FitReport.errorsByName(NAMES, result.standardErrors()),
                -result.meanNegLogLikelihood() * total, result.iterations(), result.converged(), result.problem(), total,
                data.size(), (System.nanoTime() - started) / 1_000_000);
        return new Fitted<>(model, report);
    }

    /** The parameters by name, in the paper's order. */
    public Map<String, Double> parameters() {
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("r", r);
        parameters.put("alpha", alpha);
        parameters.put("a", a);
        parameters.put("b", b);
        return parameters;
    }

    /** The total log-likelihood of the data under these parameters. */
    public double logLikelihood(RepeatData data) {
        double[] gradient = new double[4];
        return -new Likelihood(data).valueAndGradient(new double[]{Math.log(r), Math.log(alpha), Math.log(a), Math.log(b)},
                gradient) * data.customers();
    }

    /** P(alive | frequency x, recency tx, age T). */
    public double probabilityAlive(int x, double tx, double age) {
        if (x == 0) {
            return 1.0;
        }
        double logRatio = (r + x) * Math.log((alpha + age) / (alpha + tx)) + Math.log(a / (b + x - 1));
        return 1.0 / (1.0 + Math.exp(logRatio));
    }

    /** E[X(t)]: expected purchases in (0, t] of a customer just acquired at 0 (eq. 7). */
    public double expectedPurchases(double t) {
        double z = t / (alpha + t);
        return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * Hypergeometric.f21(r, b, a + b - 1, z));
    }

    /** E[Y(t) | x, tx, T]: expected purchases in the next t of a customer with this history (eq. 10). */
    public double conditionalExpectedPurchases(double t, int x, double tx, double age) {
        if (t <= 0) {
            return 0;
        }
        double z = t / (alpha + age + t);
        double hyp = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
        double numerator = (a + b + x - 1) / (a - 1) * (1 - hyp * Math.pow((alpha + age) / (alpha + age + t), r + x));
        double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.pow((alpha + age) / (alpha + tx), r + x) : 0);
        return numerator / denominator;
    }

    private static double[] exp(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(x[i]);
        }
        return y;
    }

    /**
     * The mean negative log-likelihood and its analytic gradient in (log r, log alpha, log a, log b). The
     * gamma-function terms depend on the frequency only, so they are computed once per distinct frequency.
     */
    static final class Likelihood implements MaximumLikelihood.Objective {
        private final RepeatData data;
        private final double[] weightOfFrequency;
        private final double total;

        Likelihood(RepeatData data) {
            this.data = data;
            this.weightOfFrequency = new double[data.maxFrequency() + 1];
            for (int i = 0; i < data.size(); i++) {
                weightOfFrequency[data.frequency()[i]] += data.weight()[i];
            }
            this.total = data.customers();
        }

        @Override
        public double valueAndGradient(double[] logTheta, double[] gradient) {
            double r = Math.exp(logTheta[0]);
            double alpha = Math.exp(logTheta[1]);
            double a = Math.exp(logTheta[2]);
            double b = Math.exp(logTheta[3]);
            double ll = 0;
            double dr = 0;
            double dAlpha = 0;
            double da = 0;
            double db = 0;
            // A1 + A2 of the paper: terms of the frequency alone
            double lgR = lgamma(r);
            double psiR = digamma(r);
            double lgAB = lgamma(a + b);
            double psiAB = digamma(a + b);
            double lgB = lgamma(b);
            double psiB = digamma(b);
            double logAlpha = Math.log(alpha);
            for (int x = 0; x < weightOfFrequency.length; x++) {
                double w = weightOfFrequency[x];
                if (w == 0) {
                    continue;
                }
                double psiABX = digamma(a + b + x);
                ll += w * (lgamma(r + x) - lgR + r * logAlpha + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x));
                dr += w * (digamma(r + x) - psiR + logAlpha);
                dAlpha += w * r / alpha;
                da += w * (psiAB - psiABX);
                db += w * (psiAB + digamma(b + x) - psiB - psiABX);
            }
            // log(exp(A3) + [x > 0] exp(A4)): the part that depends on recency and T
            int[] frequency = data.frequency();
            double[] recency = data.recency();
            double[] age = data.age();
            double[] weight = data.weight();
            double logA = Math.log(a);
            for (int i = 0; i < frequency.length; i++) {
                int x = frequency[i];
                double w = weight[i];
                double logAlphaT = Math.log(alpha + age[i]);
                double a3 = -(r + x) * logAlphaT;
                if (x == 0) {
                    ll += w * a3;
                    dr -= w * logAlphaT;
                    dAlpha -= w * (r + x) / (alpha + age[i]);
                    continue;
                }
                double logAlphaTx = Math.log(alpha + recency[i]);
                double a4 = logA - Math.log(b + x - 1) - (r + x) * logAlphaTx;
                double max = Math.max(a3, a4);
                double e3 = Math.exp(a3 - max);
                double e4 = Math.exp(a4 - max);
                double sum = e3 + e4;
                ll += w * (max + Math.log(sum));
                double p3 = e3 / sum;
                double p4 = e4 / sum;
                dr -= w * (p3 * logAlphaT + p4 * logAlphaTx);
                dAlpha -= w * (r + x) * (p3 / (alpha + age[i]) + p4 / (alpha + recency[i]));
                da += w * p4 / a;
                db -= w * p4 / (b + x - 1);
            }
            // the mean negative log-likelihood, its gradient taken in log-parameters (d/dlog t = t d/dt)
            gradient[0] = -dr * r / total;
            gradient[1] = -dAlpha * alpha / total;
            gradient[2] = -da * a / total;
            gradient[3] = -db * b / total;
            return -ll / total;
        }
    }
}
