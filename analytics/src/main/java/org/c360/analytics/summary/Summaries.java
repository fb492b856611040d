package org.c360.analytics.summary;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Sales per customer and product, and per customer and the product's category or brand (only products in the
     * catalogue, as the analyses join them): one row per buyer of a group, so counting buyers is counting rows
     * instead of an exact distinct count over every transaction (1.1-1.5 s to a few hundred ms at full scale).
     */
    public static final Summary CUSTOMER_PRODUCTS = new Summary(PREFIX + "customer_products", """
            SELECT customer_id, product_id,
                   count(*) AS purchases,
                   count(amount) AS amounts,
                   sum(amount) AS revenue
            FROM transactions
            GROUP BY customer_id, product_id""");

    /** See {@link #CUSTOMER_PRODUCTS}. */
    public static final Summary CUSTOMER_CATEGORIES = new Summary(PREFIX + "customer_categories", productGroup("category"));

    /** See {@link #CUSTOMER_PRODUCTS}. */
    public static final Summary CUSTOMER_BRANDS = new Summary(PREFIX + "customer_brands", productGroup("brand"));

    private static String productGroup(String column) {
        return """
                SELECT t.customer_id, p.%1$s,
                       CAST(sum(t.purchases) AS BIGINT) AS purchases,
                       CAST(sum(t.amounts) AS BIGINT) AS amounts,
                       sum(t.revenue) AS revenue
                FROM c360_summary_customer_products t
                JOIN products p ON p.product_id = t.product_id
                GROUP BY t.customer_id, p.%1$s""".formatted(column);
    }

    /**
     * Interactions per customer, one column per interaction type the engagement score weighs: the score then reads
     * one row per customer instead of grouping the per-type rows again (0.45 s to 0.13 s at full scale).
     */
    public static final Summary CUSTOMER_ENGAGEMENT = new Summary(PREFIX + "customer_engagement", """
            SELECT customer_id,
                   CAST(sum(interactions) AS BIGINT) AS interactions,
                   CAST(coalesce(sum(interactions) FILTER (WHERE type = 'view'), 0) AS BIGINT) AS views,
                   CAST(coalesce(sum(interactions) FILTER (WHERE type = 'cart'), 0) AS BIGINT) AS cart_adds,
                   CAST(coalesce(sum(interactions) FILTER (WHERE type = 'wishlist'), 0) AS BIGINT) AS wishlist_adds,
                   CAST(coalesce(sum(interactions) FILTER (WHERE type = 'review'), 0) AS BIGINT) AS reviews,
                   CAST(coalesce(sum(interactions) FILTER (WHERE type = 'share'), 0) AS BIGINT) AS shares,
                   CAST(sum(duration_sum) AS BIGINT) AS duration_sum,
                   CAST(sum(duration_count) AS BIGINT) AS duration_count
            FROM c360_summary_customer_interactions
            GROUP BY customer_id""");

    /**
     * Purchases and revenue per customer and month (a guest checkout's customer is null), with the customer's first
     * month (their cohort), so cohort retention needs no window over every row.
     */
    public static final Summary CUSTOMER_MONTHS = new Summary(PREFIX + "customer_months", """
            SELECT *, min(month) OVER (PARTITION BY customer_id) AS cohort
            FROM (
                SELECT customer_id,
                       date_trunc('month', "timestamp") AS month,
                       count(*) AS purchases,
                       count(amount) AS amounts,
                       sum(amount) AS revenue
                FROM transactions
                WHERE "timestamp" IS NOT NULL
                GROUP BY customer_id, month
            )""");

    /**
     * Purchases per customer, product and day, for pairing purchases made a few days apart (the basket analysis).
     * The customer is a dense integer key whatever the type of its id, so a join can pack it with a day window
     * into one BIGINT; {@code nearest_days} is how many days lie between this row and the customer's nearest other
     * purchase (null if none), so a pairing within N days skips the rows that have no neighbour that close.
     */
    public static final Summary PURCHASE_DAYS = new Summary(PREFIX + "purchase_days", """
            SELECT customer_key, product_id, day, purchases,
                   CAST(least(day - lag(day) OVER near, lead(day) OVER near - day) AS INTEGER) AS nearest_days
            FROM (
                SELECT CAST(dense_rank() OVER (ORDER BY customer_id) AS INTEGER) AS customer_key,
                       product_id, day, CAST(count(*) AS INTEGER) AS purchases
                FROM (
                    SELECT customer_id, product_id,
                           CAST(date_diff('day', DATE '1900-01-01', CAST("timestamp" AS DATE)) AS INTEGER) AS day
                    FROM transactions
                    WHERE customer_id IS NOT NULL AND product_id IS NOT NULL AND "timestamp" IS NOT NULL
                )
                GROUP BY customer_id, product_id, day
            )
            WINDOW near AS (PARTITION BY customer_key ORDER BY day)""");

    /** In build order: a summary read by another comes before it. */
    public static final List<Summary> ALL = List.of(CUSTOMER_SALES, CUSTOMER_PRODUCTS, CUSTOMER_CATEGORIES, CUSTOMER_BRANDS,
            CUSTOMER_INTERACTIONS, CUSTOMER_ENGAGEMENT, CUSTOMER_MONTHS, PURCHASE_DAYS);

    private Summaries() {
    }

    /** The summaries {@code sql} reads, and those they are built from, in build order. */
    public static List<Summary> usedBy(String sql) {
        Set<Summary> needed = new HashSet<>();
        // walking ALL backwards meets every summary after the summaries that read it
        for (Summary summary : ALL.reversed()) {
            if (sql.contains(summary.table()) || needed.stream().anyMatch(n -> n.sql().contains(summary.table()))) {
                needed.add(summary);
            }
        }
        return ALL.stream().filter(needed::contains).toList();
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
