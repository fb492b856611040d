package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.sql.Sql;
import org.c360.analytics.standardize.EventNameRule;
import org.c360.analytics.standardize.ValueTable;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;

/**
 * Builds the unified layer (seed 002's profile, seed 004's step 5):
 * <ul>
 * <li>{@code customer360_profiles}: one row per person, each field chosen among the person's records by its
 * survivorship rule, with the person's identifiers and sources, lifecycle and engagement, commerce and
 * value figures, and the AI/ML fields later analyses fill (empty until then, never made up);</li>
 * <li>{@code customer360_events}: a view of every behavioural event of every source (web events,
 * interactions, transactions, support tickets, subscription changes), in UTC, with its source and person.</li>
 * </ul>
 */
public final class ProfileBuilder {

    public static final String PICKS = "c360_profile_picks";

    private final Connection connection;
    private final Progress progress;

    ProfileBuilder(Connection connection, Progress progress) {
        this.connection = connection;
        this.progress = progress;
    }

    void build(List<IdentitySource> sources) throws SQLException {
        progress.update(-1, "Building the customer 360 profiles");
        picks(connection, Survivorship.rules(connection), Survivorship.trust(connection, sources), null);
        eventsView(sources.stream().filter(s -> !s.attachesOnly()).map(IdentitySource::rawTable).collect(Collectors.toSet()));
        StringBuilder chosen = new StringBuilder();
        for (String field : Survivorship.FIELDS.keySet()) {
            chosen.append(", max(value) FILTER (WHERE field = '").append(field).append("') AS ").append(field);
        }
        execute("CREATE OR REPLACE TEMP TABLE c360_chosen AS SELECT customer360_id" + chosen + " FROM " + PICKS
                + " GROUP BY customer360_id");
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_identity_facts AS
                SELECT l.customer360_id,
                       list(DISTINCT r.email ORDER BY r.email) FILTER (WHERE r.email IS NOT NULL) AS emails,
                       list(DISTINCT r.phone ORDER BY r.phone) FILTER (WHERE r.phone IS NOT NULL) AS phones,
                       struct_pack(customer_ids := list(DISTINCT r.raw_customer_id ORDER BY r.raw_customer_id) FILTER (WHERE r.customer_id IS NOT NULL),
                                   crm_ids := list(DISTINCT r.raw_crm_id ORDER BY r.raw_crm_id) FILTER (WHERE r.crm_id IS NOT NULL),
                                   loyalty_ids := list(DISTINCT r.raw_loyalty_id ORDER BY r.raw_loyalty_id) FILTER (WHERE r.loyalty_id IS NOT NULL),
                                   national_ids := list(DISTINCT r.raw_national_id ORDER BY r.raw_national_id) FILTER (WHERE r.national_id IS NOT NULL),
                                   devices := list(DISTINCT r.device_id ORDER BY r.device_id) FILTER (WHERE r.device_id IS NOT NULL)) AS source_ids,
                       list(DISTINCT r.source ORDER BY r.source) AS sources,
                       count(*) AS records,
                       min(r.event_time) AS first_record_at, max(r.event_time) AS last_record_at
                FROM identity_records r JOIN identity_links l USING (record_key)
                GROUP BY l.customer360_id""");
        execute("CREATE OR REPLACE TEMP TABLE c360_primary AS SELECT customer360_id, arg_min(source, trust) AS primary_source"
                + " FROM " + PICKS + " GROUP BY customer360_id");
        execute("CREATE OR REPLACE TEMP TABLE c360_event_facts AS " + eventFacts());
        execute("""
                CREATE OR REPLACE TABLE customer360_profiles AS
                SELECT p.customer360_id, pr.primary_source, f.source_ids, f.sources, p.created_at,
                       current_localtimestamp() AS updated_at,
                       c.first_name, c.last_name, nullif(concat_ws(' ', c.first_name, c.last_name), '') AS full_name,
                       c.primary_email, f.emails, c.primary_phone, f.phones,
                       c.street, c.postal_code, c.city, c.country,
                       CAST(c.date_of_birth AS DATE) AS date_of_birth,
                       CAST(date_diff('year', CAST(c.date_of_birth AS DATE), current_date) - CASE WHEN strftime(current_date, '%m%d')
                            < strftime(CAST(c.date_of_birth AS DATE), '%m%d') THEN 1 ELSE 0 END AS INTEGER) AS age,
                       CASE WHEN lower(c.opt_in) IN ('yes', 'y', 'true', '1', 'opted_in', 'opt-in', 'subscribed') THEN 'opted_in'
                            WHEN lower(c.opt_in) IN ('no', 'n', 'false', '0', 'opted_out', 'opt-out', 'unsubscribed') THEN 'opted_out'
                            ELSE 'unknown' END AS opt_in_status,
                       c.lifecycle_status, c.loyalty_tier, TRY_CAST(c.loyalty_points AS DOUBLE) AS loyalty_points_balance,
                       least(f.first_record_at, e.first_event_at, e.first_purchase_at) AS first_seen_at,
                       greatest(f.last_record_at, e.last_event_at, e.last_purchase_at) AS last_seen_at,
                       e.last_channel_seen, coalesce(e.total_sessions, 0) AS total_sessions,
                       coalesce(e.total_interactions, 0) AS total_interactions,
                       coalesce(e.support_tickets, 0) AS support_tickets, e.last_support_interaction_at,
                       e.first_purchase_at, e.last_purchase_at, coalesce(e.orders_count, 0) AS orders_count,
                       coalesce(e.total_revenue, 0) AS total_revenue, e.avg_order_value,
                       coalesce(e.refunds_count, 0) AS refunds_count, coalesce(e.refunds_amount, 0) AS refunds_amount,
                       CAST(NULL AS DOUBLE) AS lifetime_value, CAST(NULL AS DOUBLE) AS p_alive,
                       CAST(NULL AS DOUBLE) AS churn_risk_score, CAST(NULL AS DOUBLE) AS engagement_score,
                       CAST(NULL AS DOUBLE) AS propensity_to_buy_score, CAST(NULL AS VARCHAR) AS primary_segment,
                       CAST(NULL AS VARCHAR[]) AS segments, f.records
                FROM identity_persons p
                JOIN c360_identity_facts f USING (customer360_id)
                LEFT JOIN c360_chosen c USING (customer360_id)
                LEFT JOIN c360_primary pr USING (customer360_id)
                LEFT JOIN c360_event_facts e USING (customer360_id)
                WHERE p.merged_into IS NULL""");
        for (String table : List.of(PICKS, "c360_chosen", "c360_identity_facts", "c360_primary", "c360_event_facts")) {
            execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /**
     * Every field's candidate values per person, ranked by the field's rule; the winner has pick = 1.
     * {@code onePerson} restricts it to one person (for the profile card's explanation).
     */
    public static void picks(Connection connection, Map<String, Survivorship.Rule> rules, Map<String, Integer> trust,
                      String onePerson) throws SQLException {
        StringBuilder values = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> field : Survivorship.FIELDS.entrySet()) {
            values.append(", CAST(").append(field.getValue()).append(" AS VARCHAR) AS ").append(field.getKey());
            names.add(field.getKey());
        }
        StringBuilder trustValues = new StringBuilder();
        trust.forEach((table, rank) -> trustValues.append(trustValues.isEmpty() ? "" : ", ")
                .append("(").append(Sql.literal(table)).append(", ").append(rank).append(")"));
        StringBuilder ruleValues = new StringBuilder();
        rules.forEach((field, rule) -> ruleValues.append(ruleValues.isEmpty() ? "" : ", ")
                .append("('").append(field).append("', '").append(rule.name()).append("')"));
        String filter = onePerson == null ? "" : " WHERE l.customer360_id = " + Sql.literal(onePerson);
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE OR REPLACE TEMP TABLE %s AS
                    WITH candidates AS (
                        SELECT l.customer360_id, u.source, u.record_id, u.event_time, coalesce(t.trust, 9) AS trust,
                               u.field, u.value, g.value IS NOT NULL AS shared
                        FROM (UNPIVOT (SELECT record_key, source, record_id, event_time %s FROM identity_records)
                              ON %s INTO NAME field VALUE value) u
                        JOIN identity_links l USING (record_key)
                        LEFT JOIN (VALUES %s) t(raw_table, trust) ON t.raw_table = u.source
                        -- an address a guard found shared (a family's, an office's) is a contact of last resort
                        LEFT JOIN (SELECT DISTINCT CASE role WHEN 'EMAIL' THEN 'primary_email' ELSE 'primary_phone' END AS field, value
                                   FROM identity_guards WHERE role IN ('EMAIL', 'PHONE')
                                     AND run_id = (SELECT max(run_id) FROM identity_guards)) g
                               ON g.field = u.field AND g.value = u.value %s),
                    counted AS (
                        SELECT *, count(*) OVER (PARTITION BY customer360_id, field, value) AS frequency FROM candidates),
                    ranked AS (
                        -- the rule's order: a shared address last; then trust, frequency or recency; then the
                        -- most recent, the most trusted, and source and record for a stable tie-break
                        SELECT c.*, r.rule,
                               row(CAST(c.shared AS INTEGER),
                                   CAST(CASE r.rule WHEN 'SOURCE' THEN c.trust WHEN 'FREQUENT' THEN -c.frequency ELSE 0 END AS BIGINT),
                                   CAST(CASE r.rule WHEN 'FREQUENT' THEN c.trust ELSE 0 END AS BIGINT),
                                   coalesce(-epoch_us(c.event_time), 9223372036854775807), c.trust, c.source, c.record_id) AS rank_key
                        FROM counted c JOIN (VALUES %s) r(field, rule) USING (field))
                    %s""".formatted(PICKS, values, String.join(", ", names), trustValues.isEmpty() ? "('', 9)" : trustValues,
                    filter, ruleValues, onePerson == null
                            // every person's winners: an aggregate, not a sort of tens of millions of candidates
                            ? """
                              SELECT customer360_id, arg_min(source, rank_key) AS source, arg_min(record_id, rank_key) AS record_id,
                                     arg_min(event_time, rank_key) AS event_time, arg_min(trust, rank_key) AS trust, field,
                                     arg_min(value, rank_key) AS value, arg_min(shared, rank_key) AS shared,
                                     arg_min(frequency, rank_key) AS frequency, rule, 1 AS pick
                              FROM ranked GROUP BY customer360_id, field, rule"""
                            // one person's candidates, all ranked, for the card's explanation
                            : """
                              SELECT * EXCLUDE (rank_key), row_number() OVER (PARTITION BY customer360_id, field ORDER BY rank_key) AS pick
                              FROM ranked"""));
        }
    }

    private Set<String> columnsOf(Entity entity) throws SQLException {
        Set<String> columns = new HashSet<>();
        Catalog.columns(connection, entity.table()).forEach(c -> columns.add(c.name()));
        return columns;
    }

    private boolean exists(Entity entity) throws SQLException {
        return !columnsOf(entity).isEmpty();
    }

    /** The events of every behavioural entity this workspace has, with their person. */
    private void eventsView(Set<String> recordSources) throws SQLException {
        List<String> parts = new ArrayList<>();
        if (exists(Entity.WEB_EVENTS)) {
            fillEventNames("web_events", "event_name", null);
            PersonLookup.Joins p = PersonLookup.of("w", Entity.WEB_EVENTS, columnsOf(Entity.WEB_EVENTS),
                    RecordBuilder.integerColumns(connection, Entity.WEB_EVENTS.table()),
                    hasRecords(Entity.WEB_EVENTS, recordSources));
            parts.add(event(p.person(), "w.timestamp", "coalesce(n.value, w.event_name)", "'web'", "w._source_table",
                    "w.event_id", "w.page", "NULL", "w.session_id",
                    "web_events w" + p.joins() + " LEFT JOIN identity_values n ON n.role = 'EVENT_NAME'"
                            + " AND n.raw = w.event_name AND n.context IS NULL"));
        }
        if (exists(Entity.INTERACTIONS)) {
            fillEventNames("interactions", "type", EventNameRule.PRODUCT);
            PersonLookup.Joins p = PersonLookup.of("i", Entity.INTERACTIONS, columnsOf(Entity.INTERACTIONS),
                    RecordBuilder.integerColumns(connection, Entity.INTERACTIONS.table()),
                    hasRecords(Entity.INTERACTIONS, recordSources));
            parts.add(event(p.person(), "i.timestamp", "coalesce(n.value, i.type)", "i.device", "i._source_table",
                    "i.interaction_id", "'product ' || CAST(i.product_id AS VARCHAR)", "NULL", "i.session_id",
                    "interactions i" + p.joins() + " LEFT JOIN identity_values n ON n.role = 'EVENT_NAME'"
                            + " AND n.raw = i.type AND n.context = '" + EventNameRule.PRODUCT + "'"));
        }
        if (exists(Entity.TRANSACTIONS)) {
            PersonLookup.Joins p = PersonLookup.of("t", Entity.TRANSACTIONS, columnsOf(Entity.TRANSACTIONS),
                    RecordBuilder.integerColumns(connection, Entity.TRANSACTIONS.table()),
                    hasRecords(Entity.TRANSACTIONS, recordSources));
            parts.add(event(p.person(), "t.timestamp", "CASE WHEN lower(t.status) IN ('refunded', 'refund') THEN 'refund'"
                            + " WHEN lower(t.status) IN ('cancelled', 'canceled') THEN 'order_cancelled' ELSE 'purchase' END",
                    "t.channel", "t._source_table", "t.transaction_id", "'product ' || CAST(t.product_id AS VARCHAR)",
                    "t.amount", "NULL", "transactions t" + p.joins()));
        }
        if (exists(Entity.SUPPORT_TICKETS)) {
            PersonLookup.Joins p = PersonLookup.of("s", Entity.SUPPORT_TICKETS, columnsOf(Entity.SUPPORT_TICKETS),
                    RecordBuilder.integerColumns(connection, Entity.SUPPORT_TICKETS.table()),
                    hasRecords(Entity.SUPPORT_TICKETS, recordSources));
            parts.add(event(p.person(), "s.created_at", "'support_ticket'", "s.channel", "s._source_table", "s.ticket_id",
                    "concat_ws(' · ', s.status, s.sentiment, s.subject)", "NULL", "NULL", "support_tickets s" + p.joins()));
        }
        if (exists(Entity.SUBSCRIPTIONS)) {
            PersonLookup.Joins p = PersonLookup.of("b", Entity.SUBSCRIPTIONS, columnsOf(Entity.SUBSCRIPTIONS),
                    RecordBuilder.integerColumns(connection, Entity.SUBSCRIPTIONS.table()),
                    hasRecords(Entity.SUBSCRIPTIONS, recordSources));
            parts.add(event(p.person(), "b.started_at", "'subscription_started'", "NULL", "b._source_table",
                    "b.subscription_id", "b.plan", "b.mrr", "NULL", "subscriptions b" + p.joins()));
            parts.add(event(p.person(), "b.cancelled_at", "'subscription_cancelled'", "NULL", "b._source_table",
                    "b.subscription_id", "b.plan", "NULL", "NULL", "subscriptions b" + p.joins()
                            + " WHERE b.cancelled_at IS NOT NULL"));
        }
        if (parts.isEmpty()) {
            parts.add(event("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "(SELECT 1) WHERE false"));
        }
        execute("DROP VIEW IF EXISTS customer360_events");
        execute("CREATE VIEW customer360_events AS " + String.join("\nUNION ALL\n", parts));
    }

    private boolean hasRecords(Entity entity, Set<String> recordSources) throws SQLException {
        return PersonLookup.hasRecords(connection, entity, recordSources);
    }

    /** One kind of event, in the events view's columns and types. */
    private static String event(String person, String time, String type, String channel, String source, String recordId,
                                String detail, String amount, String session, String from) {
        return "SELECT CAST(" + person + " AS VARCHAR) AS customer360_id, CAST(" + time + " AS TIMESTAMP) AS event_time, CAST("
                + type + " AS VARCHAR) AS event_type, CAST(" + channel + " AS VARCHAR) AS channel, CAST(" + source
                + " AS VARCHAR) AS source, CAST(" + recordId + " AS VARCHAR) AS record_id, CAST(" + detail
                + " AS VARCHAR) AS detail, CAST(" + amount + " AS DOUBLE) AS amount, CAST(" + session
                + " AS VARCHAR) AS session_id FROM " + from;
    }

    /** Standard event names for the distinct raw names of {@code column} in {@code table}, read in {@code context}. */
    private void fillEventNames(String table, String column, String context) throws SQLException {
        String contextSql = context == null ? "NULL" : Sql.literal(context);
        execute("DELETE FROM " + RecordBuilder.VALUES + " WHERE role = 'EVENT_NAME' AND context IS NOT DISTINCT FROM "
                + contextSql);
        ValueTable.fill(connection, RecordBuilder.VALUES, "EVENT_NAME", "SELECT DISTINCT " + column + ", " + contextSql
                + " FROM " + table + " WHERE " + column + " IS NOT NULL", new EventNameRule(), progress);
    }

    /**
     * Engagement, and orders, revenue, average order value and refunds from completed and refunded
     * transactions: one pass over the events (tens of millions of rows at full scale).
     */
    private static String eventFacts() {
        return """
                SELECT customer360_id, min(event_time) AS first_event_at, max(event_time) AS last_event_at,
                       arg_max(channel, row(event_time, channel)) FILTER (WHERE channel IS NOT NULL) AS last_channel_seen,
                       count(DISTINCT session_id) AS total_sessions,
                       count(*) FILTER (WHERE event_type NOT IN ('purchase', 'refund', 'order_cancelled', 'support_ticket',
                                                                 'subscription_started', 'subscription_cancelled')) AS total_interactions,
                       count(*) FILTER (WHERE event_type = 'support_ticket') AS support_tickets,
                       max(event_time) FILTER (WHERE event_type = 'support_ticket') AS last_support_interaction_at,
                       min(event_time) FILTER (WHERE event_type = 'purchase') AS first_purchase_at,
                       max(event_time) FILTER (WHERE event_type = 'purchase') AS last_purchase_at,
                       count(*) FILTER (WHERE event_type = 'purchase') AS orders_count,
                       -- rounded to cents: a sum of doubles depends on the order rows arrive in, and a re-run must not differ
                       round(coalesce(sum(amount) FILTER (WHERE event_type = 'purchase'), 0), 2) AS total_revenue,
                       round(avg(amount) FILTER (WHERE event_type = 'purchase'), 2) AS avg_order_value,
                       count(*) FILTER (WHERE event_type = 'refund') AS refunds_count,
                       round(coalesce(sum(amount) FILTER (WHERE event_type = 'refund'), 0), 2) AS refunds_amount
                FROM customer360_events WHERE customer360_id IS NOT NULL GROUP BY customer360_id""";
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }
}
