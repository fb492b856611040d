package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;

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
        picks(connection, Survivorship.rules(connection), Survivorship.trust(connection, sources), null, null);
        new EventStream(connection, progress).build(recordSources(sources));
        write(null, null);
    }

    /**
     * After an incremental run: rebuilds the profiles of the people in {@code persons} (a table of
     * customer360_id), whose records changed, and refreshes only the event figures of the people in
     * {@code eventPersons}, whose events changed but whose records, and so whose surviving fields, did not.
     * Profiles of people merged away are removed.
     */
    void update(List<IdentitySource> sources, String persons, String eventPersons) throws SQLException {
        progress.update(-1, "Updating the customer 360 profiles");
        picks(connection, Survivorship.rules(connection), Survivorship.trust(connection, sources), null, persons);
        execute("CREATE OR REPLACE TEMP TABLE c360_profile_persons AS SELECT customer360_id FROM " + persons
                + " UNION SELECT customer360_id FROM " + eventPersons);
        write(persons, "c360_profile_persons");
        String set = String.join(", ", EVENT_COLUMNS.keySet().stream().map(c -> c + " = x." + c).toList());
        execute("UPDATE customer360_profiles SET " + set + ", updated_at = current_localtimestamp() FROM (SELECT f.customer360_id, "
                + eventColumns() + " FROM c360_identity_facts f LEFT JOIN c360_event_facts e USING (customer360_id)) x"
                + " WHERE customer360_profiles.customer360_id = x.customer360_id"
                + " AND x.customer360_id NOT IN (SELECT customer360_id FROM " + persons + ")");
        dropWorkTables();
        execute("DROP TABLE c360_profile_persons");
    }

    /**
     * The profile columns that come from a person's events (and the times of their records), over {@code f}
     * (identity facts) and {@code e} (event facts): the part of a profile that changes when only events do.
     */
    private static final Map<String, String> EVENT_COLUMNS = eventColumnMap();

    private static Map<String, String> eventColumnMap() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("first_seen_at", "least(f.first_record_at, e.first_event_at, e.first_purchase_at)");
        columns.put("last_seen_at", "greatest(f.last_record_at, e.last_event_at, e.last_purchase_at)");
        columns.put("last_channel_seen", "e.last_channel_seen");
        columns.put("total_sessions", "coalesce(e.total_sessions, 0)");
        columns.put("total_interactions", "coalesce(e.total_interactions, 0)");
        columns.put("support_tickets", "coalesce(e.support_tickets, 0)");
        columns.put("last_support_interaction_at", "e.last_support_interaction_at");
        columns.put("first_purchase_at", "e.first_purchase_at");
        columns.put("last_purchase_at", "e.last_purchase_at");
        columns.put("orders_count", "coalesce(e.orders_count, 0)");
        columns.put("total_revenue", "coalesce(e.total_revenue, 0)");
        columns.put("avg_order_value", "e.avg_order_value");
        columns.put("refunds_count", "coalesce(e.refunds_count, 0)");
        columns.put("refunds_amount", "coalesce(e.refunds_amount, 0)");
        return Collections.unmodifiableMap(columns);
    }

    private static String eventColumns() {
        return String.join(", ", EVENT_COLUMNS.entrySet().stream().map(c -> c.getValue() + " AS " + c.getKey()).toList());
    }

    static Set<String> recordSources(List<IdentitySource> sources) {
        return sources.stream().filter(s -> !s.attachesOnly()).map(IdentitySource::rawTable).collect(Collectors.toSet());
    }

    /**
     * Profiles from the picks, identifiers and events; of everyone, or of the people in {@code persons}. The
     * identity and event facts are worked out for the people in {@code factsOf} (null: the same people), and left
     * in their work tables until {@link #dropWorkTables()}.
     */
    private void write(String persons, String factsOf) throws SQLException {
        String factPersons = factsOf == null ? persons : factsOf;
        String only = factPersons == null ? "" : " WHERE l.customer360_id IN (SELECT customer360_id FROM " + factPersons + ")";
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
                FROM identity_records r JOIN identity_links l USING (record_key)%s
                GROUP BY l.customer360_id""".formatted(only));
        execute("CREATE OR REPLACE TEMP TABLE c360_primary AS SELECT customer360_id, arg_min(source, trust) AS primary_source"
                + " FROM " + PICKS + " GROUP BY customer360_id");
        execute("CREATE OR REPLACE TEMP TABLE c360_event_facts AS " + eventFacts(factPersons));
        String select = """
                SELECT p.customer360_id, pr.primary_source, f.source_ids, f.sources, p.created_at,
                       current_localtimestamp() AS updated_at,
                       c.first_name, c.last_name, nullif(concat_ws(' ', c.first_name, c.last_name), '') AS full_name,
                       c.primary_email, f.emails, c.primary_phone, f.phones,
                       c.street, c.postal_code, c.city, c.country,
                       CAST(c.date_of_birth AS DATE) AS date_of_birth,
                       CAST(date_diff('year', CAST(c.date_of_birth AS DATE), current_date) - CASE WHEN strftime(current_date, '%%m%%d')
                            < strftime(CAST(c.date_of_birth AS DATE), '%%m%%d') THEN 1 ELSE 0 END AS INTEGER) AS age,
                       CASE WHEN lower(c.opt_in) IN ('yes', 'y', 'true', '1', 'opted_in', 'opt-in', 'subscribed') THEN 'opted_in'
                            WHEN lower(c.opt_in) IN ('no', 'n', 'false', '0', 'opted_out', 'opt-out', 'unsubscribed') THEN 'opted_out'
                            ELSE 'unknown' END AS opt_in_status,
                       c.lifecycle_status, c.loyalty_tier, TRY_CAST(c.loyalty_points AS DOUBLE) AS loyalty_points_balance,
                       %s,
                       -- the latest written lifetime-value scores (c360 ltv --write), kept across re-resolves
                       ls.lifetime_value, ls.p_alive,
                       CAST(NULL AS DOUBLE) AS churn_risk_score, CAST(NULL AS DOUBLE) AS engagement_score,
                       CAST(NULL AS DOUBLE) AS propensity_to_buy_score, CAST(NULL AS VARCHAR) AS primary_segment,
                       CAST(NULL AS VARCHAR[]) AS segments, f.records
                FROM identity_persons p
                JOIN c360_identity_facts f USING (customer360_id)
                LEFT JOIN c360_chosen c USING (customer360_id)
                LEFT JOIN c360_primary pr USING (customer360_id)
                LEFT JOIN c360_event_facts e USING (customer360_id)
                LEFT JOIN latest_ltv_scores ls USING (customer360_id)
                WHERE p.merged_into IS NULL""".formatted(eventColumns());
        if (persons == null) {
            execute("CREATE OR REPLACE TABLE customer360_profiles AS " + select);
        } else {
            execute("DELETE FROM customer360_profiles WHERE customer360_id IN (SELECT customer360_id FROM " + persons + ")"
                    + " OR customer360_id IN (SELECT customer360_id FROM identity_persons WHERE merged_into IS NOT NULL)");
            execute("INSERT INTO customer360_profiles " + select + " AND p.customer360_id IN (SELECT customer360_id FROM "
                    + persons + ")");
        }
        if (factsOf == null) {
            dropWorkTables();
        }
    }

    private void dropWorkTables() throws SQLException {
        for (String table : List.of(PICKS, "c360_chosen", "c360_identity_facts", "c360_primary", "c360_event_facts")) {
            execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /**
     * Every field's candidate values per person, ranked by the field's rule; the winner has pick = 1.
     * {@code onePerson} restricts it to one person (for the profile card's explanation), {@code persons} to
     * the people in that table (an incremental run's).
     */
    public static void picks(Connection connection, Map<String, Survivorship.Rule> rules, Map<String, Integer> trust,
                      String onePerson, String persons) throws SQLException {
        StringBuilder trustValues = new StringBuilder();
        trust.forEach((table, rank) -> trustValues.append(trustValues.isEmpty() ? "" : ", ")
                .append("(").append(Sql.literal(table)).append(", ").append(rank).append(")"));
        StringBuilder ruleValues = new StringBuilder();
        rules.forEach((field, rule) -> ruleValues.append(ruleValues.isEmpty() ? "" : ", ")
                .append("('").append(field).append("', '").append(rule.name()).append("')"));
        String filter = onePerson != null ? " WHERE l.customer360_id = " + Sql.literal(onePerson)
                : persons != null ? " WHERE l.customer360_id IN (SELECT customer360_id FROM " + persons + ")" : "";
        // some people's candidates: their records picked first, not every record's fields unpivoted and then dropped
        String records = filter.isEmpty() ? "identity_records"
                : "(SELECT * FROM identity_records WHERE record_key IN (SELECT l.record_key FROM identity_links l" + filter + "))";
        // The candidates' records with their person, once: a join of millions of text keys, not one per field.
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, String> field : Survivorship.FIELDS.entrySet()) {
            all.append(", CAST(").append(field.getValue()).append(" AS VARCHAR) AS ").append(field.getKey());
        }
        Statements.execute(connection, Progress.none(), """
                CREATE OR REPLACE TEMP TABLE c360_pick_base AS
                SELECT * FROM (SELECT l.customer360_id, r.source, r.record_id, r.event_time%s
                               FROM %s r JOIN identity_links l USING (record_key)%s)
                WHERE %s""".formatted(all, records, filter, String.join(" OR ",
                Survivorship.FIELDS.keySet().stream().map(name -> name + " IS NOT NULL").toList())));
        // Everyone's picks one field at a time: all fields of 8M records at once (some 30M candidates, ranked)
        // took more than 8 GB; one person's explanation, all fields at once.
        List<List<String>> passes = onePerson != null ? List.of(List.copyOf(Survivorship.FIELDS.keySet()))
                : Survivorship.FIELDS.keySet().stream().map(List::of).toList();
        boolean first = true;
        for (List<String> names : passes) {
            Statements.execute(connection, Progress.none(), (first
                    ? "CREATE OR REPLACE TEMP TABLE " + PICKS + " AS " : "INSERT INTO " + PICKS + " ") + """
                    WITH candidates AS (
                        SELECT u.customer360_id, u.source, u.record_id, u.event_time, coalesce(t.trust, 9) AS trust,
                               u.field, u.value, g.value IS NOT NULL AS shared
                        FROM (UNPIVOT (SELECT customer360_id, source, record_id, event_time, %s FROM c360_pick_base)
                              ON %s INTO NAME field VALUE value) u
                        LEFT JOIN (VALUES %s) t(raw_table, trust) ON t.raw_table = u.source
                        -- an address a guard found shared (a family's, an office's) is a contact of last resort
                        LEFT JOIN (SELECT DISTINCT CASE role WHEN 'EMAIL' THEN 'primary_email' ELSE 'primary_phone' END AS field, value
                                   FROM identity_guards WHERE role IN ('EMAIL', 'PHONE')
                                     AND run_id = (SELECT max(run_id) FROM identity_guards)) g
                               ON g.field = u.field AND g.value = u.value),
                    counted AS (
                        SELECT *, %s AS frequency FROM candidates),
                    ranked AS (
                        -- the rule's order: a shared address last; then trust, frequency or recency; then the
                        -- most recent, the most trusted, and source and record for a stable tie-break
                        SELECT c.*, r.rule,
                               row(CAST(c.shared AS INTEGER),
                                   CAST(CASE r.rule WHEN 'SOURCE' THEN c.trust WHEN 'FREQUENT' THEN -c.frequency ELSE 0 END AS BIGINT),
                                   CAST(CASE r.rule WHEN 'FREQUENT' THEN c.trust ELSE 0 END AS BIGINT),
                                   coalesce(-epoch_us(c.event_time), 9223372036854775807), c.trust, c.source, c.record_id) AS rank_key
                        FROM counted c JOIN (VALUES %s) r(field, rule) USING (field))
                    %s""".formatted(String.join(", ", names), String.join(", ", names),
                    trustValues.isEmpty() ? "('', 9)" : trustValues,
                    // only the "most frequent" rule counts; the count is a window over millions of candidates
                    names.stream().anyMatch(name -> rules.get(name) == Survivorship.Rule.FREQUENT) || onePerson != null
                            ? "count(*) OVER (PARTITION BY customer360_id, field, value)" : "CAST(NULL AS BIGINT)",
                    ruleValues, onePerson == null
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
            first = false;
        }
        Statements.execute(connection, Progress.none(), "DROP TABLE c360_pick_base");
    }

    /**
     * Engagement, and orders, revenue, average order value and refunds from completed and refunded
     * transactions: one pass over the events (tens of millions of rows at full scale).
     */
    private static String eventFacts(String persons) {
        String who = persons == null ? "customer360_id IS NOT NULL"
                : "customer360_id IN (SELECT customer360_id FROM " + persons + ")";
        // sessions are counted apart: a distinct count per person inside the big aggregate took as long as the rest
        return """
                WITH facts AS (
                    SELECT customer360_id, min(event_time) AS first_event_at, max(event_time) AS last_event_at,
                           arg_max(channel, row(event_time, channel)) FILTER (WHERE channel IS NOT NULL) AS last_channel_seen,
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
                    FROM %1$s WHERE %2$s GROUP BY customer360_id
                ), sessions AS (
                    SELECT customer360_id, count(*) AS total_sessions
                    FROM (SELECT DISTINCT customer360_id, session_id FROM %1$s WHERE session_id IS NOT NULL AND %2$s)
                    GROUP BY customer360_id
                )
                SELECT f.*, coalesce(s.total_sessions, 0) AS total_sessions FROM facts f LEFT JOIN sessions s USING (customer360_id)"""
                .formatted(EventStream.TABLE, who);
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }
}
