package org.c360.analytics.summary;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;

/**
 * Per-customer summaries that several analyses read instead of scanning every transaction or interaction
 * again: at full scale summing 27 million interactions per customer and type takes seconds, reading the
 * summary a few hundred milliseconds.
 *
 * <p>They are never stale: built on first use from the canonical tables, and dropped whenever those may have
 * changed (every rebuild of a mapping or import, and every statement run in the SQL console or by
 * {@code c360 sql} that is not a query). The next analysis that needs one builds it again.
 */
public final class Summaries {

    /** Tables whose name starts with this are summaries (and system tables in the catalog). */
    public static final String PREFIX = "c360_summary_";

    /** One summary table and the SQL that fills it. */
    public record Summary(String table, String sql) {
    }

    /** Purchases, spend, and first and last purchase per customer. */
    public static final Summary CUSTOMER_SALES = new Summary(PREFIX + "customer_sales", """
            SELECT customer_id,
                   count(*) AS purchases,
                   sum(amount) AS spent,
                   min("timestamp") AS first_purchase,
                   max("timestamp") AS last_purchase
            FROM transactions
            WHERE customer_id IS NOT NULL
            GROUP BY customer_id""");

    /** Interactions and their durations per customer and type. */
    public static final Summary CUSTOMER_INTERACTIONS = new Summary(PREFIX + "customer_interactions", """
            SELECT customer_id, type,
                   count(*) AS interactions,
                   -- BIGINT, not sum's HUGEINT: summing HUGEINTs again is 100 times slower
                   CAST(sum(duration) AS BIGINT) AS duration_sum,
                   count(duration) AS duration_count
            FROM interactions
            GROUP BY customer_id, type""");

    /** Purchases and revenue per customer and month (a guest checkout's customer is null). */
    public static final Summary CUSTOMER_MONTHS = new Summary(PREFIX + "customer_months", """
            SELECT customer_id,
                   date_trunc('month', "timestamp") AS month,
                   count(*) AS purchases,
                   count(amount) AS amounts,
                   sum(amount) AS revenue
            FROM transactions
            WHERE "timestamp" IS NOT NULL
            GROUP BY customer_id, month""");

    public static final List<Summary> ALL = List.of(CUSTOMER_SALES, CUSTOMER_INTERACTIONS, CUSTOMER_MONTHS);

    private Summaries() {
    }

    /** The summaries {@code sql} reads. */
    public static List<Summary> usedBy(String sql) {
        return ALL.stream().filter(s -> sql.contains(s.table())).toList();
    }

    /**
     * Builds each of {@code summaries} that does not exist yet (one builder at a time per workspace).
     *
     * @return how many it built
     */
    public static int ensure(Object lock, Connection connection, List<Summary> summaries, Progress progress) throws SQLException {
        int built = 0;
        synchronized (lock) {
            for (Summary summary : summaries) {
                // the table's comment holds the SQL it was built by, so a summary whose definition changed is rebuilt
                String version = "c360 summary " + Integer.toHexString(summary.sql().hashCode());
                if (Statements.scalar(connection, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = "
                        + Sql.literal(summary.table()) + " AND comment = " + Sql.literal(version)) == 0) {
                    progress.update(-1, "Summarising " + summary.table().substring(PREFIX.length()).replace('_', ' '));
                    Statements.execute(connection, progress, "DROP TABLE IF EXISTS " + Sql.ident(summary.table()));
                    Statements.execute(connection, progress, "CREATE TABLE " + Sql.ident(summary.table()) + " AS " + summary.sql());
                    Statements.execute(connection, progress, "COMMENT ON TABLE " + Sql.ident(summary.table()) + " IS " + Sql.literal(version));
                    built++;
                }
            }
        }
        return built;
    }

    /**
     * {@code sql} with the summaries it reads computed inline (as CTEs of the same names), so it runs on its own in
     * the SQL console, even after the summaries were dropped.
     */
    public static String standalone(String sql) {
        List<Summary> used = usedBy(sql);
        if (used.isEmpty()) {
            return sql;
        }
        String ctes = String.join(",\n", used.stream()
                .map(s -> s.table() + " AS (\n    " + s.sql().replace("\n", "\n    ") + "\n)").toList());
        String head = "-- the per-customer summaries this analysis reads, computed here\nWITH " + ctes;
        return sql.startsWith("WITH ") ? head + ",\n" + sql.substring("WITH ".length()) : head + "\n" + sql;
    }

    /** Drops every summary: call whenever the canonical tables may have changed. */
    public static void invalidate(Connection connection) throws SQLException {
        for (Summary summary : ALL) {
            Statements.execute(connection, Progress.none(), "DROP TABLE IF EXISTS " + Sql.ident(summary.table()));
        }
    }
}
