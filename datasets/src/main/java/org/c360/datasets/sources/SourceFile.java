package org.c360.datasets.sources;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The raw exports that {@code c360 generate --sources} writes into the {@code sources/} folder beside the
 * e-commerce tables, each in the format its system would export, plus the ground truth that maps every
 * one of their records to its true person (the e-commerce {@code customer_id}).
 */
public enum SourceFile {
    /** The CRM: one record per shop customer plus duplicates created by hand (CSV). */
    CRM_CUSTOMERS("csv", "crm_id"),
    /** The loyalty programme's members, about 40 % of the persons (CSV). */
    LOYALTY_MEMBERS("csv", "loyalty_id"),
    /** Web and app tracking events, anonymous until a login (newline-delimited JSON). */
    WEB_EVENTS("ndjson", "event_id"),
    /** The order system: a sample of the e-commerce transactions, some as guest checkouts (CSV). */
    ORDERS("csv", "order_id"),
    /** The help desk's tickets (one JSON array). */
    SUPPORT_TICKETS("json", "ticket_id"),
    /** The billing system's subscriptions (CSV). */
    SUBSCRIPTIONS("csv", "subscription_id"),
    /** Customer records with nested subscriptions, orders and tickets, as seed 003 shows them (one JSON array). */
    CUSTOMERS_NESTED("json", "customerId"),
    /** source, record_id, person_id for every record of the files above: for tests and evaluation only (CSV). */
    GROUND_TRUTH("csv", null);

    /** The folder, inside the dataset folder, that holds these files. */
    public static final String FOLDER = "sources";

    private final String extension;
    private final String idColumn;

    SourceFile(String extension, String idColumn) {
        this.extension = extension;
        this.idColumn = idColumn;
    }

    /** The table name: the file name without extension, e.g. {@code crm_customers}; the ground truth's {@code source}. */
    public String table() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The path relative to the dataset folder, e.g. {@code sources/crm_customers.csv}. */
    public String fileName() {
        return FOLDER + "/" + table() + "." + extension;
    }

    /** The column holding each record's own id, the ground truth's {@code record_id}; empty for the ground truth. */
    public Optional<String> idColumn() {
        return Optional.ofNullable(idColumn);
    }

    /** The options of DuckDB's {@code COPY ... TO} that write this file. */
    public String copyOptions() {
        return switch (extension) {
            case "csv" -> "(FORMAT csv, HEADER true)";
            case "ndjson" -> "(FORMAT json)";
            default -> "(FORMAT json, ARRAY true)";
        };
    }

    /** The source files (all but the ground truth). */
    public static List<SourceFile> records() {
        return Arrays.stream(values()).filter(f -> f != GROUND_TRUTH).toList();
    }

    /** The file of the table {@code table}, if it is one of these. */
    public static Optional<SourceFile> of(String table) {
        return Arrays.stream(values()).filter(f -> f.table().equals(table)).findFirst();
    }
}
