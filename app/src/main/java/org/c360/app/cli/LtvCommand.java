package org.c360.app.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.c360.analytics.ml.FitReport;
import org.c360.analytics.ml.LifetimeValue;
import org.c360.analytics.ml.LtvOptions;
import org.c360.analytics.ml.LtvResult;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code c360 ltv}: historic and predicted lifetime value (BG/NBD + Gamma-Gamma), optionally written to the profiles. */
@Command(name = "ltv", mixinStandardHelpOptions = true,
        description = {"Historic and predicted customer lifetime value: BG/NBD (expected purchases, probability alive)",
                "and Gamma-Gamma (expected spend) fitted by maximum likelihood, checked on a holdout period, and CLV",
                "over a horizon with a monthly discount rate. Purchases come from customer360_events per person when",
                "identities are resolved, else from transactions per customer_id; times are in days."})
public final class LtvCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    static final class Holdout {
        @Option(names = "--calibration-end", paramLabel = "DATE",
                description = "Fit the holdout check on purchases up to this day (yyyy-mm-dd) and predict the rest.")
        LocalDate calibrationEnd;

        @Option(names = "--holdout-days", paramLabel = "N",
                description = "Hold out the last N days of purchases for the check (default 90; 0 skips it).")
        Integer holdoutDays;
    }

    @ArgGroup(exclusive = true)
    Holdout holdout;

    @Option(names = "--horizon-months", paramLabel = "N", defaultValue = "12", description = "CLV horizon in months of 30 days (default 12).")
    int horizonMonths;

    @Option(names = "--discount-rate", paramLabel = "R", defaultValue = "0.01",
            description = "Monthly discount rate for CLV, e.g. 0.01 = 1%% a month (default 0.01).")
    double discountRate;

    @Option(names = "--write", description = "Store the scores (model_runs, scores) and show them in customer360_profiles.")
    boolean write;

    @Option(names = "--timings", description = "Print the time of each step on stderr.")
    boolean timings;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--format': expected table or json, not '" + format + "'");
        }
        LtvOptions options;
        try {
            options = LtvOptions.DEFAULTS.withHorizonMonths(horizonMonths).withDiscountRate(discountRate);
            if (holdout != null && holdout.calibrationEnd != null) {
                options = options.withCalibrationEnd(holdout.calibrationEnd);
            } else if (holdout != null && holdout.holdoutDays != null) {
                options = options.withHoldoutDays(holdout.holdoutDays);
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.open(workspace.path())) {
            LifetimeValue ltv = new LifetimeValue(ws);
            LifetimeValue.Outcome outcome = write ? ltv.fitAndWrite(options, CliProgress.forStderr(spec))
                    : new LifetimeValue.Outcome(ltv.fit(options, CliProgress.forStderr(spec)), null);
            LtvResult result = outcome.result();
            var status = ltv.status();
            if (format.equals("json")) {
                out.println(json(result, outcome.written(), status.orElse(null)));
            } else {
                out.print(result.describe());
                if (result.calibration() != null) {
                    printCalibration(result.calibration(), out);
                }
                if (outcome.written() != null) {
                    LifetimeValue.Written w = outcome.written();
                    out.printf("Wrote model run %d: scores of %,d customers; %,d profiles updated.%n", w.runId(), w.customers(),
                            w.profilesUpdated());
                }
                status.ifPresent(s -> out.println(s.describe()));
            }
            if (timings) {
                var err = spec.commandLine().getErr();
                result.timingsMillis().forEach((step, ms) -> err.printf("%-45s %,8d ms%n", step, ms));
            }
            return result.scorable() ? 0 : C360Command.FAILURE;
        }
    }

    private static void printCalibration(LtvResult.Calibration calibration, PrintWriter out) {
        out.printf("Holdout purchases per customer, by repeat purchases up to %s (%d days held out):%n",
                calibration.end(), calibration.days());
        out.println("  repeat purchases   customers   actual   predicted");
        for (LtvResult.CalibrationPoint p : calibration.points()) {
            out.printf("  %16s %11s %8.3f %11.3f%n", p.frequency() + (p.orMore() ? "+" : ""),
                    String.format("%,d", p.customers()), p.actual(), p.predicted());
        }
    }

    static String json(LtvResult r, LifetimeValue.Written written, LifetimeValue.ScoreStatus status) {
        List<String> fields = new ArrayList<>();
        fields.add(field("source", r.source()));
        fields.add(field("subject", r.subject()));
        fields.add(field("units", LtvResult.UNITS));
        fields.add(field("first_purchase", r.firstPurchase()));
        fields.add(field("observation_end", r.observationEnd()));
        fields.add(field("purchase_days", r.purchaseDays()));
        fields.add(field("orders", r.orders()));
        fields.add(field("customers", r.counts().customers()));
        fields.add(field("repeat_customers", r.counts().repeatCustomers()));
        fields.add(field("distinct_tuples", r.counts().distinctTuples()));
        fields.add(field("horizon_months", r.options().horizonMonths()));
        fields.add(field("monthly_discount_rate", r.options().monthlyDiscountRate()));
        fields.add("\"bgnbd\": " + fit(r.bgNbd().report()));
        fields.add("\"gamma_gamma\": " + fit(r.gammaGamma().report()));
        fields.add(field("spend_frequency_correlation", r.spendFrequencyCorrelation()));
        LtvResult.Historic h = r.historic();
        fields.add("\"historic\": {" + String.join(", ", field("customers", h.customers()), field("total", h.total()),
                field("mean", h.mean()), field("median", h.median()), field("p90", h.p90()),
                field("top_decile_share", h.topDecileShare())) + "}");
        if (r.calibration() != null) {
            List<String> points = new ArrayList<>();
            for (LtvResult.CalibrationPoint p : r.calibration().points()) {
                points.add("{" + String.join(", ", field("frequency", p.frequency()), field("or_more", p.orMore()),
                        field("customers", p.customers()), field("actual", p.actual()), field("predicted", p.predicted())) + "}");
            }
            fields.add("\"calibration\": {" + String.join(", ", field("end", r.calibration().end()),
                    field("holdout_days", r.calibration().days()), "\"bgnbd\": " + fit(r.calibration().bgNbd()),
                    "\"points\": [" + String.join(", ", points) + "]") + "}");
        }
        if (r.clv() != null) {
            LtvResult.Clv c = r.clv();
            fields.add("\"clv\": {" + String.join(", ", field("customers", c.customers()), field("total", c.total()),
                    field("mean", c.mean()), field("median", c.median()), field("p90", c.p90()), field("p99", c.p99()),
                    field("max", c.max()), field("mean_p_alive", c.meanPAlive()), field("expected_purchases", c.expectedPurchases()),
                    field("bin_width", c.binWidth()), "\"bins\": " + java.util.Arrays.toString(c.bins())) + "}");
        }
        if (written != null) {
            fields.add("\"written\": {" + String.join(", ", field("run_id", written.runId()), field("customers", written.customers()),
                    field("profiles_updated", written.profilesUpdated())) + "}");
        }
        if (status != null) {
            fields.add("\"scores\": {" + String.join(", ", field("run_id", status.runId()), field("stale", status.stale()),
                    field("reason", status.reason())) + "}");
        }
        List<String> timings = new ArrayList<>();
        r.timingsMillis().forEach((step, ms) -> timings.add(field(step, ms)));
        fields.add("\"timings_ms\": {" + String.join(", ", timings) + "}");
        return "{" + String.join(", ", fields) + "}";
    }

    private static String fit(FitReport f) {
        List<String> params = new ArrayList<>();
        for (Map.Entry<String, Double> e : f.parameters().entrySet()) {
            params.add(field(e.getKey(), e.getValue()));
        }
        List<String> errors = new ArrayList<>();
        f.standardErrors().forEach((k, v) -> errors.add(field(k, v)));
        return "{" + String.join(", ", "\"parameters\": {" + String.join(", ", params) + "}",
                "\"relative_standard_errors\": {" + String.join(", ", errors) + "}", field("log_likelihood", f.logLikelihood()),
                field("iterations", f.iterations()), field("converged", f.converged()), field("problem", f.problem()),
                field("customers", f.customers()), field("rows", f.rows()), field("millis", f.millis())) + "}";
    }

    private static String field(String name, Object value) {
        Object v = value instanceof LocalDate d ? d.toString() : value;
        return Json.string(name) + ": " + Json.value(v);
    }

}
