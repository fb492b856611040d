package org.c360.analytics.ml;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Historic and predicted customer lifetime value for a workspace: per customer frequency, recency, T and
 * monetary value from the resolved purchase events (per person) or, before resolution, from the
 * transactions (per customer_id); BG/NBD and Gamma-Gamma fitted on them, checked on a holdout period, and
 * CLV over a horizon with discounting. {@link #write} stores the scores as a model run ({@code model_runs},
 * {@code scores}) and shows them in {@code customer360_profiles}, which picks them up again on every
 * re-resolve through the {@code latest_ltv_scores} view.
 */
public final class LifetimeValue {

    /** Fewer repeat customers than this and BG/NBD's dropout and rate parameters are guesses. */
    public static final int MIN_REPEAT_CUSTOMERS = 30;
    /** Calibration frequencies at or above this are one group in the holdout plot. */
    public static final int CALIBRATION_CAP = 10;
    static final int CLV_BINS = 25;

    private final Workspace workspace;

    public LifetimeValue(Workspace workspace) {
        this.workspace = workspace;
    }

    /** What a write stored. */
    public record Written(long runId, long customers, long profilesUpdated, long millis) {
    }

    /** The latest written scores and whether they still describe the workspace. */
    public record ScoreStatus(long runId, LocalDateTime fittedAt, String subject, String source, long customers,
                              long profilesScored, long profiles, boolean stale, String reason) {
        public String describe() {
            String base = String.format("Scores of model run %d (%s, per %s, from %s): %,d customers",
                    runId, fittedAt.withNano(0), subject, source, customers);
            if (profiles > 0) {
                base += String.format(", %,d of %,d profiles scored", profilesScored, profiles);
            }
            return base + (stale ? ". STALE: " + reason : ".");
        }
    }

    /** Fits and evaluates; nothing is written. */
    public LtvResult fit(LtvOptions options, Progress progress) {
        return run(options, progress, false).result;
    }

    /** Fits and, if both models converged, writes the scores in the same pass. */
    public Outcome fitAndWrite(LtvOptions options, Progress progress) {
        return run(options, progress, true);
    }

    /** A run's result and what it wrote (null when nothing was written). */
    public record Outcome(LtvResult result, Written written) {
    }

    /** Writes the scores of an earlier fit (recomputing each customer's summary with its models). */
    public Written write(LtvResult result, Progress progress) {
        requireScorable(result);
        try (Connection connection = workspace.connect()) {
            long start = System.nanoTime();
            Source source = purchaseDays(connection, progress);
            execute(connection, progress, LtvSql.customers(result.observationEnd()));
            predict(connection, result.bgNbd().model(), result.options(), null, progress.slice(0.2, 0.7));
            execute(connection, progress, LtvSql.scores(result.gammaGamma().model()));
            return store(connection, result, source, progress, start);
        } catch (SQLException e) {
            throw failure(e, progress);
        }
    }

    /** The latest written scores, if any, and whether re-resolving or new transactions made them stale. */
    public Optional<ScoreStatus> status() {
        try (Connection connection = workspace.connect()) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(LtvSql.LATEST_RUN)) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long runId = rs.getLong(1);
                LocalDateTime fittedAt = rs.getObject(2, LocalDateTime.class);
                String subject = rs.getString(3);
                String source = rs.getString(4);
                long identityRun = rs.getLong(5);
                long transactions = rs.getLong(6);
                long customers = rs.getLong(7);
                long[] profileCounts = {0, 0};
                long currentRun = 0;
                if (exists(connection, "customer360_profiles")) {
                    try (ResultSet p = statement.executeQuery(LtvSql.PROFILE_SCORE_COUNT)) {
                        p.next();
                        profileCounts = new long[]{p.getLong(1), p.getLong(2)};
                    }
                    currentRun = Statements.scalar(connection, LtvSql.CURRENT_IDENTITY_RUN);
                }
                long currentTransactions = exists(connection, "transactions")
                        ? Statements.scalar(connection, LtvSql.TRANSACTIONS_FINGERPRINT) : 0;
                String reason = null;
                if ("customer360_id".equals(subject) && currentRun != identityRun) {
                    reason = "identities were resolved again since the fit (identity run " + currentRun + ", fitted on run "
                            + identityRun + "); scores were carried over by customer360_id, so new and merged people have none. Fit again.";
                } else if (currentTransactions != transactions) {
                    reason = String.format("the transactions changed since the fit (%,d rows then, %,d now). Fit again.",
                            transactions, currentTransactions);
                } else if ("customer_id".equals(subject) && profileCounts[1] > 0) {
                    reason = "the scores are per customer_id, fitted before identities were resolved; profiles need a fit per person. Fit again.";
                }
                return Optional.of(new ScoreStatus(runId, fittedAt, subject, source, customers, profileCounts[0],
                        profileCounts[1], reason != null, reason));
            }
        } catch (SQLException e) {
            throw failure(e, Progress.none());
        }
    }

    // ---- the run ----

    private record Source(String name, String subject) {
    }

    private Outcome run(LtvOptions options, Progress progress, boolean write) {
        Map<String, Long> timings = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (Connection connection = workspace.connect()) {
            long t = System.nanoTime();
            progress.update(0.02, "Reading purchases");
            Source source = purchaseDays(connection, progress);
            timings.put("purchase days (SQL)", ms(t));
            LocalDate first;
            LocalDate last;
            long purchaseDays;
            long orders;
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(LtvSql.DAY_RANGE)) {
                rs.next();
                purchaseDays = rs.getLong(3);
                if (purchaseDays == 0) {
                    throw new C360Exception("No purchases found in " + source.name()
                            + " (rows with a customer, a timestamp and a status that is not refunded or cancelled); nothing to fit.");
                }
                first = rs.getObject(1, LocalDate.class);
                last = rs.getObject(2, LocalDate.class);
                orders = rs.getLong(5);
            }
            LocalDate calibrationEnd = options.calibrationEnd() != null ? options.calibrationEnd()
                    : options.holdoutDays() > 0 ? last.minusDays(options.holdoutDays()) : null;
            if (calibrationEnd != null && (!calibrationEnd.isBefore(last) || calibrationEnd.isBefore(first))) {
                throw new C360Exception("The calibration end " + calibrationEnd + " must fall within the purchases, from "
                        + first + " to before " + last + (options.calibrationEnd() == null ? " (" + options.holdoutDays()
                        + " holdout days before the last purchase)" : "") + ".");
            }
            LtvResult.Calibration calibration = null;
            if (calibrationEnd != null) {
                t = System.nanoTime();
                progress.update(0.15, "Fitting BG/NBD up to " + calibrationEnd + " for the holdout check");
                execute(connection, progress, LtvSql.customers(calibrationEnd));
                LtvResult.Counts counts = counts(connection, "up to the calibration end " + calibrationEnd, source);
                RepeatData tuples = tuples(connection);
                Fitted<BgNbd> bg = BgNbd.fit(tuples, progress);
                List<LtvResult.CalibrationPoint> points = List.of();
                int holdout = (int) java.time.temporal.ChronoUnit.DAYS.between(calibrationEnd, last);
                if (bg.report().converged()) {
                    progress.update(0.3, "Predicting the holdout");
                    predict(connection, bg.model(), null, holdout, progress.slice(0.3, 0.4));
                    points = calibrationPoints(connection);
                }
                calibration = new LtvResult.Calibration(calibrationEnd, holdout, counts, bg.report(), points);
                timings.put("holdout check (summary, fit, predictions)", ms(t));
            }
            t = System.nanoTime();
            progress.update(0.4, "Summarising customers up to " + last);
            execute(connection, progress, LtvSql.customers(last));
            LtvResult.Counts counts = counts(connection, "", source);
            RepeatData tuples = tuples(connection);
            SpendData spend = spend(connection);
            timings.put("customer summary (SQL, load)", ms(t));
            t = System.nanoTime();
            progress.update(0.5, "Fitting BG/NBD on " + String.format("%,d", counts.customers()) + " customers");
            Fitted<BgNbd> bg = BgNbd.fit(tuples, progress);
            progress.update(0.6, "Fitting Gamma-Gamma on " + String.format("%,d", spend.size()) + " spend rows");
            Fitted<GammaGamma> gg = spend.size() == 0 ? null : GammaGamma.fit(spend, progress);
            if (gg == null) {
                throw new C360Exception("No repeat customer has a positive repeat spend, so the Gamma-Gamma spend model cannot be fitted.");
            }
            timings.put("fit BG/NBD + Gamma-Gamma", ms(t));
            double correlation = scalarDouble(connection, LtvSql.SPEND_FREQUENCY_CORRELATION);
            LtvResult.Historic historic = historic(connection);
            LtvResult.Heatmap heatmap = bg.report().converged() ? heatmap(bg.model(), tuples) : null;
            LtvResult.Clv clv = null;
            if (bg.report().converged() && gg.report().converged()) {
                t = System.nanoTime();
                progress.update(0.7, "Predicting CLV over " + options.horizonMonths() + " months");
                predict(connection, bg.model(), options, null, progress.slice(0.7, 0.9));
                execute(connection, progress, LtvSql.scores(gg.model()));
                clv = clv(connection);
                timings.put("predictions and CLV", ms(t));
            }
            LtvResult result = new LtvResult(source.name(), source.subject(), options, first, last, purchaseDays, orders,
                    counts, calibration, bg, gg, correlation, historic, clv, heatmap, timings);
            Written written = null;
            if (write) {
                requireScorable(result);
                t = System.nanoTime();
                progress.update(0.92, "Writing scores");
                written = store(connection, result, source, progress, t);
                timings.put("write scores", ms(t));
            }
            timings.put("total", ms(started));
            progress.update(1, "Done");
            return new Outcome(result, written);
        } catch (SQLException e) {
            throw failure(e, progress);
        }
    }

    private static void requireScorable(LtvResult result) {
        if (!result.scorable()) {
            FitReport failed = result.bgNbd().report().converged() ? result.gammaGamma().report() : result.bgNbd().report();
            throw new C360Exception("Scores were not written: the " + failed.model() + " fit did not converge ("
                    + failed.problem() + ").");
        }
    }

    private Source purchaseDays(Connection connection, Progress progress) throws SQLException {
        if (Statements.scalar(connection, LtvSql.HAS_RESOLVED_EVENTS) > 0) {
            execute(connection, progress, LtvSql.daysFromEvents());
            if (Statements.scalar(connection, "SELECT count(*) FROM " + LtvSql.DAYS) > 0) {
                return new Source("customer360_events", "customer360_id");
            }
        }
        if (Statements.scalar(connection, LtvSql.HAS_TRANSACTIONS) == 0) {
            throw new C360Exception("This workspace has no transactions: import an orders or transactions file first.");
        }
        Set<String> columns = new HashSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(LtvSql.TRANSACTION_COLUMNS)) {
            while (rs.next()) {
                columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        for (String needed : List.of("customer_id", "timestamp", "amount")) {
            if (!columns.contains(needed)) {
                throw new C360Exception("The transactions have no " + needed + " column mapped; map one in the Mapping tab"
                        + " (or c360 mapping) to compute lifetime value.");
            }
        }
        execute(connection, progress, LtvSql.daysFromTransactions(columns.contains("status")));
        return new Source("transactions", "customer_id");
    }

    private static LtvResult.Counts counts(Connection connection, String when, Source source) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(LtvSql.CUSTOMER_COUNTS)) {
            rs.next();
            long customers = rs.getLong(1);
            long repeat = rs.getLong(2);
            if (repeat < MIN_REPEAT_CUSTOMERS) {
                throw new C360Exception(String.format("Only %,d of %,d customers in %s%s bought again after their first purchase;"
                                + " the BG/NBD model needs at least %d repeat customers to fit.", repeat, customers,
                        source.name(), when.isEmpty() ? "" : " " + when, MIN_REPEAT_CUSTOMERS));
            }
            int distinct = (int) Statements.scalar(connection, "SELECT count(*) FROM (" + LtvSql.TUPLES + ")");
            return new LtvResult.Counts(customers, repeat, rs.getLong(3), distinct);
        }
    }

    private static RepeatData tuples(Connection connection) throws SQLException {
        int n = (int) Statements.scalar(connection, "SELECT count(*) FROM (" + LtvSql.TUPLES + ")");
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] w = new double[n];
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(LtvSql.TUPLES)) {
            for (int i = 0; rs.next(); i++) {
                x[i] = rs.getInt(1);
                tx[i] = rs.getInt(2);
                age[i] = rs.getInt(3);
                w[i] = rs.getLong(4);
            }
        }
        return new RepeatData(x, tx, age, w);
    }

    private static SpendData spend(Connection connection) throws SQLException {
        int n = (int) Statements.scalar(connection, "SELECT count(*) FROM (" + LtvSql.SPEND + ")");
        int[] x = new int[n];
        double[] m = new double[n];
        double[] w = new double[n];
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(LtvSql.SPEND)) {
            for (int i = 0; rs.next(); i++) {
                x[i] = rs.getInt(1);
                m[i] = rs.getDouble(2);
                w[i] = rs.getLong(3);
            }
        }
        return new SpendData(x, m, w);
    }

    /**
     * P(alive), expected purchases and discounted purchases for every distinct tuple of the customers table,
     * into the predictions table: over {@code holdoutDays} for the holdout check, or over the CLV horizon.
     */
    private static void predict(Connection connection, BgNbd model, LtvOptions horizon, Integer holdoutDays, Progress progress)
            throws SQLException {
        RepeatData tuples = tuples(connection);
        int n = tuples.size();
        double[] alive = new double[n];
        double[] expected = new double[n];
        double[] discounted = new double[n];
        int months = horizon == null ? 0 : horizon.horizonMonths();
        IntStream.range(0, n).parallel().forEach(i -> {
            if (i % 4096 == 0) {
                progress.throwIfCancelled();
            }
            int x = tuples.frequency()[i];
            double tx = tuples.recency()[i];
            double age = tuples.age()[i];
            alive[i] = model.probabilityAlive(x, tx, age);
            if (horizon == null) {
                expected[i] = model.conditionalExpectedPurchases(holdoutDays, x, tx, age);
                return;
            }
            // lifetimes' customer_lifetime_value: each month's expected purchases, discounted to today
            double previous = 0;
            double sum = 0;
            for (int month = 1; month <= months; month++) {
                double cumulative = model.conditionalExpectedPurchases(month * LtvOptions.DAYS_PER_MONTH, x, tx, age);
                sum += (cumulative - previous) / Math.pow(1 + horizon.monthlyDiscountRate(), month);
                previous = cumulative;
            }
            expected[i] = previous;
            discounted[i] = sum;
        });
        progress.update(0.8, "Storing predictions");
        execute(connection, progress, LtvSql.createPredictions());
        try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", LtvSql.PREDICTIONS)) {
            for (int i = 0; i < n; i++) {
                appender.beginRow();
                appender.append(tuples.frequency()[i]);
                appender.append((int) tuples.recency()[i]);
                appender.append((int) tuples.age()[i]);
                appender.append(alive[i]);
                appender.append(expected[i]);
                appender.append(discounted[i]);
                appender.endRow();
            }
        }
    }

    private static List<LtvResult.CalibrationPoint> calibrationPoints(Connection connection) throws SQLException {
        List<LtvResult.CalibrationPoint> points = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(LtvSql.calibrationPlot(CALIBRATION_CAP))) {
            while (rs.next()) {
                points.add(new LtvResult.CalibrationPoint(rs.getInt(1), rs.getInt(1) == CALIBRATION_CAP, rs.getLong(2),
                        rs.getDouble(3), rs.getDouble(4)));
            }
        }
        return points;
    }

    private static LtvResult.Historic historic(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(LtvSql.HISTORIC_SUMMARY)) {
            rs.next();
            double total = rs.getDouble(2);
            return new LtvResult.Historic(rs.getLong(1), total, rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                    total == 0 ? 0 : rs.getDouble(6) / total);
        }
    }

    private static LtvResult.Clv clv(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(LtvSql.CLV_SUMMARY)) {
            rs.next();
            double p99 = rs.getDouble(6);
            double top = p99 > 0 ? p99 : Math.max(rs.getDouble(7), 1);
            long[] bins = new long[CLV_BINS];
            try (Statement s2 = connection.createStatement(); ResultSet b = s2.executeQuery(LtvSql.clvHistogram(CLV_BINS, top))) {
                while (b.next()) {
                    bins[b.getInt(1)] = b.getLong(2);
                }
            }
            return new LtvResult.Clv(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), p99,
                    rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), top / CLV_BINS, bins);
        }
    }

    /** lifetimes' probability-alive matrix: a customer of the oldest age, by frequency (rows) and recency (columns). */
    static LtvResult.Heatmap heatmap(BgNbd model, RepeatData tuples) {
        int age = 0;
        for (double t : tuples.age()) {
            age = Math.max(age, (int) t);
        }
        int maxFrequency = Math.max(1, Math.min(tuples.maxFrequency(), 40));
        int[] frequencies = IntStream.rangeClosed(0, maxFrequency).toArray();
        int columns = Math.min(age, 40) + 1;
        int[] recencies = new int[columns];
        for (int c = 0; c < columns; c++) {
            recencies[c] = columns == 1 ? 0 : (int) Math.round((double) c * age / (columns - 1));
        }
        double[][] alive = new double[frequencies.length][columns];
        for (int f = 0; f < frequencies.length; f++) {
            for (int c = 0; c < columns; c++) {
                alive[f][c] = model.probabilityAlive(frequencies[f], recencies[c], age);
            }
        }
        return new LtvResult.Heatmap(frequencies, recencies, age, alive);
    }

    private Written store(Connection connection, LtvResult result, Source source, Progress progress, long start)
            throws SQLException {
        boolean profiles = "customer360_id".equals(source.subject()) && exists(connection, "customer360_profiles");
        long identityRun = exists(connection, "identity_runs") ? Statements.scalar(connection,
                "SELECT coalesce(max(run_id), 0) FROM identity_runs WHERE finished_at IS NOT NULL") : 0;
        long transactions = exists(connection, "transactions") ? Statements.scalar(connection, LtvSql.TRANSACTIONS_FINGERPRINT) : 0;
        connection.setAutoCommit(false);
        try {
            long runId = Statements.scalar(connection, LtvSql.NEXT_RUN);
            long customers = Statements.scalar(connection, "SELECT count(*) FROM " + LtvSql.SCORES);
            try (PreparedStatement insert = connection.prepareStatement(LtvSql.INSERT_RUN)) {
                insert.setLong(1, runId);
                insert.setString(2, LtvSql.MODEL);
                insert.setString(3, source.subject());
                insert.setString(4, source.name());
                insert.setLong(5, identityRun);
                insert.setLong(6, transactions);
                insert.setObject(7, result.observationEnd());
                insert.setLong(8, customers);
                insert.setString(9, parametersJson(result));
                insert.setString(10, diagnosticsJson(result));
                insert.executeUpdate();
            }
            Statements.update(connection, progress, LtvSql.deleteOldScores(source.subject(), runId));
            Statements.update(connection, progress, LtvSql.insertScores(runId));
            long updated = profiles ? Statements.update(connection, progress, LtvSql.APPLY_TO_PROFILES) : 0;
            connection.commit();
            return new Written(runId, customers, updated, ms(start));
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static String parametersJson(LtvResult result) {
        StringBuilder sb = new StringBuilder("{");
        append(sb, "bgnbd", result.bgNbd().report().parameters());
        sb.append(", ");
        append(sb, "gamma_gamma", result.gammaGamma().report().parameters());
        return sb.append('}').toString();
    }

    private static void append(StringBuilder sb, String name, Map<String, Double> values) {
        sb.append('"').append(name).append("\": {");
        boolean first = true;
        for (var e : values.entrySet()) {
            sb.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(e.getValue());
            first = false;
        }
        sb.append('}');
    }

    private static String diagnosticsJson(LtvResult result) {
        FitReport bg = result.bgNbd().report();
        FitReport gg = result.gammaGamma().report();
        return String.format(Locale.ROOT, "{\"units\": \"%s\", \"observation_end\": \"%s\", \"horizon_months\": %d,"
                        + " \"monthly_discount_rate\": %s, \"bgnbd_log_likelihood\": %s, \"bgnbd_iterations\": %d,"
                        + " \"gamma_gamma_log_likelihood\": %s, \"gamma_gamma_iterations\": %d}",
                LtvResult.UNITS, result.observationEnd(), result.options().horizonMonths(),
                result.options().monthlyDiscountRate(), bg.logLikelihood(), bg.iterations(), gg.logLikelihood(), gg.iterations());
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT count(*) FROM (SELECT table_name AS n FROM duckdb_tables() WHERE schema_name = 'main'
                                      UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = 'main') WHERE n = ?""")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static double scalarDouble(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            double value = rs.getDouble(1);
            return rs.wasNull() ? Double.NaN : value;
        }
    }

    private static void execute(Connection connection, Progress progress, String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static C360Exception failure(SQLException e, Progress progress) {
        if (progress.isCancelled()) {
            return new CancelledException();
        }
        return new C360Exception("The lifetime-value analysis failed: " + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
    }
}
