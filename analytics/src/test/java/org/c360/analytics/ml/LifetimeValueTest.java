package org.c360.analytics.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.c360.analytics.identity.ResolveOptions;
import org.c360.analytics.identity.Resolver;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifetime-value analysis end to end: orders in a workspace, SQL summary, fits, scores in the profiles. */
class LifetimeValueTest {

    static final BgNbd TRUE_BG = new BgNbd(0.6, 40, 0.8, 2.5);
    static final GammaGamma TRUE_GG = new GammaGamma(5, 4, 60);
    static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 9, 0);

    @TempDir
    Path dir;
    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.create(dir);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    /** An orders export of {@code customers} simulated customers over 400 days (ids 1..n). */
    private Path orders(int customers, long seed) {
        StringBuilder csv = new StringBuilder("order_id,customer_id,amount,timestamp,status\n");
        int id = 0;
        for (Simulation.Purchase p : new Simulation(seed).purchases(customers, TRUE_BG, TRUE_GG, 250, 400)) {
            LocalDateTime at = START.plusSeconds((long) (p.day() * 86_400)).withSecond(1);
            csv.append("O-").append(++id).append(',').append(p.customer() + 1).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", p.amount())).append(',').append(at).append("Z,completed\n");
        }
        // a refunded order is not a purchase
        csv.append("O-R,1,99999,").append(START.plusDays(3).withSecond(1)).append("Z,refunded\n");
        return TestWorkspaces.write(dir, "orders.csv", csv.toString());
    }

    @Test
    void fitsFromTransactionsAndRecoversTheSimulatedParameters() {
        new Importer(workspace).importFiles(List.of(orders(6_000, 11)), Progress.none());
        LtvResult result = new LifetimeValue(workspace).fit(LtvOptions.DEFAULTS, Progress.none());
        System.out.println(result.describe());
        assertEquals("transactions", result.source());
        assertEquals("customer_id", result.subject());
        assertTrue(result.bgNbd().report().converged(), result.bgNbd().report().describe());
        assertTrue(result.gammaGamma().report().converged(), result.gammaGamma().report().describe());
        // whole days and one purchase a day blur the data a little: a wider tolerance than the model test's
        BgNbd fitted = result.bgNbd().model();
        assertEquals(TRUE_BG.r(), fitted.r(), 0.25 * TRUE_BG.r(), "r");
        assertEquals(TRUE_BG.alpha(), fitted.alpha(), 0.25 * TRUE_BG.alpha(), "alpha");
        assertEquals(TRUE_BG.a(), fitted.a(), 0.35 * TRUE_BG.a(), "a");
        assertEquals(TRUE_BG.b(), fitted.b(), 0.35 * TRUE_BG.b(), "b");
        assertEquals(TRUE_GG.populationMean(), result.gammaGamma().model().populationMean(), 0.1 * TRUE_GG.populationMean());
        // the refund is not counted: nobody's historic value includes it
        assertTrue(result.historic().total() < 99_999 * 0.5 + result.orders() * 1_000);
        // the holdout check predicts the purchases in the last 90 days within 15 % overall
        LtvResult.Calibration calibration = result.calibration();
        assertNotNull(calibration);
        assertEquals(90, calibration.days());
        double actual = 0;
        double predicted = 0;
        for (LtvResult.CalibrationPoint point : calibration.points()) {
            actual += point.actual() * point.customers();
            predicted += point.predicted() * point.customers();
        }
        assertEquals(actual, predicted, 0.15 * actual, "holdout purchases, actual vs predicted");
        assertTrue(calibration.points().getLast().orMore() || calibration.points().size() <= LifetimeValue.CALIBRATION_CAP);
        // CLV and the heatmap
        assertNotNull(result.clv());
        assertTrue(result.clv().mean() > 0);
        assertEquals(result.counts().customers(), java.util.Arrays.stream(result.clv().bins()).sum());
        LtvResult.Heatmap heatmap = result.heatmap();
        assertEquals(1.0, heatmap.pAlive()[0][0]);
        int top = heatmap.frequencies().length - 1;
        assertTrue(heatmap.pAlive()[top][0] < heatmap.pAlive()[top][heatmap.recencies().length - 1],
                "a frequent buyer who stopped long ago is less likely alive than one who bought lately");
    }

    @Test
    void discountingLowersClvAndALongerHorizonRaisesIt() {
        new Importer(workspace).importFiles(List.of(orders(1_500, 5)), Progress.none());
        LifetimeValue ltv = new LifetimeValue(workspace);
        LtvOptions base = LtvOptions.DEFAULTS.withHoldoutDays(0);
        double plain = ltv.fit(base.withDiscountRate(0), Progress.none()).clv().total();
        double discounted = ltv.fit(base.withDiscountRate(0.05), Progress.none()).clv().total();
        double longer = ltv.fit(base.withDiscountRate(0).withHorizonMonths(24), Progress.none()).clv().total();
        assertTrue(discounted < plain, discounted + " < " + plain);
        assertTrue(longer > plain, longer + " > " + plain);
    }

    @Test
    void tooFewRepeatCustomersSaysSo() {
        StringBuilder csv = new StringBuilder("order_id,customer_id,amount,timestamp\n");
        for (int i = 1; i <= 200; i++) {
            csv.append("O-").append(i).append(',').append(i).append(",10,").append(START.plusDays(i).withSecond(1)).append("Z\n");
        }
        for (int i = 1; i <= 5; i++) {
            csv.append("R-").append(i).append(',').append(i).append(",12,").append(START.plusDays(300 + i).withSecond(1)).append("Z\n");
        }
        new Importer(workspace).importFiles(List.of(TestWorkspaces.write(dir, "orders.csv", csv.toString())), Progress.none());
        C360Exception e = assertThrows(C360Exception.class,
                () -> new LifetimeValue(workspace).fit(LtvOptions.DEFAULTS.withHoldoutDays(0), Progress.none()));
        assertEquals("Only 5 of 200 customers in transactions bought again after their first purchase; the BG/NBD model"
                + " needs at least 30 repeat customers to fit.", e.getMessage());
    }

    @Test
    void aCalibrationEndOutsideThePurchasesIsNamed() {
        new Importer(workspace).importFiles(List.of(orders(300, 2)), Progress.none());
        C360Exception e = assertThrows(C360Exception.class, () -> new LifetimeValue(workspace)
                .fit(LtvOptions.DEFAULTS.withCalibrationEnd(java.time.LocalDate.of(2030, 1, 1)), Progress.none()));
        assertTrue(e.getMessage().startsWith("The calibration end 2030-01-01 must fall within the purchases, from 2024-01-0"),
                e.getMessage());
    }

    @Test
    void scoresReachTheProfilesAndSurviveAReResolve() {
        StringBuilder crm = new StringBuilder("crm_id,customer_id,first_name,last_name,email\n");
        for (int i = 1; i <= 600; i++) {
            crm.append("CRM-").append(i).append(',').append(i).append(",Ann,Person").append(i).append(",ann").append(i)
                    .append("@example.org\n");
        }
        new Importer(workspace).importFiles(List.of(TestWorkspaces.write(dir, "crm_customers.csv", crm.toString()),
                orders(600, 3)), Progress.none());
        new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
        LifetimeValue ltv = new LifetimeValue(workspace);
        assertTrue(ltv.status().isEmpty());
        LifetimeValue.Outcome outcome = ltv.fitAndWrite(LtvOptions.DEFAULTS.withHoldoutDays(0), Progress.none());
        assertEquals("customer360_events", outcome.result().source());
        assertEquals("customer360_id", outcome.result().subject());
        long people = TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customer360_profiles");
        assertEquals(people, outcome.written().profilesUpdated());
        String scored = "SELECT count(*) FROM customer360_profiles WHERE lifetime_value > 0 AND p_alive BETWEEN 0 AND 1";
        assertEquals(people, TestWorkspaces.scalar(workspace, scored));
        assertEquals(3 * people, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM scores"));
        LifetimeValue.ScoreStatus status = ltv.status().orElseThrow();
        assertFalse(status.stale(), status.describe());
        assertEquals(people, status.profilesScored());

        // resolving again rebuilds the profiles: the scores come back, and the status says they are stale
        new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
        assertEquals(people, TestWorkspaces.scalar(workspace, scored));
        status = ltv.status().orElseThrow();
        assertTrue(status.stale(), status.describe());
        assertTrue(status.reason().startsWith("identities were resolved again since the fit"), status.reason());

        // a new fit replaces the scores (only the latest run's are kept) and is current again
        ltv.write(ltv.fit(LtvOptions.DEFAULTS.withHoldoutDays(0), Progress.none()), Progress.none());
        assertFalse(ltv.status().orElseThrow().stale());
        assertEquals(3 * people, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM scores"));
        assertEquals(2, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM model_runs"));
    }

    @Test
    void cancelStopsTheFit() {
        new Importer(workspace).importFiles(List.of(orders(300, 4)), Progress.none());
        Progress progress = Progress.none();
        progress.cancel();
        assertThrows(org.c360.analytics.work.CancelledException.class,
                () -> new LifetimeValue(workspace).fit(LtvOptions.DEFAULTS, progress));
    }
}
