package org.c360.analytics.ml;

import java.time.LocalDate;

import org.c360.analytics.sql.Sql;

/**
 * Every SQL statement of the lifetime-value analysis, in one place. Purchases are first reduced to one row
 * per customer and day (several orders on one day are one purchase occasion, as in {@code lifetimes}'
 * summary), then to frequency, recency, T and monetary value per customer, in days.
 */
final class LtvSql {
    static final String DAYS = "c360_ltv_days";
    static final String CUSTOMERS = "c360_ltv_customers";
    static final String PREDICTIONS = "c360_ltv_predictions";
    static final String SCORES = "c360_ltv_scores";
    /** The model name in {@code model_runs}. */
    static final String MODEL = "ltv_bgnbd_gamma_gamma";

    private LtvSql() {
    }

    /** Whether resolved purchase events exist (the profiles are the better source: one row per person). */
    static final String HAS_RESOLVED_EVENTS = """
            SELECT count(*) FROM duckdb_views() WHERE schema_name = 'main' AND view_name = 'customer360_events'
            """;

    static final String HAS_TRANSACTIONS = """
            SELECT count(*) FROM (SELECT table_name AS n FROM duckdb_tables() WHERE schema_name = 'main'
                                  UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = 'main')
            WHERE n = 'transactions'
            """;

    static final String TRANSACTION_COLUMNS = """
            SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'transactions'
            """;

    /** Purchase days from the resolved events: refunds and cancellations are not purchases there already. */
    static String daysFromEvents() {
        return "CREATE OR REPLACE TEMP TABLE " + DAYS + """
                 AS
                SELECT customer360_id AS subject_id, CAST(event_time AS DATE) AS day,
                       coalesce(sum(amount), 0) AS revenue, count(*) AS orders
                FROM customer360_events
                WHERE event_type = 'purchase' AND customer360_id IS NOT NULL AND event_time IS NOT NULL
                GROUP BY ALL""";
    }

    /** Purchase days from the canonical transactions, per customer_id, leaving refunded and cancelled ones out. */
    static String daysFromTransactions(boolean hasStatus) {
        return "CREATE OR REPLACE TEMP TABLE " + DAYS + """
                 AS
                SELECT CAST(customer_id AS VARCHAR) AS subject_id, CAST("timestamp" AS DATE) AS day,
                       coalesce(sum(amount), 0) AS revenue, count(*) AS orders
                FROM transactions
                WHERE customer_id IS NOT NULL AND "timestamp" IS NOT NULL""" + (hasStatus ? """

                  AND lower(coalesce(status, 'completed')) NOT IN ('refunded', 'refund', 'cancelled', 'canceled')""" : "")
                + "\nGROUP BY ALL";
    }

    static final String DAY_RANGE = "SELECT min(day), max(day), count(*), count(DISTINCT subject_id), sum(orders) FROM " + DAYS;

    /**
     * Per customer acquired by {@code end}: repeat purchase days up to {@code end} (frequency), days from the
     * first to the last of them (recency), days from the first to {@code end} (T), the mean revenue of the
     * repeat days (monetary; the first purchase is left out, as the Gamma-Gamma model wants), revenue to
     * date (historic value) and purchase days after {@code end} (the holdout).
     */
    static String customers(LocalDate end) {
        String e = "DATE " + Sql.literal(end.toString());
        return "CREATE OR REPLACE TEMP TABLE " + CUSTOMERS + " AS\n" + """
                SELECT subject_id,
                       CAST(count(*) FILTER (WHERE day <= %1$s) - 1 AS INTEGER) AS frequency,
                       CAST(date_diff('day', min(day), max(day) FILTER (WHERE day <= %1$s)) AS INTEGER) AS recency,
                       CAST(date_diff('day', min(day), %1$s) AS INTEGER) AS t,
                       (sum(revenue) FILTER (WHERE day <= %1$s) - arg_min(revenue, day))
                           / nullif(count(*) FILTER (WHERE day <= %1$s) - 1, 0) AS monetary,
                       sum(revenue) FILTER (WHERE day <= %1$s) AS historic_value,
                       CAST(count(*) FILTER (WHERE day > %1$s) AS INTEGER) AS holdout_frequency
                FROM %2$s GROUP BY subject_id HAVING min(day) <= %1$s""".formatted(e, DAYS);
    }

    static final String CUSTOMER_COUNTS = "SELECT count(*), count(*) FILTER (WHERE frequency > 0),"
            + " count(*) FILTER (WHERE frequency > 0 AND NOT monetary > 0) FROM " + CUSTOMERS;

    /** The distinct (frequency, recency, T) with how many customers share each: what BG/NBD is fitted on. */
    static final String TUPLES = "SELECT frequency, recency, t, count(*) AS customers FROM " + CUSTOMERS
            + " GROUP BY ALL ORDER BY ALL";

    /** Repeat customers' frequency and mean spend, identical pairs counted once: what Gamma-Gamma is fitted on. */
    static final String SPEND = "SELECT frequency, monetary, count(*) FROM " + CUSTOMERS
            + " WHERE frequency > 0 AND monetary > 0 GROUP BY ALL";

    /** Gamma-Gamma assumes spend does not depend on frequency; this is the check lifetimes recommends. */
    static final String SPEND_FREQUENCY_CORRELATION = "SELECT corr(frequency, monetary) FROM " + CUSTOMERS
            + " WHERE frequency > 0 AND monetary > 0";

    static String createPredictions() {
        return "CREATE OR REPLACE TEMP TABLE " + PREDICTIONS + " (frequency INTEGER, recency INTEGER, t INTEGER,"
                + " p_alive DOUBLE, expected_purchases DOUBLE, discounted_purchases DOUBLE)";
    }

    /** Mean holdout purchases, actual and predicted, by calibration frequency (the last group is {@code cap}+). */
    static String calibrationPlot(int cap) {
        return """
                SELECT least(c.frequency, %d) AS frequency, count(*) AS customers,
                       avg(c.holdout_frequency) AS actual, avg(p.expected_purchases) AS predicted
                FROM %s c JOIN %s p USING (frequency, recency, t)
                GROUP BY 1 ORDER BY 1""".formatted(cap, CUSTOMERS, PREDICTIONS);
    }

    /**
     * Each customer's scores: P(alive), expected purchases over the horizon and the discounted CLV, the
     * discounted purchases times the Gamma-Gamma expected spend (the population mean without repeat spend).
     */
    static String scores(GammaGamma spend) {
        return "CREATE OR REPLACE TEMP TABLE " + SCORES + " AS\n" + """
                SELECT c.subject_id, c.frequency, c.recency, c.t, c.monetary, c.historic_value,
                       p.p_alive, p.expected_purchases,
                       p.discounted_purchases * CASE WHEN c.frequency > 0 AND c.monetary > 0
                            THEN (1 - %1$s * c.frequency / (%1$s * c.frequency + %2$s - 1)) * %3$s
                                 + %1$s * c.frequency / (%1$s * c.frequency + %2$s - 1) * c.monetary
                            ELSE %3$s END AS clv
                FROM %4$s c JOIN %5$s p USING (frequency, recency, t)""".formatted(
                number(spend.p()), number(spend.q()), number(spend.populationMean()), CUSTOMERS, PREDICTIONS);
    }

    /** A double as SQL: a bare literal with many digits would be a DECIMAL, and overflow in arithmetic. */
    static String number(double value) {
        return "CAST(" + Double.toString(value) + " AS DOUBLE)";
    }

    static final String CLV_SUMMARY = "SELECT count(*), sum(clv), avg(clv), median(clv), quantile_cont(clv, 0.9),"
            + " quantile_cont(clv, 0.99), max(clv), avg(p_alive), sum(expected_purchases) FROM " + SCORES;

    /** {@code bins} equal bins from 0 to {@code top}, the last also holding everything above. */
    static String clvHistogram(int bins, double top) {
        return """
                SELECT least(CAST(floor(clv / %1$s) AS INTEGER), %2$d) AS bin, count(*) FROM %3$s
                WHERE clv >= 0 GROUP BY 1 ORDER BY 1""".formatted(number(top / bins), bins - 1, SCORES);
    }

    static final String HISTORIC_SUMMARY = "SELECT count(*), sum(historic_value), avg(historic_value),"
            + " median(historic_value), quantile_cont(historic_value, 0.9),"
            + " sum(historic_value) FILTER (WHERE historic_value >= (SELECT quantile_cont(historic_value, 0.9) FROM "
            + CUSTOMERS + ")) FROM " + CUSTOMERS;

    // ---- writing: model_runs, scores, and the profiles that show them ----

    static final String NEXT_RUN = "SELECT nextval('model_run_seq')";

    static final String INSERT_RUN = """
            INSERT INTO model_runs(run_id, model, subject, source, fitted_at, identity_run, transactions, last_purchase_day,
                                   customers, parameters, diagnostics)
            VALUES (?, ?, ?, ?, current_localtimestamp(), ?, ?, ?, ?, ?, ?)""";

    /**
     * Only the latest run's scores per subject are kept (older runs stay listed in model_runs); a fit per
     * customer_id does not take away the per-person scores the profiles read.
     */
    static String deleteOldScores(String subject, long keepRunId) {
        return "DELETE FROM scores WHERE run_id IN (SELECT run_id FROM model_runs WHERE model = '" + MODEL
                + "' AND subject = " + org.c360.analytics.sql.Sql.literal(subject) + " AND run_id <> " + keepRunId + ")";
    }

    static String insertScores(long runId) {
        return "INSERT INTO scores(run_id, subject_id, score, value)\n" + """
                SELECT %d, subject_id, score, value FROM (
                    UNPIVOT (SELECT subject_id, clv AS lifetime_value, p_alive, expected_purchases FROM %s)
                    ON lifetime_value, p_alive, expected_purchases INTO NAME score VALUE value)""".formatted(runId, SCORES);
    }

    /** Puts the latest scores into the profiles (a re-resolve picks them up again through the same view). */
    static final String APPLY_TO_PROFILES = """
            UPDATE customer360_profiles p SET lifetime_value = s.lifetime_value, p_alive = s.p_alive
            FROM (SELECT p.customer360_id, s.lifetime_value, s.p_alive FROM customer360_profiles p
                  LEFT JOIN latest_ltv_scores s USING (customer360_id)) s
            WHERE p.customer360_id = s.customer360_id""";

    static final String CURRENT_IDENTITY_RUN = "SELECT max(run_id) FROM identity_runs WHERE finished_at IS NOT NULL";

    static final String TRANSACTIONS_FINGERPRINT = "SELECT count(*) FROM transactions";

    static final String LATEST_RUN = """
            SELECT run_id, fitted_at, subject, source, identity_run, transactions, customers
            FROM model_runs WHERE model = '%s' ORDER BY run_id DESC LIMIT 1""".formatted(MODEL);

    static final String PROFILE_SCORE_COUNT = "SELECT count(lifetime_value), count(*) FROM customer360_profiles";
}
