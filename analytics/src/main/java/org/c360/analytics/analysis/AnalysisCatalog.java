package org.c360.analytics.analysis;

import static org.c360.analytics.entity.Entity.CUSTOMERS;
import static org.c360.analytics.entity.Entity.INTERACTIONS;
import static org.c360.analytics.entity.Entity.PRODUCTS;
import static org.c360.analytics.entity.Entity.TRANSACTIONS;

import java.util.List;
import java.util.Optional;

import org.c360.analytics.work.C360Exception;

/**
 * Every named analysis, with its SQL: the one place the SQL of an analysis is written. The first fifteen
 * follow the seed's fifteen customer-360 queries (seed 001), in DuckDB's dialect and on our canonical columns;
 * each description says where they differ. The rest (RFM, Pareto, KPIs) go beyond the seed.
 *
 * <p>Ties are broken by id wherever a LIMIT or a rank cuts through them, so a result is the same on every run.
 */
public final class AnalysisCatalog {

    private AnalysisCatalog() {
    }

    private static final String NO_SEGMENT = "'(no segment)'";

    public static final Analysis SEGMENT_OVERVIEW = new Analysis("segment-overview", "Customer segmentation overview",
            "Customers",
            "Customers and lifetime value per segment, with each segment's share of customers and of total LTV "
                    + "(the Pareto view: how few customers hold most of the value). Seed query 1; 'lifetime_value' is our 'ltv'.",
            List.of(CUSTOMERS), List.of(), Chart.bar("segment", "total_ltv", "customers", "avg_ltv"), """
            SELECT coalesce(segment, %s) AS segment,
                   count(*) AS customers,
                   100.0 * count(*) / sum(count(*)) OVER () AS customers_pct,
                   avg(ltv) AS avg_ltv,
                   sum(ltv) AS total_ltv,
                   min(ltv) AS min_ltv,
                   max(ltv) AS max_ltv,
                   100.0 * sum(ltv) / sum(sum(ltv)) OVER () AS ltv_pct
            FROM customers
            GROUP BY 1
            ORDER BY total_ltv DESC NULLS LAST, segment
            """.formatted(NO_SEGMENT));

    public static final Analysis TOP_CUSTOMERS = new Analysis("top-customers", "Top customers by lifetime value",
            "Customers",
            "The customers with the highest lifetime value, for a VIP programme or account managers. Seed query 2; "
                    + "customers without an LTV are left out.",
            List.of(CUSTOMERS), List.of(Parameter.integer("limit", "Customers", 20, "How many customers to list.")),
            Chart.bar("name", "ltv"), """
            SELECT customer_id, name, email, segment, ltv, registration_date
            FROM customers
            WHERE ltv IS NOT NULL
            ORDER BY ltv DESC, customer_id
            LIMIT ${limit}
            """);

    public static final Analysis REGISTRATION_TRENDS = new Analysis("registration-trends", "Registration trends",
            "Customers",
            "New customers and their average LTV per registration month and segment: are we acquiring more valuable "
                    + "customers? Seed query 3, ordered by month ascending so the chart reads left to right.",
            List.of(CUSTOMERS), List.of(), Chart.line("month", "segment", "new_customers", "avg_ltv"), """
            SELECT strftime(month, '%Y-%m') AS month, segment, new_customers, avg_ltv
            FROM (
                SELECT date_trunc('month', registration_date) AS month,
                       coalesce(segment, '(no segment)') AS segment,
                       count(*) AS new_customers,
                       avg(ltv) AS avg_ltv
                FROM customers
                WHERE registration_date IS NOT NULL
                GROUP BY ALL
            )
            ORDER BY month, segment
            """);

    public static final Analysis MONTHLY_REVENUE = new Analysis("monthly-revenue", "Transaction volume and revenue by month",
            "Transactions",
            "Transactions, revenue, average transaction value and buying customers per month. Seed query 4 "
                    + "(every status counts, as in the seed), ordered by month ascending; read from the summary per "
                    + "customer and month.",
            List.of(TRANSACTIONS), List.of(), Chart.bar("month", "revenue", "transactions", "customers", "avg_transaction_value"), """
            SELECT strftime(month, '%Y-%m') AS month, transactions, revenue, avg_transaction_value, customers
            FROM (
                -- one summary row per customer and month: counting rows counts distinct customers
                SELECT month,
                       CAST(sum(purchases) AS BIGINT) AS transactions,
                       sum(revenue) AS revenue,
                       sum(revenue) / nullif(sum(amounts), 0) AS avg_transaction_value,
                       count(customer_id) AS customers
                FROM c360_summary_customer_months
                GROUP BY 1
            )
            ORDER BY 1
            """);

    public static final Analysis PURCHASE_BEHAVIOUR = new Analysis("purchase-behaviour", "Customer purchase behaviour",
            "Transactions",
            "The biggest spenders with their purchase count, total, average order value, first and last purchase and "
                    + "the days between them (super-VIPs). Seed query 5, read from the per-customer sales summary (the same "
                    + "sums, kept until the transactions change).",
            List.of(CUSTOMERS, TRANSACTIONS), List.of(Parameter.integer("limit", "Customers", 50, "How many customers to list.")),
            Chart.bar("name", "total_spent", "purchases"), """
            SELECT c.customer_id, c.name, c.segment, s.purchases, s.spent AS total_spent,
                   s.spent / s.purchases AS avg_order_value,
                   s.first_purchase, s.last_purchase,
                   date_diff('day', s.first_purchase, s.last_purchase) AS tenure_days
            FROM c360_summary_customer_sales s
            JOIN customers c ON c.customer_id = s.customer_id
            ORDER BY s.spent DESC, c.customer_id
            LIMIT ${limit}
            """);

    public static final Analysis PRODUCT_PERFORMANCE = new Analysis("product-performance", "Product performance",
            "Products",
            "Products by revenue, with how often and by how many customers they were bought: heroes and workhorses. "
                    + "Seed query 6, read from the summary of sales per customer and product.",
            List.of(PRODUCTS, TRANSACTIONS), List.of(Parameter.integer("limit", "Products", 50, "How many products to list.")),
            Chart.bar("product_name", "revenue", "times_purchased", "unique_buyers"), """
            WITH sales AS (
                -- one summary row per buyer and product: counting rows counts distinct buyers
                SELECT product_id,
                       CAST(sum(purchases) AS BIGINT) AS times_purchased,
                       sum(revenue) AS revenue,
                       count(customer_id) AS unique_buyers,
                       sum(revenue) / nullif(sum(amounts), 0) AS avg_sale_price
                FROM c360_summary_customer_products
                GROUP BY product_id
            )
            SELECT p.product_id, p.name AS product_name, p.category, p.brand,
                   s.times_purchased, s.revenue, s.unique_buyers, s.avg_sale_price
            FROM sales s
            JOIN products p ON p.product_id = s.product_id
            ORDER BY s.revenue DESC, p.product_id
            LIMIT ${limit}
            """);

    public static final Analysis INTERACTION_PATTERNS = new Analysis("interaction-patterns", "Interaction patterns by type",
            "Engagement",
            "How often each kind of interaction happens, by how many customers, and how long it lasts. Seed query 7; "
                    + "our durations are in seconds (the seed's were minutes). Read from the per-customer interaction "
                    + "summary (one row per customer and type).",
            List.of(INTERACTIONS), List.of(), Chart.bar("type", "interactions", "customers", "avg_duration_seconds"), """
            SELECT coalesce(type, '(no type)') AS type,
                   CAST(sum(interactions) AS BIGINT) AS interactions,
                   100.0 * sum(interactions) / sum(sum(interactions)) OVER () AS interactions_pct,
                   count(customer_id) AS customers,
                   sum(duration_sum) / nullif(sum(duration_count), 0) AS avg_duration_seconds
            FROM c360_summary_customer_interactions
            GROUP BY 1
            ORDER BY interactions DESC, type
            """);

    public static final Analysis ENGAGEMENT_SCORE = new Analysis("engagement-score", "Customer engagement score",
            "Engagement",
            "The most engaged customers: interactions per type and a weighted engagement score. Seed query 8 counted "
                    + "'purchase' and 'support' interactions, which our interactions do not have (their types are view, "
                    + "cart, wishlist, review, share); the score weighs each type instead, and the list is ordered by it. Read "
                    + "from the per-customer interaction summary.",
            List.of(CUSTOMERS, INTERACTIONS),
            List.of(Parameter.integer("limit", "Customers", 100, "How many customers to list."),
                    Parameter.integer("view_weight", "Weight of a view", 1, "Points per view."),
                    Parameter.integer("cart_weight", "Weight of a cart add", 3, "Points per cart add."),
                    Parameter.integer("wishlist_weight", "Weight of a wishlist add", 2, "Points per wishlist add."),
                    Parameter.integer("review_weight", "Weight of a review", 4, "Points per review."),
                    Parameter.integer("share_weight", "Weight of a share", 4, "Points per share.")),
            Chart.bar("name", "engagement_score", "interactions"), """
            WITH scored AS (
                SELECT *, views * ${view_weight} + cart_adds * ${cart_weight} + wishlist_adds * ${wishlist_weight}
                          + reviews * ${review_weight} + shares * ${share_weight} AS engagement_score,
                       duration_sum / nullif(duration_count, 0) AS avg_duration_seconds
                FROM c360_summary_customer_engagement
            )
            SELECT c.customer_id, c.name, c.segment, s.engagement_score, s.interactions, s.views, s.cart_adds,
                   s.wishlist_adds, s.reviews, s.shares, s.avg_duration_seconds
            FROM scored s
            JOIN customers c ON c.customer_id = s.customer_id
            ORDER BY s.engagement_score DESC, c.customer_id
            LIMIT ${limit}
            """);

    public static final Analysis CATEGORY_BY_SEGMENT = new Analysis("category-by-segment", "Category performance by segment",
            "Products",
            "Purchases, revenue, buying customers and average order value per customer segment and product category. "
                    + "Seed query 9 (a transaction is one row, so purchases are counted as rows), read from the summary of "
                    + "sales per customer and category.",
            List.of(CUSTOMERS, PRODUCTS, TRANSACTIONS), List.of(),
            Chart.stacked("category", "segment", "revenue", "purchases", "customers"), """
            -- one summary row per buyer and category: counting rows counts distinct buyers
            SELECT coalesce(c.segment, '(no segment)') AS segment,
                   coalesce(s.category, '(no category)') AS category,
                   CAST(sum(s.purchases) AS BIGINT) AS purchases,
                   sum(s.revenue) AS revenue,
                   count(*) AS customers,
                   sum(s.revenue) / nullif(sum(s.amounts), 0) AS avg_order_value
            FROM c360_summary_customer_categories s
            JOIN customers c ON c.customer_id = s.customer_id
            GROUP BY ALL
            ORDER BY segment, revenue DESC, category
            """);

    public static final Analysis BRAND_AFFINITY = new Analysis("brand-affinity", "Brand affinity by segment",
            "Products",
            "Which brands earn the most in each customer segment. Seed query 10 (brands with at least the given number "
                    + "of purchases); it lists the top brands of each segment rather than all of them. Read from the summary of sales "
                    + "per customer and brand.",
            List.of(CUSTOMERS, PRODUCTS, TRANSACTIONS),
            List.of(Parameter.integer("min_purchases", "Minimum purchases", 10, "Leave out brands bought fewer times in a segment."),
                    Parameter.integer("top", "Brands per segment", 10, "How many brands to list per segment.")),
            Chart.bars("brand", "segment", "revenue", "purchases", "customers"), """
            SELECT segment, brand, purchases, revenue, customers, avg_purchase_value
            FROM (
                -- one summary row per buyer and brand: counting rows counts distinct buyers
                SELECT coalesce(c.segment, '(no segment)') AS segment,
                       coalesce(s.brand, '(no brand)') AS brand,
                       CAST(sum(s.purchases) AS BIGINT) AS purchases,
                       sum(s.revenue) AS revenue,
                       count(*) AS customers,
                       sum(s.revenue) / nullif(sum(s.amounts), 0) AS avg_purchase_value
                FROM c360_summary_customer_brands s
                JOIN customers c ON c.customer_id = s.customer_id
                GROUP BY ALL
                HAVING sum(s.purchases) >= ${min_purchases}
            )
            QUALIFY row_number() OVER (PARTITION BY segment ORDER BY revenue DESC, brand) <= ${top}
            ORDER BY segment, revenue DESC, brand
            """);

    public static final Analysis COHORT_RETENTION = new Analysis("cohort-retention", "Monthly cohort retention",
            "Cohorts & LTV",
            "Customers grouped by the month of their first purchase (cohort), and per later month how many of them "
                    + "bought (and what share of the cohort that is) and what they spent. Seed query 11, plus retention "
                    + "and revenue per customer; drawn as a heatmap of cohort by months since the first purchase. It reads "
                    + "the summary per customer and month, which gives the same figures faster.",
            List.of(TRANSACTIONS), List.of(),
            Chart.heatmap("months_since_first", "cohort_month", "retention_pct", "active_customers", "revenue",
                    "revenue_per_customer"), """
            WITH cohorts AS (
                -- the summary per customer and month carries each customer's first month
                SELECT customer_id, month, revenue, cohort FROM c360_summary_customer_months
            )
            SELECT strftime(cohort, '%Y-%m') AS cohort_month,
                   strftime(month, '%Y-%m') AS month,
                   date_diff('month', cohort, month) AS months_since_first,
                   count(*) AS active_customers,
                   100.0 * count(*) / first_value(count(*)) OVER (PARTITION BY cohort ORDER BY month) AS retention_pct,
                   sum(revenue) AS revenue,
                   sum(revenue) / count(*) AS revenue_per_customer
            FROM cohorts
            GROUP BY cohort, month
            ORDER BY cohort, month
            """);

    public static final Analysis LTV_QUARTILES = new Analysis("ltv-quartiles", "LTV by segment and quartile",
            "Cohorts & LTV",
            "How concentrated value is within each segment: customers, average, lowest and highest LTV per quartile "
                    + "(1 = lowest). Seed query 12; equal LTVs are split between quartiles by customer id.",
            List.of(CUSTOMERS), List.of(), Chart.bars("segment", "quartile", "avg_ltv", "max_ltv"), """
            SELECT segment, quartile,
                   count(*) AS customers,
                   avg(ltv) AS avg_ltv,
                   min(ltv) AS min_ltv,
                   max(ltv) AS max_ltv
            FROM (
                -- ordered by ltv alone: which of two equal values falls on either side of a quartile's edge
                -- changes no count, sum, min or max, and a one-key sort of 1M rows takes half the time
                SELECT coalesce(segment, '(no segment)') AS segment, ltv,
                       ntile(4) OVER (PARTITION BY coalesce(segment, '(no segment)') ORDER BY ltv) AS quartile
                FROM customers
                WHERE ltv IS NOT NULL
            )
            GROUP BY ALL
            ORDER BY segment, quartile
            """);

    public static final Analysis CROSS_SELL_GAP = new Analysis("cross-sell-gap", "High-value customers who never bought in a category",
            "Cross-sell",
            "Customers of the chosen segments who never bought in the chosen category, highest LTV first, with how many "
                    + "such customers there are and their total LTV (the opportunity). Seed query 13, with the segments "
                    + "and category as parameters.",
            List.of(CUSTOMERS, PRODUCTS, TRANSACTIONS),
            List.of(Parameter.list("segments", "Segments", "VIP, Premium", "Customer segments to look at (comma-separated)."),
                    Parameter.text("category", "Category", "Electronics", "The category they never bought in."),
                    Parameter.integer("limit", "Customers", 100, "How many customers to list.")),
            Chart.none(), """
            WITH buyers AS (
                SELECT DISTINCT t.customer_id
                FROM transactions t
                JOIN products p ON p.product_id = t.product_id
                WHERE p.category = ${category}
            )
            SELECT c.customer_id, c.name, c.segment, c.ltv,
                   ${category} AS recommended_category,
                   count(*) OVER () AS customers_in_gap,
                   sum(c.ltv) OVER () AS ltv_in_gap
            FROM customers c
            WHERE list_contains(${segments}, c.segment)
              AND c.customer_id NOT IN (SELECT customer_id FROM buyers WHERE customer_id IS NOT NULL)
            ORDER BY c.ltv DESC NULLS LAST, c.customer_id
            LIMIT ${limit}
            """);

    public static final Analysis BASKET = new Analysis("basket", "Product basket analysis",
            "Cross-sell",
            "Pairs of products the same customer bought within a few days of each other (7 by default), for bundles. "
                    + "Seed query 14, counted per product pair (by id, not by name). Instead of pairing all of a customer's "
                    + "transactions, the days are cut into windows of that many days and each purchase is only paired "
                    + "with those in its own and the next window, which finds the same pairs. It reads the summary of "
                    + "purchases per customer, product and day, and skips the purchases with no other purchase that close; "
                    + "a first count among the most paired products sets a bar that products must reach to be counted.",
            List.of(PRODUCTS, TRANSACTIONS),
            List.of(Parameter.integer("window_days", "Within days", 7, "Most days between the two purchases."),
                    Parameter.integer("min_count", "Minimum times", 5, "Leave out pairs bought together fewer times."),
                    Parameter.integer("limit", "Pairs", 50, "How many pairs to list.")),
            Chart.bar("pair", "times_bought_together"), """
            WITH windowed AS (
                -- purchases (per customer, product and day) with another purchase of that customer close enough,
                -- keyed by customer and window of days packed into one number
                SELECT (CAST(customer_key AS BIGINT) << 24) + day // greatest(${window_days}, 1) AS slot,
                       product_id, day, purchases
                FROM c360_summary_purchase_days
                WHERE nearest_days <= ${window_days}
            ), pairs AS MATERIALIZED (
                -- two purchases in the same window: each pair appears both ways, keep one
                SELECT a.product_id AS product_1, b.product_id AS product_2, a.purchases * b.purchases AS times
                FROM windowed a
                JOIN windowed b ON b.slot = a.slot
                WHERE a.product_id < b.product_id AND abs(b.day - a.day) <= ${window_days}
                UNION ALL
                -- in neighbouring windows: each pair appears once, earlier purchase first
                SELECT least(a.product_id, b.product_id), greatest(a.product_id, b.product_id), a.purchases * b.purchases
                FROM windowed a
                JOIN windowed b ON b.slot = a.slot + 1
                WHERE a.product_id <> b.product_id AND b.day - a.day <= ${window_days}
            ), degree AS (
                -- how often each product was bought together with anything: a pair is bought together at most
                -- as often as either of its products
                SELECT product, sum(times) AS together
                FROM (SELECT product_1 AS product, times FROM pairs UNION ALL SELECT product_2, times FROM pairs)
                GROUP BY product
            ), leaders AS (
                SELECT product FROM degree ORDER BY together DESC, product LIMIT 2000
            ), probe AS (
                -- exact counts of the pairs among the 2,000 most paired products
                SELECT sum(times) AS times
                FROM pairs
                WHERE product_1 IN (SELECT product FROM leaders) AND product_2 IN (SELECT product FROM leaders)
                GROUP BY product_1, product_2
                ORDER BY times DESC
                LIMIT ${limit}
            ), bar AS (
                -- when those already hold the number of pairs asked for, every pair listed is bought together at
                -- least as often as the last of them, so only products paired that often need counting
                SELECT greatest(${min_count}, CASE WHEN count(*) = ${limit} THEN min(times) ELSE 0 END) AS times FROM probe
            ), reaching AS (
                SELECT product FROM degree WHERE together >= (SELECT times FROM bar)
            ), counted AS (
                SELECT product_1, product_2, sum(times) AS times_bought_together
                FROM pairs
                WHERE product_1 IN (SELECT product FROM reaching) AND product_2 IN (SELECT product FROM reaching)
                GROUP BY ALL
                HAVING sum(times) >= ${min_count}
                ORDER BY times_bought_together DESC, product_1, product_2
                LIMIT ${limit}
            )
            SELECT p1.name || ' + ' || p2.name AS pair,
                   p1.name AS product_1, p2.name AS product_2, k.times_bought_together,
                   k.product_1 AS product_1_id, k.product_2 AS product_2_id
            FROM counted k
            JOIN products p1 ON p1.product_id = k.product_1
            JOIN products p2 ON p2.product_id = k.product_2
            ORDER BY k.times_bought_together DESC, k.product_1, k.product_2
            """);

    public static final Analysis CHURN_RISK = new Analysis("churn-risk", "Recent activity and churn risk",
            "Retention",
            "Customers by days since their last purchase, longest first, with how many customers are that far gone. "
                    + "Seed query 15 counted days up to today; here they count up to 'as of' (by default the latest "
                    + "transaction), so an older export does not make everyone look lost.",
            List.of(CUSTOMERS, TRANSACTIONS),
            List.of(Parameter.asOf(),
                    Parameter.list("segments", "Segments", "", "Only these segments (comma-separated); blank for all."),
                    Parameter.integer("min_days", "At least days", 0, "Only customers whose last purchase is at least this many days old."),
                    Parameter.integer("limit", "Customers", 100, "How many customers to list.")),
            Chart.none(), """
            WITH recent AS (
                SELECT customer_id,
                       max("timestamp") AS last_purchase,
                       count(*) AS total_purchases,
                       sum(amount) AS total_spent
                FROM transactions
                WHERE "timestamp" <= ${as_of}
                GROUP BY customer_id
            )
            SELECT c.customer_id, c.name, c.segment, r.last_purchase,
                   date_diff('day', r.last_purchase, ${as_of}) AS days_since_last_purchase,
                   r.total_purchases, r.total_spent,
                   count(*) OVER () AS customers_matching
            FROM recent r
            JOIN customers c ON c.customer_id = r.customer_id
            WHERE (${segments} IS NULL OR list_contains(${segments}, c.segment))
              AND date_diff('day', r.last_purchase, ${as_of}) >= ${min_days}
            ORDER BY days_since_last_purchase DESC, c.customer_id
            LIMIT ${limit}
            """);

    /** Recency (days), frequency and monetary value per buying customer, scored 1-5 by quintile (5 best). */
    private static final String RFM_SCORED = """
            WITH buyers AS (
                SELECT customer_id,
                       date_diff('day', max("timestamp"), ${as_of}) AS recency_days,
                       count(*) AS frequency,
                       sum(amount) AS monetary
                FROM transactions
                WHERE "timestamp" <= ${as_of} AND customer_id IS NOT NULL
                GROUP BY customer_id
            ), scored AS (
                SELECT *,
                       ntile(5) OVER (ORDER BY recency_days DESC, customer_id) AS r,
                       ntile(5) OVER (ORDER BY frequency, customer_id) AS f,
                       ntile(5) OVER (ORDER BY monetary, customer_id) AS m
                FROM buyers
            ), rfm AS (
                SELECT *, (f + m + 1) // 2 AS fm, ${rules} AS rfm_segment FROM scored
            )
            """;

    private static final Parameter RFM_RULES = new Parameter("rules", "Segment rules", Parameter.Kind.RFM_RULES,
            RfmRules.DEFAULT, "Named segments over R and FM scores, first match wins: 'Name: R 4-5, FM 4-5; ...'.");

    private static final String RFM_NOTE = " R, F and M are quintiles (5 = most recent, most frequent, highest spend; "
            + "equal values are split by customer id); FM is the mean of F and M rounded up. Customers with no purchase "
            + "up to 'as of' have no score.";

    public static final Analysis RFM_SCORES = new Analysis("rfm-scores", "RFM scores",
            "Retention",
            "Recency, frequency and monetary value of each buying customer, their R, F and M scores and named RFM "
                    + "segment, best first." + RFM_NOTE,
            List.of(CUSTOMERS, TRANSACTIONS),
            List.of(Parameter.asOf(), RFM_RULES, Parameter.integer("limit", "Customers", 1000, "How many customers to list.")),
            Chart.none(), RFM_SCORED + """
            SELECT rfm.customer_id, c.name, c.segment, recency_days, frequency, monetary,
                   r AS r_score, f AS f_score, m AS m_score, fm AS fm_score,
                   concat(r, f, m) AS rfm_cell, rfm_segment
            FROM rfm
            LEFT JOIN customers c ON c.customer_id = rfm.customer_id
            ORDER BY r + f + m DESC, monetary DESC, rfm.customer_id
            LIMIT ${limit}
            """);

    public static final Analysis RFM_SEGMENTS = new Analysis("rfm-segments", "RFM segments",
            "Retention",
            "Buying customers per named RFM segment (champions, loyal, at risk, hibernating, ...), with their share, "
                    + "average recency, frequency and spend and their revenue. The segments are rules over the R and FM "
                    + "scores and can be changed." + RFM_NOTE,
            List.of(TRANSACTIONS), List.of(Parameter.asOf(), RFM_RULES),
            Chart.bar("rfm_segment", "customers", "revenue"), RFM_SCORED + """
            SELECT rfm_segment,
                   count(*) AS customers,
                   100.0 * count(*) / sum(count(*)) OVER () AS customers_pct,
                   avg(recency_days) AS avg_recency_days,
                   avg(frequency) AS avg_frequency,
                   avg(monetary) AS avg_monetary,
                   sum(monetary) AS revenue,
                   100.0 * sum(monetary) / sum(sum(monetary)) OVER () AS revenue_pct
            FROM rfm
            GROUP BY rfm_segment
            ORDER BY revenue DESC, rfm_segment
            """);

    public static final Analysis PARETO = new Analysis("pareto", "Pareto curve of revenue",
            "Cohorts & LTV",
            "Share of revenue made by the top share of buying customers (row 20 says what the best 20 % of "
                    + "customers bring). Customers are ranked by what they spent; one row per percent of customers, from 0.",
            List.of(TRANSACTIONS), List.of(), Chart.line("customers_pct", null, "revenue_pct"), """
            WITH spend AS (
                SELECT customer_id, spent FROM c360_summary_customer_sales
            ), ranked AS (
                SELECT spent,
                       row_number() OVER (ORDER BY spent DESC, customer_id) AS position,
                       count(*) OVER () AS buyers,
                       sum(spent) OVER () AS total,
                       sum(spent) OVER (ORDER BY spent DESC, customer_id ROWS UNBOUNDED PRECEDING) AS running
                FROM spend
            )
            SELECT 0 AS customers_pct, 0 AS customers, 0.0 AS revenue_pct
            UNION ALL
            SELECT CAST(ceil(100.0 * position / buyers) AS INTEGER),
                   max(position),
                   100.0 * max_by(running, position) / any_value(total)
            FROM ranked
            GROUP BY 1
            ORDER BY 1
            """);

    public static final Analysis KPI_OVERVIEW = new Analysis("kpi-overview", "KPI overview",
            "Overview",
            "Customers, new customers, revenue, orders, average order value, active customers and repeat rate for the "
                    + "last period up to 'as of', against the period before it. Active customers bought in the period; "
                    + "the repeat rate is the share of them who bought at least twice in it. Customers with no "
                    + "registration date count as registered from the start.",
            List.of(CUSTOMERS, TRANSACTIONS),
            List.of(Parameter.asOf(), Parameter.integer("period_days", "Period (days)", 30, "Length of each period compared.")),
            Chart.kpi(), """
            WITH bounds AS (
                SELECT ${as_of} AS current_end,
                       ${as_of} - to_days(${period_days}) AS current_start,
                       ${as_of} - to_days(2 * ${period_days}) AS previous_start
            ), sales AS (
                SELECT CASE WHEN t."timestamp" > b.current_start THEN 'current' ELSE 'previous' END AS period,
                       t.customer_id, count(*) AS orders, sum(t.amount) AS revenue
                FROM transactions t, bounds b
                WHERE t."timestamp" > b.previous_start AND t."timestamp" <= b.current_end
                GROUP BY ALL
            ), figures AS (
                SELECT sum(revenue) FILTER (WHERE period = 'current') AS revenue_c,
                       sum(revenue) FILTER (WHERE period = 'previous') AS revenue_p,
                       sum(orders) FILTER (WHERE period = 'current') AS orders_c,
                       sum(orders) FILTER (WHERE period = 'previous') AS orders_p,
                       count(customer_id) FILTER (WHERE period = 'current') AS active_c,
                       count(customer_id) FILTER (WHERE period = 'previous') AS active_p,
                       count(customer_id) FILTER (WHERE period = 'current' AND orders >= 2) AS repeat_c,
                       count(customer_id) FILTER (WHERE period = 'previous' AND orders >= 2) AS repeat_p
                FROM sales
            ), people AS (
                SELECT count(*) FILTER (WHERE coalesce(registration_date, '-infinity'::TIMESTAMP) <= b.current_end) AS customers_c,
                       count(*) FILTER (WHERE coalesce(registration_date, '-infinity'::TIMESTAMP) <= b.current_start) AS customers_p,
                       count(*) FILTER (WHERE registration_date > b.current_start AND registration_date <= b.current_end) AS new_c,
                       count(*) FILTER (WHERE registration_date > b.previous_start AND registration_date <= b.current_start) AS new_p
                FROM customers, bounds b
            ), kpis AS (
                SELECT 1 AS position, 'Customers' AS kpi, CAST(customers_c AS DOUBLE) AS current, CAST(customers_p AS DOUBLE) AS previous FROM people
                UNION ALL SELECT 2, 'New customers', new_c, new_p FROM people
                UNION ALL SELECT 3, 'Revenue', coalesce(revenue_c, 0), coalesce(revenue_p, 0) FROM figures
                UNION ALL SELECT 4, 'Orders', coalesce(orders_c, 0), coalesce(orders_p, 0) FROM figures
                UNION ALL SELECT 5, 'Average order value', revenue_c / nullif(orders_c, 0), revenue_p / nullif(orders_p, 0) FROM figures
                UNION ALL SELECT 6, 'Active customers', active_c, active_p FROM figures
                UNION ALL SELECT 7, 'Repeat rate %', 100.0 * repeat_c / nullif(active_c, 0), 100.0 * repeat_p / nullif(active_p, 0) FROM figures
            )
            SELECT kpi, current, previous,
                   100.0 * (current - previous) / nullif(abs(previous), 0) AS change_pct,
                   (SELECT current_start FROM bounds) AS period_start,
                   (SELECT current_end FROM bounds) AS period_end
            FROM kpis
            ORDER BY position
            """);

    /** The fifteen analyses of seed 001, in its order. */
    public static final List<Analysis> SEED = List.of(SEGMENT_OVERVIEW, TOP_CUSTOMERS, REGISTRATION_TRENDS,
            MONTHLY_REVENUE, PURCHASE_BEHAVIOUR, PRODUCT_PERFORMANCE, INTERACTION_PATTERNS, ENGAGEMENT_SCORE,
            CATEGORY_BY_SEGMENT, BRAND_AFFINITY, COHORT_RETENTION, LTV_QUARTILES, CROSS_SELL_GAP, BASKET, CHURN_RISK);

    /** Every analysis: the seed's, then RFM, Pareto and KPIs. */
    public static final List<Analysis> ALL;

    static {
        var all = new java.util.ArrayList<>(SEED);
        all.addAll(List.of(RFM_SCORES, RFM_SEGMENTS, PARETO, KPI_OVERVIEW));
        ALL = List.copyOf(all);
    }

    public static Optional<Analysis> find(String name) {
        return ALL.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The analysis of that name, or an error listing the names there are. */
    public static Analysis get(String name) {
        return find(name).orElseThrow(() -> new C360Exception("There is no analysis named '" + name + "'; there are: "
                + String.join(", ", ALL.stream().map(Analysis::name).toList()) + "."));
    }
}
