package org.c360.analytics.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.c360.analytics.workspace.Workspace;

/**
 * A small random shop (customers, products, transactions, interactions) kept both as Java rows and as the
 * canonical tables of a workspace, so tests can compute each analysis's figures in Java from the rows and
 * compare them with what the SQL returns.
 */
final class ShopData {
    record Customer(long id, String name, String email, String segment, Double ltv, LocalDateTime registered) {
    }

    record Product(long id, String name, String category, String brand, double price) {
    }

    record Sale(long id, long customer, long product, double amount, LocalDateTime at, String status) {
    }

    record Interaction(long id, long customer, long product, String type, long duration, LocalDateTime at) {
    }

    static final List<String> SEGMENTS = List.of("VIP", "Premium", "Regular", "Basic");
    static final List<String> CATEGORIES = List.of("Electronics", "Books", "Home", "Sports", "Toys");
    static final List<String> BRANDS = List.of("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell");
    static final List<String> TYPES = List.of("view", "cart", "wishlist", "review", "share");

    final List<Customer> customers = new ArrayList<>();
    final List<Product> products = new ArrayList<>();
    final List<Sale> sales = new ArrayList<>();
    final List<Interaction> interactions = new ArrayList<>();

    ShopData(long seed) {
        Random random = new Random(seed);
        LocalDateTime start = LocalDateTime.of(2023, 1, 1, 0, 0);
        for (int i = 1; i <= 300; i++) {
            String segment = random.nextInt(25) == 0 ? null : SEGMENTS.get(random.nextInt(SEGMENTS.size()));
            // some ties and some missing values, which the SQL must handle as the Java does
            Double ltv = random.nextInt(30) == 0 ? null : random.nextInt(10) == 0 ? 500.0 : Math.round(random.nextDouble() * 500_000) / 100.0;
            LocalDateTime registered = random.nextInt(40) == 0 ? null : start.plusMinutes(random.nextInt(2 * 365 * 24 * 60));
            customers.add(new Customer(i, "Customer " + i, "c" + i + "@example.com", segment, ltv, registered));
        }
        for (int i = 1; i <= 40; i++) {
            products.add(new Product(i, "Product " + i, CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                    BRANDS.get(random.nextInt(BRANDS.size())), 5 + random.nextInt(500)));
        }
        LocalDateTime year = LocalDateTime.of(2024, 1, 1, 0, 0);
        for (int i = 1; i <= 3000; i++) {
            // customers 281-300 never buy; lower ids buy more often
            long customer = 1 + (long) (Math.pow(random.nextDouble(), 1.5) * 280);
            long product = 1 + random.nextInt(products.size());
            double amount = Math.round(random.nextDouble() * 40_000) / 100.0;
            LocalDateTime at = year.plusSeconds(random.nextLong(366L * 24 * 3600));
            sales.add(new Sale(i, customer, product, amount, at, random.nextInt(10) == 0 ? "refunded" : "completed"));
        }
        for (int i = 1; i <= 60; i++) {
            // the same product bought again an hour later: purchases that share a customer, product and (mostly) day
            Sale again = sales.get(i * 40);
            sales.add(new Sale(3000 + i, again.customer(), again.product(), again.amount(), again.at().plusHours(1), again.status()));
        }
        for (int i = 1; i <= 5000; i++) {
            long customer = 1 + random.nextInt(customers.size());
            interactions.add(new Interaction(i, customer, 1 + random.nextInt(products.size()),
                    TYPES.get(random.nextInt(TYPES.size())), random.nextInt(600), year.plusSeconds(random.nextLong(366L * 24 * 3600))));
        }
    }

    /** Creates the canonical tables in {@code workspace}; {@code tables} limits which ones. */
    void load(Workspace workspace, String... tables) throws SQLException {
        List<String> wanted = tables.length == 0 ? List.of("customers", "products", "transactions", "interactions") : List.of(tables);
        try (Connection connection = workspace.connect(); Statement statement = connection.createStatement()) {
            if (wanted.contains("customers")) {
                statement.execute("CREATE TABLE customers (customer_id BIGINT, email VARCHAR, name VARCHAR, segment VARCHAR, ltv DOUBLE, registration_date TIMESTAMP)");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (Customer c : customers) {
                        insert.setLong(1, c.id());
                        insert.setString(2, c.email());
                        insert.setString(3, c.name());
                        insert.setString(4, c.segment());
                        insert.setObject(5, c.ltv());
                        insert.setTimestamp(6, c.registered() == null ? null : Timestamp.valueOf(c.registered()));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (wanted.contains("products")) {
                statement.execute("CREATE TABLE products (product_id BIGINT, name VARCHAR, category VARCHAR, brand VARCHAR, price DOUBLE)");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?, ?)")) {
                    for (Product p : products) {
                        insert.setLong(1, p.id());
                        insert.setString(2, p.name());
                        insert.setString(3, p.category());
                        insert.setString(4, p.brand());
                        insert.setDouble(5, p.price());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (wanted.contains("transactions")) {
                statement.execute("CREATE TABLE transactions (transaction_id BIGINT, customer_id BIGINT, product_id BIGINT, amount DOUBLE, \"timestamp\" TIMESTAMP, status VARCHAR)");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO transactions VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (Sale s : sales) {
                        insert.setLong(1, s.id());
                        insert.setLong(2, s.customer());
                        insert.setLong(3, s.product());
                        insert.setDouble(4, s.amount());
                        insert.setTimestamp(5, Timestamp.valueOf(s.at()));
                        insert.setString(6, s.status());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (wanted.contains("interactions")) {
                statement.execute("CREATE TABLE interactions (interaction_id BIGINT, customer_id BIGINT, product_id BIGINT, type VARCHAR, \"timestamp\" TIMESTAMP, duration BIGINT)");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO interactions VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (Interaction i : interactions) {
                        insert.setLong(1, i.id());
                        insert.setLong(2, i.customer());
                        insert.setLong(3, i.product());
                        insert.setString(4, i.type());
                        insert.setTimestamp(5, Timestamp.valueOf(i.at()));
                        insert.setLong(6, i.duration());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        }
    }

    Customer customer(long id) {
        return customers.get((int) id - 1);
    }

    Product product(long id) {
        return products.get((int) id - 1);
    }
}
