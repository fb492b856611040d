package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which value of a field wins when a person's records disagree: the most trusted source's (then its most
 * recent), the most recent, or the most frequent. Rules per field live in {@code survivorship_rules}, source
 * trust in {@code source_trust} (1 = most trusted); both have defaults.
 */
public final class Survivorship {

    /** How a field's value is chosen among a person's records. */
    public enum Rule {
        /** The most trusted source's value; among its records, the most recent. */
        SOURCE,
        /** The value of the most recent record. */
        RECENT,
        /** The value most records carry; ties go to the most trusted source. */
        FREQUENT
    }

    /** Profile fields chosen by survivorship: profile column -> identity_records column. */
    public static final Map<String, String> FIELDS = fields();

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("first_name", "display_first_name");
        fields.put("last_name", "display_last_name");
        fields.put("primary_email", "email");
        fields.put("primary_phone", "phone");
        fields.put("date_of_birth", "CAST(date_of_birth AS VARCHAR)");
        fields.put("street", "nullif(concat_ws(' ', display_street, display_street_number), '')");
        fields.put("postal_code", "display_postcode");
        fields.put("city", "display_city");
        fields.put("country", "country");
        fields.put("opt_in", "opt_in");
        fields.put("lifecycle_status", "lifecycle_status");
        fields.put("loyalty_tier", "loyalty_tier");
        fields.put("loyalty_points", "loyalty_points");
        return fields;
    }

    /** Defaults: who a person is from the system of record; how to reach them from what they use most. */
    static Rule defaultRule(String field) {
        return switch (field) {
            case "primary_email", "date_of_birth" -> Rule.FREQUENT;
            case "street", "postal_code", "city", "opt_in", "loyalty_tier", "loyalty_points" -> Rule.RECENT;
            default -> Rule.SOURCE;
        };
    }

    /** Default trust: a CRM first, then loyalty, then other sources that describe people, then the rest. */
    static int defaultTrust(IdentitySource source) {
        if (source.has(IdentityRole.CRM_ID)) {
            return 1;
        }
        if (source.has(IdentityRole.LOYALTY_ID)) {
            return 2;
        }
        return source.describesPeople() ? 3 : 4;
    }

    private Survivorship() {
    }

    /** The rule in force per field (saved or default). */
    public static Map<String, Rule> rules(Connection connection) throws SQLException {
        Map<String, Rule> rules = new LinkedHashMap<>();
        FIELDS.keySet().forEach(field -> rules.put(field, defaultRule(field)));
        try (PreparedStatement statement = connection.prepareStatement("SELECT field, rule FROM survivorship_rules");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (rules.containsKey(rs.getString(1))) {
                    rules.put(rs.getString(1), Rule.valueOf(rs.getString(2)));
                }
            }
        }
        return rules;
    }

    /** The trust rank in force per source (saved or default). */
    public static Map<String, Integer> trust(Connection connection, List<IdentitySource> sources) throws SQLException {
        Map<String, Integer> trust = new LinkedHashMap<>();
        sources.forEach(source -> trust.put(source.rawTable(), defaultTrust(source)));
        try (PreparedStatement statement = connection.prepareStatement("SELECT raw_table, rank FROM source_trust");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                trust.put(rs.getString(1), rs.getInt(2));
            }
        }
        return trust;
    }

    static Map<Rule, String> orderings() {
        Map<Rule, String> orderings = new EnumMap<>(Rule.class);
        orderings.put(Rule.SOURCE, "trust ASC, event_time DESC NULLS LAST");
        orderings.put(Rule.RECENT, "event_time DESC NULLS LAST, trust ASC");
        orderings.put(Rule.FREQUENT, "frequency DESC, trust ASC, event_time DESC NULLS LAST");
        return orderings;
    }
}
