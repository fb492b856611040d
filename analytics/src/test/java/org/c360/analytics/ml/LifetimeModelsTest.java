package org.c360.analytics.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.c360.analytics.work.Progress;
import org.junit.jupiter.api.Test;

/** The BG/NBD and Gamma-Gamma fits recover the parameters customers were simulated from. */
class LifetimeModelsTest {

    /** Relative tolerance of a recovered parameter: about three standard errors at 40,000 customers. */
    static final double TOLERANCE = 0.15;

    static final BgNbd TRUE_BG = new BgNbd(0.5, 30, 0.9, 3.0);
    static final GammaGamma TRUE_GG = new GammaGamma(6, 4, 15);

    @Test
    void bgNbdRecoversSimulatedParameters() {
        List<Simulation.Customer> customers = new Simulation(42).customers(40_000, TRUE_BG, TRUE_GG, 60, 365, 0);
        Fitted<BgNbd> fit = BgNbd.fit(Simulation.repeatData(customers), Progress.none());
        System.out.println(fit.report().describe());
        assertTrue(fit.report().converged(), fit.report().describe());
        assertClose(TRUE_BG.r(), fit.model().r(), "r");
        assertClose(TRUE_BG.alpha(), fit.model().alpha(), "alpha");
        assertClose(TRUE_BG.a(), fit.model().a(), "a");
        assertClose(TRUE_BG.b(), fit.model().b(), "b");
        // the optimum: the fitted parameters are at least as likely as the true ones
        RepeatData data = Simulation.repeatData(customers);
        assertTrue(fit.model().logLikelihood(data) >= TRUE_BG.logLikelihood(data) - 1e-6);
    }

    @Test
    void gammaGammaRecoversSimulatedParameters() {
        List<Simulation.Customer> customers = new Simulation(7).customers(40_000, TRUE_BG, TRUE_GG, 60, 365, 0);
        Fitted<GammaGamma> fit = GammaGamma.fit(Simulation.spendData(customers), Progress.none());
        System.out.println(fit.report().describe());
        assertTrue(fit.report().converged(), fit.report().describe());
        // p, q and v are correlated in the likelihood; the population mean v p / (q - 1) is pinned tightly
        assertClose(TRUE_GG.p(), fit.model().p(), "p");
        assertClose(TRUE_GG.q(), fit.model().q(), "q");
        assertClose(TRUE_GG.v(), fit.model().v(), "v");
        assertEquals(TRUE_GG.populationMean(), fit.model().populationMean(), 0.03 * TRUE_GG.populationMean());
    }

    @Test
    void weightedDistinctTuplesGiveTheSameFitAsEveryCustomer() {
        List<Simulation.Customer> customers = new Simulation(3).customers(5_000, TRUE_BG, TRUE_GG, 60, 365, 0).stream()
                .map(c -> new Simulation.Customer(c.frequency(), Math.floor(c.recency()), Math.floor(c.age()), c.monetary(), 0))
                .toList();
        RepeatData every = Simulation.repeatData(customers);
        java.util.Map<List<Double>, Double> counts = new java.util.LinkedHashMap<>();
        for (Simulation.Customer c : customers) {
            counts.merge(List.of((double) c.frequency(), c.recency(), c.age()), 1.0, Double::sum);
        }
        int n = counts.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] w = new double[n];
        int i = 0;
        for (var e : counts.entrySet()) {
            x[i] = e.getKey().get(0).intValue();
            tx[i] = e.getKey().get(1);
            age[i] = e.getKey().get(2);
            w[i++] = e.getValue();
        }
        assertTrue(n < customers.size());
        Fitted<BgNbd> a = BgNbd.fit(every, Progress.none());
        Fitted<BgNbd> b = BgNbd.fit(new RepeatData(x, tx, age, w), Progress.none());
        assertEquals(a.report().logLikelihood(), b.report().logLikelihood(), 1e-6 * Math.abs(a.report().logLikelihood()));
        assertEquals(a.model().r(), b.model().r(), 1e-3 * a.model().r());
        assertEquals(a.model().b(), b.model().b(), 1e-3 * a.model().b());
    }

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        List<Simulation.Customer> customers = new Simulation(5).customers(2_000, TRUE_BG, TRUE_GG, 60, 365, 0);
        checkGradient(new BgNbd.Likelihood(Simulation.repeatData(customers)), new double[]{-0.5, 3.1, -0.2, 1.2});
        checkGradient(new GammaGamma.Likelihood(Simulation.spendData(customers)), new double[]{1.5, 1.2, 2.9});
    }

    @Test
    void predictionsMatchThePaper() {
        // Fader, Hardie and Lee (2005), CDNOW (weeks): a customer with x = 2, tx = 30.43, T = 38.86 is
        // expected to make 1.226 purchases in the next 39 weeks
        BgNbd cdnow = new BgNbd(0.243, 4.414, 0.793, 2.426);
        assertEquals(1.226, cdnow.conditionalExpectedPurchases(39, 2, 30.43, 38.86), 0.005);
        // no repeat purchase: alive for sure (the model lets customers die only after a purchase)
        assertEquals(1.0, cdnow.probabilityAlive(0, 0, 38.86));
        assertTrue(cdnow.probabilityAlive(5, 2, 38.86) < cdnow.probabilityAlive(5, 38, 38.86));
        // E[X(t)] by its series agrees with the conditional formula for a brand-new customer
        assertEquals(cdnow.expectedPurchases(52), cdnow.conditionalExpectedPurchases(52, 0, 0, 0), 1e-9);
    }

    @Test
    void aFitThatCannotConvergeSaysSo() {
        // everyone bought exactly once and nobody again: the dropout and rate parameters run off
        int n = 200;
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            age[i] = 10 + i;
            w[i] = 1;
        }
        FitReport report = BgNbd.fit(new RepeatData(x, tx, age, w), Progress.none()).report();
        assertFalse(report.converged(), report.describe());
        assertTrue(report.describe().contains("DID NOT CONVERGE"), report.describe());
    }

    private static void checkGradient(MaximumLikelihood.Objective objective, double[] at) {
        double[] gradient = new double[at.length];
        objective.valueAndGradient(at, gradient);
        for (int i = 0; i < at.length; i++) {
            double h = 1e-6;
            double[] up = at.clone();
            double[] down = at.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (objective.valueAndGradient(up, new double[at.length])
                    - objective.valueAndGradient(down, new double[at.length])) / (2 * h);
            assertEquals(numeric, gradient[i], 1e-5 + 1e-4 * Math.abs(numeric), "gradient component " + i);
        }
    }

    private static void assertClose(double expected, double actual, String name) {
        assertEquals(expected, actual, TOLERANCE * expected, name + " recovered as " + actual + ", simulated " + expected);
    }
}
