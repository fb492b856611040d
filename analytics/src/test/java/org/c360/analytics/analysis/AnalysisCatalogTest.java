package org.c360.analytics.analysis;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.c360.analytics.analysis.ShopData.Customer;
import org.c360.analytics.analysis.ShopData.Interaction;
import org.c360.analytics.analysis.ShopData.Sale;
import org.c360.analytics.entity.Entity;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every analysis of the catalog run on a small random shop, its figures checked against the same figures
 * computed in Java from the rows (never by running the same SQL again).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisCatalogTest {

    private static final String NONE = "(no segment)";

    private Workspace workspace;
    private AnalysisRunner runner;
    private final ShopData shop = new ShopData(20261122L);

    @BeforeAll
    void load(@TempDir Path dir) throws Exception {
        workspace = TestWorkspaces.create(dir);
        shop.load(workspace);
        runner = new AnalysisRunner(workspace);
    }

    @AfterAll
    void close() {
        workspace.close();
    }

    private List<Map<String, Object>> run(Analysis analysis, String... params) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            given.put(params[i], params[i + 1]);
        }
        ResultTable table = runner.run(analysis, given, 1_000_000, Progress.none()).table();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object[] row : table.rows()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int c = 0; c < table.columnCount(); c++) {
                map.put(table.columns().get(c), row[c]);
            }
            rows.add(map);
        }
        return rows;
    }

    private static double num(Object value) {
        return ((Number) value).doubleValue();
    }

    private static long whole(Object value) {
        return ((Number) value).longValue();
    }

    private static LocalDateTime time(Object value) {
        return value instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value;
    }

    private static void close(double expected, Object actual, String what) {
        assertNotNull(actual, what);
        assertEquals(expected, num(actual), Math.max(1e-6, Math.abs(expected) * 1e-9), what);
    }

    private static String segment(Customer c) {
        return c.segment() == null ? NONE : c.segment();
    }

    private static double average(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String month(LocalDateTime t) {
        return YearMonth.from(t).toString();
    }

    private List<Sale> salesOfKnownCustomers() {
        return shop.sales.stream().filter(s -> s.customer() <= shop.customers.size()).toList();
    }

    @Test
    void segmentOverview() {
        Map<String, List<Customer>> bySegment = shop.customers.stream().collect(groupingBy(AnalysisCatalogTest::segment));
        double totalLtv = shop.customers.stream().filter(c -> c.ltv() != null).mapToDouble(Customer::ltv).sum();
        List<Map<String, Object>> rows = run(AnalysisCatalog.SEGMENT_OVERVIEW);
        assertEquals(bySegment.size(), rows.size());
        double previous = Double.MAX_VALUE;
        for (Map<String, Object> row : rows) {
            List<Customer> members = bySegment.get((String) row.get("segment"));
            List<Double> ltvs = members.stream().map(Customer::ltv).filter(Objects::nonNull).toList();
            assertEquals(members.size(), whole(row.get("customers")));
            close(100.0 * members.size() / shop.customers.size(), row.get("customers_pct"), "customers_pct");
            close(average(ltvs), row.get("avg_ltv"), "avg_ltv");
            double sum = ltvs.stream().mapToDouble(Double::doubleValue).sum();
            close(sum, row.get("total_ltv"), "total_ltv");
            close(ltvs.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), row.get("min_ltv"), "min");
            close(ltvs.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), row.get("max_ltv"), "max");
            close(100 * sum / totalLtv, row.get("ltv_pct"), "ltv_pct");
            assertTrue(sum <= previous, "ordered by total LTV");
            previous = sum;
        }
    }

    @Test
    void topCustomersAreTheHighestLtvWithTiesByIdAndTheLimitApplies() {
        List<Long> expected = shop.customers.stream().filter(c -> c.ltv() != null)
                .sorted(Comparator.comparing(Customer::ltv).reversed().thenComparing(Customer::id))
                .limit(7).map(Customer::id).toList();
        List<Long> actual = run(AnalysisCatalog.TOP_CUSTOMERS, "limit", "7").stream().map(r -> whole(r.get("customer_id"))).toList();
        assertEquals(expected, actual);
        assertEquals(20, run(AnalysisCatalog.TOP_CUSTOMERS).size());
    }

    @Test
    void registrationTrends() {
        Map<String, List<Customer>> groups = shop.customers.stream().filter(c -> c.registered() != null)
                .collect(groupingBy(c -> month(c.registered()) + "|" + segment(c)));
        List<Map<String, Object>> rows = run(AnalysisCatalog.REGISTRATION_TRENDS);
        assertEquals(groups.size(), rows.size());
        for (Map<String, Object> row : rows) {
            List<Customer> members = groups.get(row.get("month") + "|" + row.get("segment"));
            assertNotNull(members, row.toString());
            assertEquals(members.size(), whole(row.get("new_customers")));
            List<Double> ltvs = members.stream().map(Customer::ltv).filter(Objects::nonNull).toList();
            if (ltvs.isEmpty()) {
                assertNull(row.get("avg_ltv"));
            } else {
                close(average(ltvs), row.get("avg_ltv"), "avg_ltv");
            }
        }
        assertEquals(rows.stream().map(r -> (String) r.get("month")).sorted().toList(),
                rows.stream().map(r -> (String) r.get("month")).toList(), "months ascending");
    }

    @Test
    void monthlyRevenue() {
        Map<String, List<Sale>> byMonth = new TreeMap<>(shop.sales.stream().collect(groupingBy(s -> month(s.at()))));
        List<Map<String, Object>> rows = run(AnalysisCatalog.MONTHLY_REVENUE);
        assertEquals(new ArrayList<>(byMonth.keySet()), rows.stream().map(r -> r.get("month")).toList());
        for (Map<String, Object> row : rows) {
            List<Sale> sales = byMonth.get((String) row.get("month"));
            assertEquals(sales.size(), whole(row.get("transactions")));
            close(sales.stream().mapToDouble(Sale::amount).sum(), row.get("revenue"), "revenue");
            close(sales.stream().mapToDouble(Sale::amount).average().orElseThrow(), row.get("avg_transaction_value"), "avg");
            assertEquals(sales.stream().map(Sale::customer).distinct().count(), whole(row.get("customers")));
        }
    }

    @Test
    void purchaseBehaviour() {
        Map<Long, List<Sale>> byCustomer = salesOfKnownCustomers().stream().collect(groupingBy(Sale::customer));
        Function<Long, Double> spent = id -> byCustomer.get(id).stream().mapToDouble(Sale::amount).sum();
        List<Long> expected = byCustomer.keySet().stream()
                .sorted(Comparator.comparing(spent).reversed().thenComparing(Function.identity())).limit(50).toList();
        List<Map<String, Object>> rows = run(AnalysisCatalog.PURCHASE_BEHAVIOUR);
        assertEquals(expected, rows.stream().map(r -> whole(r.get("customer_id"))).toList());
        for (Map<String, Object> row : rows) {
            List<Sale> sales = byCustomer.get(whole(row.get("customer_id")));
            LocalDateTime first = sales.stream().map(Sale::at).min(Comparator.naturalOrder()).orElseThrow();
            LocalDateTime last = sales.stream().map(Sale::at).max(Comparator.naturalOrder()).orElseThrow();
            assertEquals(sales.size(), whole(row.get("purchases")));
            close(spent.apply(whole(row.get("customer_id"))), row.get("total_spent"), "spent");
            assertEquals(first, time(row.get("first_purchase")));
            assertEquals(last, time(row.get("last_purchase")));
            assertEquals(ChronoUnit.DAYS.between(first.toLocalDate(), last.toLocalDate()), whole(row.get("tenure_days")));
        }
    }

    @Test
    void productPerformance() {
        Map<Long, List<Sale>> byProduct = shop.sales.stream().collect(groupingBy(Sale::product));
        Function<Long, Double> revenue = id -> byProduct.get(id).stream().mapToDouble(Sale::amount).sum();
        List<Long> expected = byProduct.keySet().stream()
                .sorted(Comparator.comparing(revenue).reversed().thenComparing(Function.identity())).limit(10).toList();
        List<Map<String, Object>> rows = run(AnalysisCatalog.PRODUCT_PERFORMANCE, "limit", "10");
        assertEquals(expected, rows.stream().map(r -> whole(r.get("product_id"))).toList());
        for (Map<String, Object> row : rows) {
            List<Sale> sales = byProduct.get(whole(row.get("product_id")));
            assertEquals(sales.size(), whole(row.get("times_purchased")));
            assertEquals(sales.stream().map(Sale::customer).distinct().count(), whole(row.get("unique_buyers")));
            close(sales.stream().mapToDouble(Sale::amount).average().orElseThrow(), row.get("avg_sale_price"), "avg");
            assertEquals(shop.product(whole(row.get("product_id"))).brand(), row.get("brand"));
        }
    }

    @Test
    void interactionPatterns() {
        Map<String, List<Interaction>> byType = shop.interactions.stream().collect(groupingBy(Interaction::type));
        List<Map<String, Object>> rows = run(AnalysisCatalog.INTERACTION_PATTERNS);
        assertEquals(byType.size(), rows.size());
        for (Map<String, Object> row : rows) {
            List<Interaction> items = byType.get((String) row.get("type"));
            assertEquals(items.size(), whole(row.get("interactions")));
            assertEquals(items.stream().map(Interaction::customer).distinct().count(), whole(row.get("customers")));
            close(items.stream().mapToLong(Interaction::duration).average().orElseThrow(), row.get("avg_duration_seconds"), "duration");
            close(100.0 * items.size() / shop.interactions.size(), row.get("interactions_pct"), "pct");
        }
    }

    @Test
    void engagementScoreWeighsEachTypeAsConfigured() {
        Map<String, Integer> weights = Map.of("view", 2, "cart", 5, "wishlist", 1, "review", 7, "share", 3);
        Map<Long, Long> score = new HashMap<>();
        Map<Long, Long> count = new HashMap<>();
        for (Interaction i : shop.interactions) {
            score.merge(i.customer(), (long) weights.get(i.type()), Long::sum);
            count.merge(i.customer(), 1L, Long::sum);
        }
        List<Long> expected = score.keySet().stream()
                .sorted(Comparator.comparing((Long id) -> score.get(id)).reversed().thenComparing(Function.identity()))
                .limit(25).toList();
        List<Map<String, Object>> rows = run(AnalysisCatalog.ENGAGEMENT_SCORE, "limit", "25", "view_weight", "2",
                "cart_weight", "5", "wishlist_weight", "1", "review_weight", "7", "share_weight", "3");
        assertEquals(expected, rows.stream().map(r -> whole(r.get("customer_id"))).toList());
        for (Map<String, Object> row : rows) {
            long id = whole(row.get("customer_id"));
            assertEquals(score.get(id), whole(row.get("engagement_score")));
            assertEquals(count.get(id), whole(row.get("interactions")));
        }
    }

    @Test
    void categoryBySegment() {
        Map<String, List<Sale>> groups = salesOfKnownCustomers().stream().collect(groupingBy(
                s -> segment(shop.customer(s.customer())) + "|" + shop.product(s.product()).category()));
        List<Map<String, Object>> rows = run(AnalysisCatalog.CATEGORY_BY_SEGMENT);
        assertEquals(groups.size(), rows.size());
        for (Map<String, Object> row : rows) {
            List<Sale> sales = groups.get(row.get("segment") + "|" + row.get("category"));
            assertEquals(sales.size(), whole(row.get("purchases")));
            close(sales.stream().mapToDouble(Sale::amount).sum(), row.get("revenue"), "revenue");
            assertEquals(sales.stream().map(Sale::customer).distinct().count(), whole(row.get("customers")));
        }
    }

    @Test
    void brandAffinityKeepsTheTopBrandsOfEachSegmentAboveTheMinimum() {
        Map<String, Map<String, List<Sale>>> bySegment = salesOfKnownCustomers().stream().collect(groupingBy(
                s -> segment(shop.customer(s.customer())), groupingBy(s -> shop.product(s.product()).brand())));
        Set<String> expected = new HashSet<>();
        bySegment.forEach((segment, brands) -> brands.entrySet().stream()
                .filter(e -> e.getValue().size() >= 15)
                .sorted(Comparator.comparing((Map.Entry<String, List<Sale>> e) -> -e.getValue().stream().mapToDouble(Sale::amount).sum())
                        .thenComparing(Map.Entry::getKey))
                .limit(3)
                .forEach(e -> expected.add(segment + "|" + e.getKey() + "|" + e.getValue().size())));
        List<Map<String, Object>> rows = run(AnalysisCatalog.BRAND_AFFINITY, "min_purchases", "15", "top", "3");
        assertEquals(expected, rows.stream().map(r -> r.get("segment") + "|" + r.get("brand") + "|" + whole(r.get("purchases")))
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(expected.size(), rows.size());
    }

    @Test
    void cohortRetention() {
        Map<Long, YearMonth> cohort = new HashMap<>();
        for (Sale s : shop.sales) {
            cohort.merge(s.customer(), YearMonth.from(s.at()), (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<String, Set<Long>> active = new HashMap<>();
        Map<String, Double> revenue = new HashMap<>();
        for (Sale s : shop.sales) {
            String key = cohort.get(s.customer()) + "|" + YearMonth.from(s.at());
            active.computeIfAbsent(key, k -> new HashSet<>()).add(s.customer());
            revenue.merge(key, s.amount(), Double::sum);
        }
        List<Map<String, Object>> rows = run(AnalysisCatalog.COHORT_RETENTION);
        assertEquals(active.size(), rows.size());
        for (Map<String, Object> row : rows) {
            YearMonth first = YearMonth.parse((String) row.get("cohort_month"));
            YearMonth month = YearMonth.parse((String) row.get("month"));
            String key = first + "|" + month;
            int size = active.get(first + "|" + first).size();
            assertEquals(active.get(key).size(), whole(row.get("active_customers")), key);
            close(100.0 * active.get(key).size() / size, row.get("retention_pct"), "retention " + key);
            close(revenue.get(key), row.get("revenue"), "revenue " + key);
            assertEquals(first.until(month, ChronoUnit.MONTHS), whole(row.get("months_since_first")));
        }
    }

    /** SQL's ntile: the first (n mod buckets) buckets hold one row more. */
    static int ntile(int index, int n, int buckets) {
        int base = n / buckets;
        int extra = n % buckets;
        int big = extra * (base + 1);
        return 1 + (index < big ? index / (base + 1) : extra + (index - big) / base);
    }

    @Test
    void ltvQuartiles() {
        Map<String, List<Customer>> bySegment = shop.customers.stream().filter(c -> c.ltv() != null)
                .collect(groupingBy(AnalysisCatalogTest::segment));
        Map<String, List<Double>> expected = new HashMap<>();
        bySegment.forEach((segment, members) -> {
            List<Customer> sorted = members.stream().sorted(Comparator.comparing(Customer::ltv).thenComparing(Customer::id)).toList();
            for (int i = 0; i < sorted.size(); i++) {
                expected.computeIfAbsent(segment + "|" + ntile(i, sorted.size(), 4), k -> new ArrayList<>()).add(sorted.get(i).ltv());
            }
        });
        List<Map<String, Object>> rows = run(AnalysisCatalog.LTV_QUARTILES);
        assertEquals(expected.size(), rows.size());
        for (Map<String, Object> row : rows) {
            List<Double> ltvs = expected.get(row.get("segment") + "|" + whole(row.get("quartile")));
            assertEquals(ltvs.size(), whole(row.get("customers")));
            close(average(ltvs), row.get("avg_ltv"), "avg");
            close(ltvs.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), row.get("min_ltv"), "min");
            close(ltvs.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), row.get("max_ltv"), "max");
        }
    }

    @Test
    void crossSellGapListsSegmentCustomersWhoNeverBoughtTheCategory() {
        Set<Long> bought = new HashSet<>();
        for (Sale s : shop.sales) {
            if (shop.product(s.product()).category().equals("Books")) {
                bought.add(s.customer());
            }
        }
        List<Customer> gap = shop.customers.stream()
                .filter(c -> "VIP".equals(c.segment()) || "Basic".equals(c.segment()))
                .filter(c -> !bought.contains(c.id()))
                .sorted(Comparator.comparing(Customer::ltv, Comparator.nullsFirst(Comparator.<Double>naturalOrder())).reversed()
                        .thenComparing(Customer::id))
                .toList();
        List<Map<String, Object>> rows = run(AnalysisCatalog.CROSS_SELL_GAP, "segments", "VIP, Basic", "category", "Books", "limit", "30");
        assertEquals(gap.stream().limit(30).map(Customer::id).toList(), rows.stream().map(r -> whole(r.get("customer_id"))).toList());
        assertFalse(gap.isEmpty());
        assertEquals(gap.size(), whole(rows.getFirst().get("customers_in_gap")));
        close(gap.stream().filter(c -> c.ltv() != null).mapToDouble(Customer::ltv).sum(), rows.getFirst().get("ltv_in_gap"), "ltv in gap");
        assertEquals("Books", rows.getFirst().get("recommended_category"));
    }

    /** Every pair of one customer's purchases of two different products at most {@code days} apart, by brute force. */
    private Map<String, Long> pairs(int days) {
        Map<String, Long> counts = new HashMap<>();
        Map<Long, List<Sale>> byCustomer = shop.sales.stream().collect(groupingBy(Sale::customer));
        for (List<Sale> sales : byCustomer.values()) {
            for (Sale a : sales) {
                for (Sale b : sales) {
                    if (a.product() < b.product()
                            && Math.abs(ChronoUnit.DAYS.between(a.at().toLocalDate(), b.at().toLocalDate())) <= days) {
                        counts.merge(a.product() + "-" + b.product(), 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    @Test
    void basketFindsEveryPairWithinTheWindow() {
        for (int days : new int[] {0, 3, 7, 30}) {
            Map<String, Long> expected = pairs(days);
            List<Map<String, Object>> rows = run(AnalysisCatalog.BASKET, "window_days", Integer.toString(days),
                    "min_count", "1", "limit", "1000000");
            Map<String, Long> actual = new HashMap<>();
            for (Map<String, Object> row : rows) {
                actual.put(whole(row.get("product_1_id")) + "-" + whole(row.get("product_2_id")), whole(row.get("times_bought_together")));
            }
            assertEquals(expected, actual, "window " + days);
        }
        // the first ten pairs, most often first (ties by ids): the bar set by the first count must not lose any
        List<String> firstTen = pairs(7).entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(e -> Long.parseLong(e.getKey().split("-")[0]))
                        .thenComparing(e -> Long.parseLong(e.getKey().split("-")[1])))
                .limit(10).map(e -> e.getKey() + "=" + e.getValue()).toList();
        assertEquals(firstTen, run(AnalysisCatalog.BASKET, "min_count", "1", "limit", "10").stream()
                .map(r -> whole(r.get("product_1_id")) + "-" + whole(r.get("product_2_id")) + "=" + whole(r.get("times_bought_together")))
                .toList());
        Map<String, Object> top = run(AnalysisCatalog.BASKET, "min_count", "2").getFirst();
        assertEquals(pairs(7).values().stream().max(Long::compare).orElseThrow(), whole(top.get("times_bought_together")));
        assertEquals(top.get("product_1") + " + " + top.get("product_2"), top.get("pair"));
    }

    /**
     * Product 4 is bought together only with 3, so it is paired as often as its one pair: a bar set any higher than the
     * last pair listed would lose that pair, which the shop data (where every product pairs with many) cannot show.
     */
    @Test
    void theBasketsFirstCountNeverLosesAListedPair(@TempDir Path other) throws Exception {
        try (Workspace small = TestWorkspaces.create(other)) {
            StringBuilder sales = new StringBuilder();
            int[][] together = {{1, 2, 5}, {3, 4, 3}, {3, 5, 2}, {3, 6, 2}};
            int customer = 0;
            for (int[] pair : together) {
                for (int k = 0; k < pair[2]; k++) {
                    customer++;
                    for (int product = 0; product < 2; product++) {
                        sales.append(sales.isEmpty() ? "" : ", ").append("(").append(customer).append(", ")
                                .append(pair[product]).append(", 10.0, TIMESTAMP '2024-03-0").append(1 + k).append(" 10:00')");
                    }
                }
            }
            TestWorkspaces.execute(small, "CREATE TABLE products AS SELECT i AS product_id, 'P' || i AS name FROM range(1, 7) t(i)");
            TestWorkspaces.execute(small, "CREATE TABLE transactions (customer_id BIGINT, product_id BIGINT, amount DOUBLE,"
                    + " \"timestamp\" TIMESTAMP)");
            TestWorkspaces.execute(small, "INSERT INTO transactions VALUES " + sales);
            ResultTable top = new AnalysisRunner(small).run(AnalysisCatalog.BASKET, Map.of("min_count", "1", "limit", "2"),
                    100, Progress.none()).table();
            assertEquals(List.of("P1 + P2 5", "P3 + P4 3"), top.rows().stream()
                    .map(r -> r[0] + " " + ((Number) r[3]).longValue()).toList());
        }
    }

    @Test
    void churnRiskCountsDaysUpToAsOf() {
        LocalDateTime asOf = LocalDateTime.of(2024, 10, 31, 23, 59, 59, 999_999_000);
        Map<Long, LocalDateTime> last = new HashMap<>();
        for (Sale s : salesOfKnownCustomers()) {
            if (!s.at().isAfter(asOf)) {
                last.merge(s.customer(), s.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Function<Long, Long> days = id -> ChronoUnit.DAYS.between(last.get(id).toLocalDate(), asOf.toLocalDate());
        List<Long> expected = last.keySet().stream()
                .filter(id -> "VIP".equals(shop.customer(id).segment()) && days.apply(id) >= 20)
                .sorted(Comparator.comparing(days).reversed().thenComparing(Function.identity())).toList();
        List<Map<String, Object>> rows = run(AnalysisCatalog.CHURN_RISK, "as_of", "2024-10-31", "segments", "VIP",
                "min_days", "20", "limit", "10");
        assertEquals(expected.stream().limit(10).toList(), rows.stream().map(r -> whole(r.get("customer_id"))).toList());
        assertEquals(expected.size(), whole(rows.getFirst().get("customers_matching")));
        for (Map<String, Object> row : rows) {
            assertEquals(days.apply(whole(row.get("customer_id"))), whole(row.get("days_since_last_purchase")));
        }
        // by default: every segment, up to the latest transaction
        LocalDateTime latest = shop.sales.stream().map(Sale::at).max(Comparator.naturalOrder()).orElseThrow();
        Map<String, Object> first = run(AnalysisCatalog.CHURN_RISK).getFirst();
        long customerId = whole(first.get("customer_id"));
        LocalDateTime lastOfFirst = salesOfKnownCustomers().stream().filter(s -> s.customer() == customerId)
                .map(Sale::at).max(Comparator.naturalOrder()).orElseThrow();
        assertEquals(ChronoUnit.DAYS.between(lastOfFirst.toLocalDate(), latest.toLocalDate()), whole(first.get("days_since_last_purchase")));
        assertEquals(salesOfKnownCustomers().stream().map(Sale::customer).distinct().count(), whole(first.get("customers_matching")));
    }

    /** R, F, M and FM per buying customer, as the description of the RFM analyses says. */
    private Map<Long, int[]> rfm(LocalDateTime asOf, Map<Long, long[]> recencyFrequency, Map<Long, Double> monetary) {
        for (Sale s : shop.sales) {
            if (!s.at().isAfter(asOf)) {
                long recency = ChronoUnit.DAYS.between(s.at().toLocalDate(), asOf.toLocalDate());
                recencyFrequency.merge(s.customer(), new long[] {recency, 1}, (a, b) -> new long[] {Math.min(a[0], b[0]), a[1] + b[1]});
                monetary.merge(s.customer(), s.amount(), Double::sum);
            }
        }
        List<Long> ids = new ArrayList<>(recencyFrequency.keySet());
        int n = ids.size();
        Map<Long, int[]> scores = new HashMap<>();
        ids.forEach(id -> scores.put(id, new int[4]));
        List<Comparator<Long>> orders = List.of(
                Comparator.comparing((Long id) -> -recencyFrequency.get(id)[0]).thenComparing(Function.identity()),
                Comparator.comparing((Long id) -> recencyFrequency.get(id)[1]).thenComparing(Function.identity()),
                Comparator.comparing((Long id) -> monetary.get(id)).thenComparing(Function.identity()));
        for (int k = 0; k < 3; k++) {
            List<Long> sorted = ids.stream().sorted(orders.get(k)).toList();
            for (int i = 0; i < n; i++) {
                scores.get(sorted.get(i))[k] = ntile(i, n, 5);
            }
        }
        scores.values().forEach(s -> s[3] = (s[1] + s[2] + 1) / 2);
        return scores;
    }

    @Test
    void rfmScoresAndNamedSegments() {
        LocalDateTime latest = shop.sales.stream().map(Sale::at).max(Comparator.naturalOrder()).orElseThrow();
        Map<Long, long[]> rf = new HashMap<>();
        Map<Long, Double> monetary = new HashMap<>();
        Map<Long, int[]> scores = rfm(latest, rf, monetary);
        RfmRules rules = RfmRules.parse(RfmRules.DEFAULT);

        List<Map<String, Object>> rows = run(AnalysisCatalog.RFM_SCORES, "limit", "100000");
        assertEquals(scores.size(), rows.size());
        for (Map<String, Object> row : rows) {
            long id = whole(row.get("customer_id"));
            int[] s = scores.get(id);
            assertEquals(List.of(s[0], s[1], s[2], s[3]), List.of((int) whole(row.get("r_score")), (int) whole(row.get("f_score")),
                    (int) whole(row.get("m_score")), (int) whole(row.get("fm_score"))), "customer " + id);
            assertEquals(rf.get(id)[0], whole(row.get("recency_days")));
            assertEquals(rules.name(s[0], s[3]), row.get("rfm_segment"));
        }

        Map<String, List<Long>> bySegment = scores.keySet().stream().collect(groupingBy(id -> rules.name(scores.get(id)[0], scores.get(id)[3]), toList()));
        List<Map<String, Object>> segments = run(AnalysisCatalog.RFM_SEGMENTS);
        assertEquals(bySegment.size(), segments.size());
        for (Map<String, Object> row : segments) {
            List<Long> ids = bySegment.get((String) row.get("rfm_segment"));
            assertEquals(ids.size(), whole(row.get("customers")));
            close(ids.stream().mapToDouble(monetary::get).sum(), row.get("revenue"), "revenue");
            close(ids.stream().mapToLong(id -> rf.get(id)[0]).average().orElseThrow(), row.get("avg_recency_days"), "recency");
        }
        assertFalse(bySegment.containsKey(RfmRules.OTHER), "the default rules cover the whole grid");
    }

    @Test
    void rfmSegmentRulesAreConfigurable() {
        List<Map<String, Object>> rows = run(AnalysisCatalog.RFM_SEGMENTS, "rules", "Best: R 5, FM 5; Gone: R 1, FM 1-5");
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put((String) r.get("rfm_segment"), whole(r.get("customers"))));
        Map<Long, int[]> scores = rfm(shop.sales.stream().map(Sale::at).max(Comparator.naturalOrder()).orElseThrow(), new HashMap<>(), new HashMap<>());
        assertEquals(scores.values().stream().filter(s -> s[0] == 5 && s[3] == 5).count(), counts.get("Best"));
        assertEquals(scores.values().stream().filter(s -> s[0] == 1).count(), counts.get("Gone"));
        assertEquals(scores.size() - counts.get("Best") - counts.get("Gone"), counts.get(RfmRules.OTHER));

        C360Exception bad = assertThrows(C360Exception.class, () -> run(AnalysisCatalog.RFM_SEGMENTS, "rules", "Best: R 5, FM 5; Oops R 9"));
        assertTrue(bad.getMessage().contains("RFM rule 2 ('Oops R 9')"), bad.getMessage());
    }

    @Test
    void paretoCurve() {
        Map<Long, Double> spent = new HashMap<>();
        shop.sales.forEach(s -> spent.merge(s.customer(), s.amount(), Double::sum));
        List<Long> ranked = spent.keySet().stream()
                .sorted(Comparator.comparing((Long id) -> spent.get(id)).reversed().thenComparing(Function.identity())).toList();
        double total = spent.values().stream().mapToDouble(Double::doubleValue).sum();
        int n = ranked.size();
        Map<Integer, double[]> expected = new TreeMap<>();
        expected.put(0, new double[] {0, 0});
        double running = 0;
        for (int i = 0; i < n; i++) {
            running += spent.get(ranked.get(i));
            int pct = (int) Math.ceil(100.0 * (i + 1) / n);
            expected.put(pct, new double[] {i + 1, 100 * running / total});
        }
        List<Map<String, Object>> rows = run(AnalysisCatalog.PARETO);
        assertEquals(new ArrayList<>(expected.keySet()), rows.stream().map(r -> (int) whole(r.get("customers_pct"))).toList());
        for (Map<String, Object> row : rows) {
            double[] e = expected.get((int) whole(row.get("customers_pct")));
            assertEquals((long) e[0], whole(row.get("customers")));
            close(e[1], row.get("revenue_pct"), "revenue_pct at " + row.get("customers_pct"));
        }
        close(100.0, rows.getLast().get("revenue_pct"), "all customers make all revenue");
    }

    @Test
    void kpiOverviewComparesTwoPeriods() {
        LocalDateTime end = LocalDateTime.of(2024, 9, 30, 23, 59, 59, 999_999_000);
        LocalDateTime start = end.minusDays(45);
        LocalDateTime previousStart = end.minusDays(90);
        double[][] figures = new double[2][];
        for (int p = 0; p < 2; p++) {
            LocalDateTime from = p == 0 ? start : previousStart;
            LocalDateTime to = p == 0 ? end : start;
            List<Sale> sales = shop.sales.stream().filter(s -> s.at().isAfter(from) && !s.at().isAfter(to)).toList();
            Map<Long, Long> perCustomer = new HashMap<>();
            sales.forEach(s -> perCustomer.merge(s.customer(), 1L, Long::sum));
            double revenue = sales.stream().mapToDouble(Sale::amount).sum();
            long customers = shop.customers.stream().filter(c -> c.registered() == null || !c.registered().isAfter(to)).count();
            long newCustomers = shop.customers.stream().filter(c -> c.registered() != null && c.registered().isAfter(from) && !c.registered().isAfter(to)).count();
            figures[p] = new double[] {customers, newCustomers, revenue, sales.size(), revenue / sales.size(), perCustomer.size(),
                    100.0 * perCustomer.values().stream().filter(v -> v >= 2).count() / perCustomer.size()};
        }
        List<Map<String, Object>> rows = run(AnalysisCatalog.KPI_OVERVIEW, "as_of", "2024-09-30", "period_days", "45");
        assertEquals(List.of("Customers", "New customers", "Revenue", "Orders", "Average order value", "Active customers", "Repeat rate %"),
                rows.stream().map(r -> r.get("kpi")).toList());
        for (int k = 0; k < rows.size(); k++) {
            Map<String, Object> row = rows.get(k);
            close(figures[0][k], row.get("current"), "current " + row.get("kpi"));
            close(figures[1][k], row.get("previous"), "previous " + row.get("kpi"));
            close(100 * (figures[0][k] - figures[1][k]) / Math.abs(figures[1][k]), row.get("change_pct"), "change " + row.get("kpi"));
        }
    }

    @Test
    void everyRunIsRecordedWithItsParameters() {
        run(AnalysisCatalog.TOP_CUSTOMERS, "limit", "3");
        AnalysisRunner.Run last = runner.history(1).getFirst();
        assertEquals("top-customers", last.analysis());
        assertEquals("limit=3", last.parameters());
        assertEquals(3L, last.rows());
        assertNull(last.error());
    }

    @Test
    void badParametersAreNamed() {
        C360Exception notANumber = assertThrows(C360Exception.class, () -> run(AnalysisCatalog.TOP_CUSTOMERS, "limit", "ten"));
        assertEquals("Parameter limit must be a whole number of 0 or more, not 'ten'.", notANumber.getMessage());
        C360Exception unknown = assertThrows(C360Exception.class, () -> run(AnalysisCatalog.TOP_CUSTOMERS, "top", "3"));
        assertTrue(unknown.getMessage().contains("has no parameter 'top' (it has: limit)"), unknown.getMessage());
        C360Exception date = assertThrows(C360Exception.class, () -> run(AnalysisCatalog.CHURN_RISK, "as_of", "31/10/2024"));
        assertTrue(date.getMessage().startsWith("Parameter as_of must be a date like 2024-06-30"), date.getMessage());
        // a quote in a text parameter stays inside its literal
        List<Map<String, Object>> none = run(AnalysisCatalog.CROSS_SELL_GAP, "category", "x' OR '1'='1");
        assertEquals("x' OR '1'='1", none.getFirst().get("recommended_category"));
    }

    @Test
    void everyAnalysisRunsAndSaysWhatItReads(@TempDir Path other) throws Exception {
        for (Analysis analysis : AnalysisCatalog.ALL) {
            assertNotNull(runner.run(analysis, Map.of(), 10, Progress.none()).table(), analysis.name());
            assertFalse(analysis.reads().isEmpty(), analysis.name());
        }
        assertEquals(15, AnalysisCatalog.SEED.size());
        assertEquals(AnalysisCatalog.ALL.size(), AnalysisCatalog.ALL.stream().map(Analysis::name).distinct().count());
    }

    @Test
    void aWorkspaceWithoutAMappedTableIsToldWhichMappingIsMissing(@TempDir Path other) throws Exception {
        try (Workspace customersOnly = TestWorkspaces.create(other)) {
            shop.load(customersOnly, "customers");
            AnalysisRunner partial = new AnalysisRunner(customersOnly);
            MissingMappingException missing = assertThrows(MissingMappingException.class,
                    () -> partial.run(AnalysisCatalog.CATEGORY_BY_SEGMENT, Map.of(), 10, Progress.none()));
            assertEquals(List.of(Entity.PRODUCTS, Entity.TRANSACTIONS), missing.missing());
            assertEquals("The analysis 'Category performance by segment' needs the products and transactions tables, but no "
                    + "imported table is mapped to them yet: import a source and map it to Products / Transactions in the "
                    + "Mapping tab (or with 'c360 mapping').", missing.getMessage());
            assertEquals(5, partial.run(AnalysisCatalog.SEGMENT_OVERVIEW, Map.of(), 10, Progress.none()).table().rowCount());
        }
    }

    @Test
    void summariesNeverOutliveAChangeOfTheirData(@TempDir Path other) throws Exception {
        try (Workspace changing = TestWorkspaces.create(other)) {
            shop.load(changing);
            AnalysisRunner local = new AnalysisRunner(changing);
            Map<String, Long> before = new HashMap<>();
            local.run(AnalysisCatalog.INTERACTION_PATTERNS, Map.of(), 100, Progress.none()).table().rows()
                    .forEach(r -> before.put((String) r[0], ((Number) r[1]).longValue()));
            AnalysisResult again = local.run(AnalysisCatalog.INTERACTION_PATTERNS, Map.of(), 100, Progress.none());
            assertEquals(0, again.summaryMillis(), "the summary is reused while nothing changed");

            // a change made in the SQL console drops the summary; the next run sees the new rows
            new org.c360.analytics.query.QueryRunner(changing).run(
                    "INSERT INTO interactions VALUES (999999, 1, 1, 'view', TIMESTAMP '2024-05-05', 10)", 10, Progress.none());
            Map<String, Long> after = new HashMap<>();
            local.run(AnalysisCatalog.INTERACTION_PATTERNS, Map.of(), 100, Progress.none()).table().rows()
                    .forEach(r -> after.put((String) r[0], ((Number) r[1]).longValue()));
            assertEquals(before.get("view") + 1, after.get("view"));
            assertEquals(before.get("cart"), after.get("cart"));
        }
    }

    @Test
    void theStandaloneSqlOfAnAnalysisGivesItsResultWithoutTheSummaries(@TempDir Path other) throws Exception {
        try (Workspace fresh = TestWorkspaces.create(other)) {
            shop.load(fresh);
            for (Analysis analysis : List.of(AnalysisCatalog.COHORT_RETENTION, AnalysisCatalog.ENGAGEMENT_SCORE, AnalysisCatalog.PARETO,
                    AnalysisCatalog.BASKET, AnalysisCatalog.BRAND_AFFINITY)) {
                String sql = org.c360.analytics.summary.Summaries.standalone(analysis.sql(Map.of()));
                assertFalse(sql.equals(analysis.sql(Map.of())), analysis.name() + " reads a summary");
                // run first in a workspace where no summary was ever built
                ResultTable inline = TestWorkspaces.query(fresh, sql);
                ResultTable ran = new AnalysisRunner(fresh).run(analysis, Map.of(), 1_000_000, Progress.none()).table();
                assertEquals(ran.rowCount(), inline.rowCount(), analysis.name());
                for (int r = 0; r < ran.rowCount(); r++) {
                    for (int c = 0; c < ran.columnCount(); c++) {
                        Object expected = ran.value(r, c);
                        Object actual = inline.value(r, c);
                        String where = analysis.name() + " row " + r + " column " + ran.columns().get(c);
                        if (expected instanceof Double d) {
                            // sums of doubles may differ in the last digit with the order DuckDB adds them in
                            close(d, actual, where);
                        } else {
                            assertEquals(expected, actual, where);
                        }
                    }
                }
            }
        }
    }
}
