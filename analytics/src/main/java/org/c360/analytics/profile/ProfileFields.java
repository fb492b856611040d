package org.c360.analytics.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of {@code customer360_profiles} in the groups a profile card shows them in, each with where
 * its value comes from: a survivorship field (one value chosen among the person's records, explained by a
 * {@link FieldOrigin}) or a short description of how it is derived from all of them. The UI and the CLI both
 * read the card through this, so a new profile column only needs a line here (a test checks none is missing).
 */
public final class ProfileFields {

    /**
     * One profile column.
     *
     * @param survivorshipField the {@code Survivorship.FIELDS} key that chooses it, or null for a derived column
     * @param derivation        how a derived column is computed (null for survivorship columns)
     */
    public record Field(String column, String group, String survivorshipField, String derivation) {
        public boolean survives() {
            return survivorshipField != null;
        }
    }

    public static final String IDENTITY = "Identity";
    public static final String CONTACT = "Contact";
    public static final String ADDRESS = "Address";
    public static final String LIFECYCLE = "Consent, lifecycle and loyalty";
    public static final String ENGAGEMENT = "Engagement";
    public static final String COMMERCE = "Commerce";
    public static final String SCORES = "Scores and segments";
    public static final String RESOLUTION = "Sources and resolution";

    /** The groups in card order. */
    public static final List<String> GROUPS = List.of(IDENTITY, CONTACT, ADDRESS, LIFECYCLE, ENGAGEMENT, COMMERCE, SCORES,
            RESOLUTION);

    private static final String LATER = "filled by the analyses that compute it; empty until they run";

    private static final Map<String, Field> FIELDS = fields();

    private static Map<String, Field> fields() {
        Map<String, Field> fields = new LinkedHashMap<>();
        derived(fields, "customer360_id", IDENTITY, "the person's stable id, kept across runs");
        derived(fields, "full_name", IDENTITY, "the chosen first and last name");
        chosen(fields, "first_name", IDENTITY, "first_name");
        chosen(fields, "last_name", IDENTITY, "last_name");
        chosen(fields, "date_of_birth", IDENTITY, "date_of_birth");
        derived(fields, "age", IDENTITY, "years since the date of birth");
        chosen(fields, "primary_email", CONTACT, "primary_email");
        derived(fields, "emails", CONTACT, "every standardised e-mail of the person's records");
        chosen(fields, "primary_phone", CONTACT, "primary_phone");
        derived(fields, "phones", CONTACT, "every standardised phone number of the person's records");
        chosen(fields, "street", ADDRESS, "street");
        chosen(fields, "postal_code", ADDRESS, "postal_code");
        chosen(fields, "city", ADDRESS, "city");
        chosen(fields, "country", ADDRESS, "country");
        chosen(fields, "opt_in_status", LIFECYCLE, "opt_in");
        chosen(fields, "lifecycle_status", LIFECYCLE, "lifecycle_status");
        chosen(fields, "loyalty_tier", LIFECYCLE, "loyalty_tier");
        chosen(fields, "loyalty_points_balance", LIFECYCLE, "loyalty_points");
        derived(fields, "first_seen_at", ENGAGEMENT, "the earliest record, event or purchase");
        derived(fields, "last_seen_at", ENGAGEMENT, "the latest record, event or purchase");
        derived(fields, "last_channel_seen", ENGAGEMENT, "the channel of the latest event that has one");
        derived(fields, "total_sessions", ENGAGEMENT, "distinct sessions among the person's events");
        derived(fields, "total_interactions", ENGAGEMENT, "events other than orders, refunds, tickets and subscription changes");
        derived(fields, "support_tickets", ENGAGEMENT, "support tickets of every help desk");
        derived(fields, "last_support_interaction_at", ENGAGEMENT, "the latest support ticket");
        derived(fields, "first_purchase_at", COMMERCE, "the earliest purchase event");
        derived(fields, "last_purchase_at", COMMERCE, "the latest purchase event");
        derived(fields, "orders_count", COMMERCE, "purchase events of every order system");
        derived(fields, "total_revenue", COMMERCE, "sum of the purchases' amounts");
        derived(fields, "avg_order_value", COMMERCE, "average amount of a purchase");
        derived(fields, "refunds_count", COMMERCE, "refund events");
        derived(fields, "refunds_amount", COMMERCE, "sum of the refunds' amounts");
        for (String column : List.of("lifetime_value", "p_alive", "churn_risk_score", "engagement_score",
                "propensity_to_buy_score", "primary_segment", "segments")) {
            derived(fields, column, SCORES, LATER);
        }
        derived(fields, "primary_source", RESOLUTION, "the most trusted source among the person's records");
        derived(fields, "sources", RESOLUTION, "every source with a record of the person");
        derived(fields, "source_ids", RESOLUTION, "the person's ids in each system");
        derived(fields, "records", RESOLUTION, "source records linked to the person");
        derived(fields, "created_at", RESOLUTION, "when the person was first resolved");
        derived(fields, "updated_at", RESOLUTION, "when the profile was last rebuilt");
        return fields;
    }

    private static void chosen(Map<String, Field> fields, String column, String group, String survivorshipField) {
        fields.put(column, new Field(column, group, survivorshipField, null));
    }

    private static void derived(Map<String, Field> fields, String column, String group, String derivation) {
        fields.put(column, new Field(column, group, null, derivation));
    }

    private ProfileFields() {
    }

    /** What a survivorship rule, as a {@link FieldOrigin} names it, means. */
    public static String ruleMeaning(String rule) {
        return switch (rule == null ? "" : rule) {
            case "source" -> "the most trusted source's value (then the most recent)";
            case "recent" -> "the most recent record's value";
            case "frequent" -> "the value most records carry (ties: the most trusted source)";
            default -> String.valueOf(rule);
        };
    }

    /** Where the card's value of {@code field} came from, for a survivorship column the person has a value of. */
    public static Optional<FieldOrigin> originOf(ProfileCard card, Field field) {
        if (!field.survives()) {
            return Optional.empty();
        }
        return card.origins().stream().filter(o -> o.field().equals(field.survivorshipField())).findFirst();
    }

    /** Every known column, in card order. */
    public static List<Field> all() {
        return List.copyOf(FIELDS.values());
    }

    /** The column's place on the card; empty for a column this version does not know. */
    public static Optional<Field> of(String column) {
        return Optional.ofNullable(FIELDS.get(column));
    }
}
