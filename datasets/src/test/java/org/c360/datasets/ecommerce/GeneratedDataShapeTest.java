package org.c360.datasets.ecommerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.c360.analytics.work.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an analyst will find in a generated dataset (scale 0.01: 10,000 customers): the seed model's
 * volumes and shares, referential integrity, and the planted structure (affinities, basket pairs,
 * seasonality, VIP behaviour, churners, sessions). Asserted with SQL over the written files.
 */
class GeneratedDataShapeTest {

    @TempDir
    static Path dir;
    static GeneratedDataset dataset;
    static DatasetFiles data;

    @BeforeAll
    static void generate() throws SQLException {
        dataset = EcommerceGenerator.generate(new GeneratorOptions(0.01, 7, DataFormat.parquet, dir), Progress.none());
        data = DatasetFiles.open(dir, DataFormat.parquet);
    }

    @AfterAll
    static void close() throws SQLException {
        data.close();
    }

    @Test
    void volumesFollowTheScale() throws SQLException {
        assertEquals(10_000, data.count("SELECT count(*) FROM customers"));
        assertEquals(500, data.count("SELECT count(*) FROM products"));
        assertBetween("transactions per customer", data.number("SELECT count(*) / 10000 FROM transactions"), 7.3 * 0.9, 7.3 * 1.1);
        assertBetween("interactions per customer", data.number("SELECT count(*) / 10000 FROM interactions"), 27 * 0.9, 27 * 1.1);
        for (GeneratedTable table : dataset.tables()) {
            assertEquals(data.count("SELECT count(*) FROM " + table.name()), table.rows(), table.name());
        }
    }

    @Test
    void segmentsHaveTheSeedShares() throws SQLException {
        assertShare("VIP", 0.083, 0.01);
        assertShare("Premium", 0.166, 0.015);
        assertShare("Regular", 0.322, 0.02);
        assertShare("Basic", 0.409, 0.02);
        assertShare("New", 0.020, 0.007);
        // New customers are the recent sign-ups, and only they are
        assertEquals(0, data.count("SELECT count(*) FROM customers WHERE (segment = 'New') <> (registration_date >= DATE '2024-12-03')"));
    }

    @Test
    void interactionTypesHaveTheSeedShares() throws SQLException {
        double[] expected = {0.40, 0.25, 0.15, 0.10, 0.10};
        String[] types = {"view", "cart", "wishlist", "review", "share"};
        for (int i = 0; i < types.length; i++) {
            assertBetween(types[i] + " share", data.number("SELECT avg((type = '" + types[i] + "')::INTEGER) FROM interactions"),
                    expected[i] - 0.01, expected[i] + 0.01);
        }
        assertEquals(0, data.count("SELECT count(*) FROM interactions WHERE duration NOT BETWEEN 1 AND 3600 OR duration IS NULL"));
        assertEquals(List.of("desktop", "mobile", "tablet"), data.strings("SELECT DISTINCT device FROM interactions ORDER BY 1"));
    }

    @Test
    void transactionsAreConsistent() throws SQLException {
        assertEquals(List.of("mobile_app", "store", "web"), data.strings("SELECT DISTINCT channel FROM transactions ORDER BY 1"));
        assertEquals(List.of("cancelled", "completed", "pending", "refunded"),
                data.strings("SELECT DISTINCT status FROM transactions ORDER BY 1"));
        assertBetween("completed share", data.number("SELECT avg((status = 'completed')::INTEGER) FROM transactions"), 0.85, 0.95);
        assertEquals(0, data.count("""
                SELECT count(*) FROM transactions t JOIN products p USING (product_id)
                WHERE abs(t.amount - round(p.price * t.quantity, 2)) > 0.001 OR t.quantity NOT BETWEEN 1 AND 4
                   OR t.amount NOT BETWEEN 10 AND 5000"""));
        // ids: 1..n, handed out in time order, and the files are in id order
        assertEquals(0, data.count("""
                SELECT count(*) FROM (SELECT transaction_id, row_number() OVER (ORDER BY "timestamp", transaction_id) AS n
                                      FROM transactions) WHERE transaction_id <> n"""));
        for (String events : List.of("transactions", "interactions")) {
            String id = events.equals("transactions") ? "transaction_id" : "interaction_id";
            assertEquals(0, data.count("SELECT count(*) FROM (SELECT " + id + ", row_number() OVER () AS n FROM " + events
                    + ") WHERE " + id + " <> n"), events + " in file order 1..n");
        }
    }

    @Test
    void everyReferenceResolves() throws SQLException {
        for (String events : List.of("transactions", "interactions")) {
            assertEquals(0, data.count("SELECT count(*) FROM " + events + " e ANTI JOIN customers c USING (customer_id)"), events);
            assertEquals(0, data.count("SELECT count(*) FROM " + events + " e ANTI JOIN products p USING (product_id)"), events);
        }
        assertEquals(10_000, data.count("SELECT count(DISTINCT email) FROM customers"));
    }

    @Test
    void eventsFallInTheWindowAndNeverBeforeRegistration() throws SQLException {
        for (String events : List.of("transactions", "interactions")) {
            assertEquals(0, data.count("SELECT count(*) FROM " + events
                    + " WHERE \"timestamp\" < TIMESTAMP '2024-01-01' OR \"timestamp\" >= TIMESTAMP '2025-02-01'"), events);
            assertEquals(0, data.count("SELECT count(*) FROM " + events
                    + " e JOIN customers c USING (customer_id) WHERE e.\"timestamp\" < c.registration_date"), events);
        }
        assertEquals(0, data.count("SELECT count(*) FROM products WHERE launch_date >= DATE '2024-01-01'"));
    }

    @Test
    void catalogueHasTenCategoriesWithSeveralBrandsAndTheSeedRanges() throws SQLException {
        assertEquals(10, data.count("SELECT count(DISTINCT category) FROM products"));
        assertEquals(6, data.count("SELECT min(n) FROM (SELECT count(DISTINCT brand) AS n FROM products GROUP BY category)"));
        assertEquals(0, data.count("SELECT count(*) FROM products WHERE price NOT BETWEEN 10 AND 5000 OR stock NOT BETWEEN 0 AND 1000"));
    }

    @Test
    void ltvIsTheSumOfCompletedPurchases() throws SQLException {
        assertEquals(0, data.count("""
                SELECT count(*) FROM customers c
                LEFT JOIN (SELECT customer_id, sum(amount) AS total FROM transactions WHERE status = 'completed'
                           GROUP BY customer_id) t USING (customer_id)
                WHERE abs(c.ltv - coalesce(t.total, 0)) > 0.005"""));
    }

    @Test
    void vipsBuyMoreOftenAndPricier() throws SQLException {
        String perSegment = """
                SELECT %s FROM customers c LEFT JOIN transactions t USING (customer_id) WHERE c.segment = '%s'""";
        double vipCount = data.number(perSegment.formatted("count(t.transaction_id) / count(DISTINCT c.customer_id)", "VIP"));
        double basicCount = data.number(perSegment.formatted("count(t.transaction_id) / count(DISTINCT c.customer_id)", "Basic"));
        double vipValue = data.number(perSegment.formatted("avg(t.amount)", "VIP"));
        double basicValue = data.number(perSegment.formatted("avg(t.amount)", "Basic"));
        assertTrue(vipCount > 4 * basicCount, "VIP " + vipCount + " vs Basic " + basicCount + " purchases each");
        assertTrue(vipValue > 3 * basicValue, "VIP $" + vipValue + " vs Basic $" + basicValue + " per purchase");
        // the seed model's Pareto: VIPs (8 %) bring about 40 % of the revenue
        assertBetween("VIP revenue share", data.number("SELECT sum(ltv) FILTER (segment = 'VIP') / sum(ltv) FROM customers"), 0.3, 0.5);
    }

    @Test
    void customersStickToAFavouriteCategoryAndBrand() throws SQLException {
        // the share of a customer's purchases in their top category (brand), against the same with the
        // purchases' categories (brands) shuffled between customers
        String topShare = """
                WITH x AS (SELECT customer_id, %1$s, count(*) AS n FROM %2$s GROUP BY ALL)
                SELECT avg(top) FROM (SELECT max(n) / sum(n) AS top FROM x GROUP BY customer_id HAVING sum(n) >= 8)""";
        String shuffled = """
                (SELECT t.customer_id, s.%1$s
                 FROM (SELECT customer_id, row_number() OVER (ORDER BY transaction_id) AS n FROM transactions) t
                 JOIN (SELECT p.%1$s, row_number() OVER (ORDER BY hash(x.transaction_id)) AS n
                       FROM transactions x JOIN products p USING (product_id)) s USING (n))""";
        for (String attribute : List.of("category", "brand")) {
            double actual = data.number(topShare.formatted(attribute, "transactions JOIN products USING (product_id)"));
            double chance = data.number(topShare.formatted(attribute, shuffled.formatted(attribute)));
            assertTrue(actual > 0.25 && actual > 1.6 * chance, "top " + attribute + " share " + actual + ", by chance " + chance);
        }
        assertTrue(data.number(topShare.formatted("category", "transactions JOIN products USING (product_id)")) > 0.45);
        // browsing follows the same taste: the most viewed category is mostly the most bought one
        double agree = data.number("""
                WITH bought AS (SELECT customer_id, arg_max(category, n) AS cat FROM
                                (SELECT customer_id, category, count(*) AS n FROM transactions JOIN products USING (product_id)
                                 GROUP BY ALL) GROUP BY customer_id),
                     seen AS (SELECT customer_id, arg_max(category, n) AS cat FROM
                              (SELECT customer_id, category, count(*) AS n FROM interactions JOIN products USING (product_id)
                               GROUP BY ALL) GROUP BY customer_id)
                SELECT avg((bought.cat = seen.cat)::INTEGER) FROM bought JOIN seen USING (customer_id)""");
        assertTrue(agree > 0.5, "top bought and top browsed category agree for " + agree);
    }

    @Test
    void complementaryProductsAreBoughtWithinDays() throws SQLException {
        // the same product pairs follow each other within a week far more often than four weeks apart
        double ratio = data.number("""
                WITH pairs AS (
                    SELECT a.product_id AS first, b.product_id AS second,
                           date_diff('second', a."timestamp", b."timestamp") / 86400.0 AS days
                    FROM transactions a JOIN transactions b ON a.customer_id = b.customer_id
                         AND b."timestamp" >= a."timestamp" AND b."timestamp" < a."timestamp" + INTERVAL 35 DAY
                         AND a.product_id <> b.product_id),
                     top AS (SELECT first, second, count(*) FILTER (days < 7) AS near, count(*) FILTER (days >= 28) AS far
                             FROM pairs GROUP BY ALL ORDER BY near DESC, first, second LIMIT 50)
                SELECT sum(near) / greatest(1, sum(far)) FROM top""");
        assertTrue(ratio > 10, "top pairs bought within 7 days vs 28-35 days apart: " + ratio);
    }

    @Test
    void novemberAndDecemberPeak() throws SQLException {
        List<String> top = data.strings("""
                SELECT strftime(date_trunc('month', "timestamp"), '%Y-%m') FROM transactions
                GROUP BY 1 ORDER BY sum(amount) DESC LIMIT 2""");
        assertEquals(List.of("2024-12", "2024-11"), top);
        double decemberVsAverage = data.number("""
                WITH m AS (SELECT date_trunc('month', "timestamp") AS month, sum(amount) AS revenue FROM transactions GROUP BY 1)
                SELECT max(revenue) FILTER (month = DATE '2024-12-01') / avg(revenue) FROM m""");
        assertTrue(decemberVsAverage > 1.4, "December vs average month: " + decemberVsAverage);
    }

    @Test
    void futureChurnersFadeOutAndFallSilentMonthsBeforeTheEnd() throws SQLException {
        String perCustomer = """
                WITH activity AS (SELECT customer_id, "timestamp" FROM transactions
                                  UNION ALL SELECT customer_id, "timestamp" FROM interactions)
                SELECT c.customer_id, c.registration_date,
                       coalesce(max(a."timestamp") < TIMESTAMP '2024-11-02', true) AS silent,
                       count(a."timestamp") FILTER (a."timestamp" < TIMESTAMP '2024-04-01') AS q1,
                       count(a."timestamp") FILTER (a."timestamp" >= TIMESTAMP '2024-04-01'
                                                    AND a."timestamp" < TIMESTAMP '2024-07-01') AS q2
                FROM customers c LEFT JOIN activity a USING (customer_id) GROUP BY ALL""";
        // a sizeable group does nothing in the window's last 90 days...
        double silent = data.number("SELECT avg(silent::INTEGER) FROM (" + perCustomer
                + ") WHERE registration_date < DATE '2024-06-01'");
        assertBetween("share of customers silent for the last 90 days", silent, 0.12, 0.30);
        // ...and their activity was already fading: Q2 against Q1 of 2024, for customers active in Q1
        String decline = "SELECT sum(q2) / sum(q1) FROM (" + perCustomer
                + ") WHERE registration_date < DATE '2024-01-01' AND q1 >= 5 AND silent = %s";
        double silentDecline = data.number(decline.formatted("true"));
        double activeDecline = data.number(decline.formatted("false"));
        assertTrue(silentDecline < 0.5 && activeDecline > 0.8,
                "Q2/Q1 activity: " + silentDecline + " for the silent, " + activeDecline + " for the others");
    }

    @Test
    void sessionsGroupAFewEventsOfOneCustomerOnOneDevice() throws SQLException {
        assertEquals(0, data.count("""
                SELECT count(*) FROM (SELECT session_id FROM interactions GROUP BY session_id
                HAVING count(DISTINCT customer_id) > 1 OR count(DISTINCT device) > 1
                    OR max("timestamp") - min("timestamp") > INTERVAL 15 MINUTE)"""));
        assertBetween("events per session", data.number("SELECT count(*) / count(DISTINCT session_id) FROM interactions"), 2, 4);
    }

    private static void assertShare(String segment, double expected, double tolerance) throws SQLException {
        assertBetween(segment + " share", data.number("SELECT avg((segment = '" + segment + "')::INTEGER) FROM customers"),
                expected - tolerance, expected + tolerance);
    }

    private static void assertBetween(String what, double actual, double low, double high) {
        assertTrue(actual >= low && actual <= high, what + " = " + actual + ", expected between " + low + " and " + high);
    }
}
