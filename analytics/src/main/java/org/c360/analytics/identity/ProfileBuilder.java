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

    static final String PROFILES = "customer360_profiles";

    private final Connection connection;
    private final Staging staging;
    private final Progress progress;

    ProfileBuilder(Connection connection, Staging staging, Progress progress) {
        this.connection = connection;
        this.staging = staging;
        this.progress = progress;
    }

    void build(List<IdentitySource> sources) throws SQLException {
        progress.update(-1, "Building the customer 360 profiles");
        chosen(connection, Survivorship.rules(connection), Survivorship.trust(connection, sources), null);
        new EventStream(connection, staging, progress).build(recordSources(sources));
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
        chosen(connection, Survivorship.rules(connection), Survivorship.trust(connection, sources), persons);
        execute("CREATE OR REPLACE TEMP TABLE c360_profile_persons AS SELECT customer360_id FROM " + persons
                + " UNION SELECT customer360_id FROM " + eventPersons);
        write(persons, "c360_profile_persons");
        // the people whose events alone changed keep their identifiers: only their records' times are read again
        // (a third of everyone gets some of a 1 % batch's events; their full identity facts took 4.7 s)
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_record_times AS
                SELECT l.customer360_id, min(r.event_time) AS first_record_at, max(r.event_time) AS last_record_at
                FROM identity_records r JOIN identity_links l USING (record_key)
                WHERE l.customer360_id IN (SELECT customer360_id FROM c360_profile_persons)
                  AND l.customer360_id NOT IN (SELECT customer360_id FROM %s)
                GROUP BY l.customer360_id""".formatted(persons));
        String set = String.join(", ", EVENT_COLUMNS.keySet().stream().map(c -> c + " = x." + c).toList());
        execute("UPDATE customer360_profiles SET " + set + ", updated_at = current_localtimestamp() FROM (SELECT f.customer360_id, "
                + eventColumns() + " FROM c360_record_times f LEFT JOIN c360_event_facts e USING (customer360_id)) x"
                + " WHERE customer360_profiles.customer360_id = x.customer360_id");
        dropWorkTables();
        execute("DROP TABLE c360_record_times");
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
     * identity facts are worked out for the same people and the event facts for those in {@code factsOf} (null:
     * the same people), and left in their work tables until {@link #dropWorkTables()}.
     */
    private void write(String persons, String factsOf) throws SQLException {
        String factPersons = factsOf == null ? persons : factsOf;
        String only = persons == null ? "" : " WHERE l.customer360_id IN (SELECT customer360_id FROM " + persons + ")";
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_identity_facts AS
                SELECT l.customer360_id,
                       list(DISTINCT r.email ORDER BY r.email) FILTER (WHERE r.email IS NOT NULL) AS emails,
                       list(DISTINCT r.phone ORDER BY r.phone) FILTER (WHERE r.phone IS NOT NULL) AS phones,
                       struct_pack(customer_ids := list(DISTINCT coalesce(r.raw_customer_id, r.customer_id) ORDER BY coalesce(r.raw_customer_id, r.customer_id)) FILTER (WHERE r.customer_id IS NOT NULL),
                                   crm_ids := list(DISTINCT coalesce(r.raw_crm_id, r.crm_id) ORDER BY coalesce(r.raw_crm_id, r.crm_id)) FILTER (WHERE r.crm_id IS NOT NULL),
                                   loyalty_ids := list(DISTINCT coalesce(r.raw_loyalty_id, r.loyalty_id) ORDER BY coalesce(r.raw_loyalty_id, r.loyalty_id)) FILTER (WHERE r.loyalty_id IS NOT NULL),
                                   national_ids := list(DISTINCT coalesce(r.raw_national_id, r.national_id) ORDER BY coalesce(r.raw_national_id, r.national_id)) FILTER (WHERE r.national_id IS NOT NULL),
                                   devices := list(DISTINCT r.device_id ORDER BY r.device_id) FILTER (WHERE r.device_id IS NOT NULL)) AS source_ids,
                       list(DISTINCT r.source ORDER BY r.source) AS sources,
                       count(*) AS records,
                       min(r.event_time) AS first_record_at, max(r.event_time) AS last_record_at
                FROM identity_records r JOIN identity_links l USING (record_key)%s
                GROUP BY l.customer360_id""".formatted(only));
        execute("CREATE OR REPLACE TEMP TABLE c360_event_facts AS " + eventFacts(factPersons));
        String select = """
                SELECT p.customer360_id, c.primary_source, f.source_ids, f.sources, p.created_at,
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
                LEFT JOIN c360_event_facts e USING (customer360_id)
                LEFT JOIN latest_ltv_scores ls USING (customer360_id)
                WHERE p.merged_into IS NULL""".formatted(eventColumns());
        if (persons == null) {
            execute("CREATE OR REPLACE TABLE " + staging.table(PROFILES) + " AS " + select);
            staging.built(PROFILES);
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
        for (String table : List.of("c360_chosen", "c360_identity_facts", "c360_event_facts")) {
            execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /**
     * Every person's surviving field values ({@code c360_chosen}: one column per field, and the source of the
     * most trusted winning value as {@code primary_source}), or those of the people in {@code persons}. One
     * aggregate over the candidate records picks every field by its rule's order; the same order
     * {@link #picks} ranks one person's candidates by, to explain them.
     */
    static void chosen(Connection connection, Map<String, Survivorship.Rule> rules, Map<String, Integer> trust,
                       String persons) throws SQLException {
        pickBase(connection, persons == null ? "" : " WHERE l.customer360_id IN (SELECT customer360_id FROM " + persons + ")");
        StringBuilder shared = new StringBuilder();
        StringBuilder frequencies = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        StringBuilder winners = new StringBuilder();
        for (String field : Survivorship.FIELDS.keySet()) {
            Survivorship.Rule rule = rules.get(field);
            String sharedRole = SHARED_ROLES.get(field);
            String sharedColumn = "false";
            if (sharedRole != null) {
                sharedColumn = field + "_shared";
                shared.append(", g_").append(field).append(".value IS NOT NULL AS ").append(sharedColumn);
                joins.append(" LEFT JOIN ").append(sharedValues(sharedRole)).append(" g_").append(field)
                        .append(" ON g_").append(field).append(".value = b.").append(field);
            }
            String frequency = "CAST(NULL AS BIGINT)";
            if (rule == Survivorship.Rule.FREQUENT) {
                // how many of the person's records carry the value: counted and joined back (a window per field
                // sorted every candidate with all its columns, 16 s against 12-14 s at full scale)
                frequency = field + "_frequency";
                frequencies.append(", f_").append(field).append(".n AS ").append(frequency);
                joins.append(" LEFT JOIN (SELECT customer360_id, ").append(field).append(", count(*) AS n FROM c360_pick_base WHERE ")
                        .append(field).append(" IS NOT NULL GROUP BY ALL) f_").append(field).append(" ON f_").append(field)
                        .append(".customer360_id = b.customer360_id AND f_").append(field).append(".").append(field)
                        .append(" = b.").append(field);
            }
            winners.append(",\n  arg_min(struct_pack(value := ").append(field).append(", source := source, trust := trust), ")
                    .append(rankKey(Sql.literal(rule.name()), sharedColumn, frequency)).append(") FILTER (WHERE ")
                    .append(field).append(" IS NOT NULL) AS ").append(field);
        }
        String values = String.join("", Survivorship.FIELDS.keySet().stream().map(f -> ", w." + f + ".value AS " + f).toList());
        // primary_source: the most trusted source among the winning values (then the first by name); least() over
        // the winners, not a sorted list built by lambdas, which took 3.4 s of thread time for a million people
        String primary = String.join(", ", Survivorship.FIELDS.keySet().stream().map(f -> "CASE WHEN w." + f
                + " IS NOT NULL THEN struct_pack(trust := w." + f + ".trust, source := w." + f + ".source) END").toList());
        Statements.execute(connection, Progress.none(), """
                CREATE OR REPLACE TEMP TABLE c360_chosen AS
                WITH candidates AS (
                    SELECT b.*, coalesce(t.trust, 9) AS trust%s%s
                    FROM c360_pick_base b LEFT JOIN (VALUES %s) t(raw_table, trust) ON t.raw_table = b.source%s),
                winners AS (
                    SELECT customer360_id%s
                    FROM candidates GROUP BY customer360_id)
                SELECT w.customer360_id%s,
                       least(%s).source AS primary_source
                FROM winners w""".formatted(shared, frequencies, trustValues(trust), joins, winners, values, primary));
        Statements.execute(connection, Progress.none(), "DROP TABLE c360_pick_base");
    }

    /**
     * One person's candidate values of every field, all ranked by the field's rule, the winner with pick = 1:
     * {@value #PICKS}, for the profile card's explanation.
     */
    public static void picks(Connection connection, Map<String, Survivorship.Rule> rules, Map<String, Integer> trust,
                             String onePerson) throws SQLException {
        pickBase(connection, " WHERE l.customer360_id = " + Sql.literal(onePerson));
        StringBuilder ruleValues = new StringBuilder();
        rules.forEach((field, rule) -> ruleValues.append(ruleValues.isEmpty() ? "" : ", ")
                .append("('").append(field).append("', '").append(rule.name()).append("')"));
        StringBuilder sharedJoins = new StringBuilder();
        SHARED_ROLES.forEach((field, role) -> sharedJoins.append(sharedJoins.isEmpty() ? "" : " UNION ALL ")
                .append("SELECT '").append(field).append("' AS field, value FROM ").append(sharedValues(role)));
        String names = String.join(", ", Survivorship.FIELDS.keySet());
        Statements.execute(connection, Progress.none(), """
                CREATE OR REPLACE TEMP TABLE %s AS
                WITH candidates AS (
                    SELECT u.customer360_id, u.source, u.record_id, u.event_time, u.tie, coalesce(t.trust, 9) AS trust,
                           u.field, u.value, g.value IS NOT NULL AS shared
                    FROM (UNPIVOT (SELECT customer360_id, source, record_id, event_time, tie, %s FROM c360_pick_base)
                          ON %s INTO NAME field VALUE value) u
                    LEFT JOIN (VALUES %s) t(raw_table, trust) ON t.raw_table = u.source
                    LEFT JOIN (%s) g ON g.field = u.field AND g.value = u.value),
                ranked AS (
                    SELECT c.*, r.rule, %s AS rank_key
                    FROM (SELECT *, count(*) OVER (PARTITION BY customer360_id, field, value) AS frequency FROM candidates) c
                    JOIN (VALUES %s) r(field, rule) USING (field))
                SELECT * EXCLUDE (rank_key, tie), row_number() OVER (PARTITION BY customer360_id, field ORDER BY rank_key) AS pick
                FROM ranked""".formatted(PICKS, names, names, trustValues(trust), sharedJoins.isEmpty() ? "SELECT NULL, NULL WHERE false"
                : sharedJoins, rankKey("r.rule", "c.shared", "c.frequency"), ruleValues));
        Statements.execute(connection, Progress.none(), "DROP TABLE c360_pick_base");
    }

    /** Fields whose values a guard may find shared (a family's e-mail, an office's phone): contacts of last resort. */
    private static final Map<String, String> SHARED_ROLES = Map.of("primary_email", "EMAIL", "primary_phone", "PHONE");

    /**
     * The order a rule ranks a field's candidates in (least first): a shared address last; then trust,
     * frequency or recency; then the most recent, the most trusted, and source and record for a stable
     * tie-break. Over columns {@code trust}, {@code event_time} and {@code tie} (the candidate's place among the
     * person's by source and record id). A number compares faster than two texts: at full scale the 13 arg_mins
     * took 8.0 s against 12.5 s, for 2 s more to number the candidates.
     */
    private static String rankKey(String rule, String shared, String frequency) {
        return ("row(CAST(%2$s AS INTEGER),"
                + " CAST(CASE %1$s WHEN 'SOURCE' THEN trust WHEN 'FREQUENT' THEN -%3$s ELSE 0 END AS BIGINT),"
                + " CAST(CASE %1$s WHEN 'FREQUENT' THEN trust ELSE 0 END AS BIGINT),"
                + " coalesce(-epoch_us(event_time), 9223372036854775807), trust, tie)").formatted(rule, shared, frequency);
    }

    /** The values of {@code role} the last run's guards found shared. */
    private static String sharedValues(String role) {
        return "(SELECT DISTINCT value FROM identity_guards WHERE role = '" + role
                + "' AND run_id = (SELECT max(run_id) FROM identity_guards))";
    }

    private static String trustValues(Map<String, Integer> trust) {
        StringBuilder values = new StringBuilder();
        trust.forEach((table, rank) -> values.append(values.isEmpty() ? "" : ", ")
                .append("(").append(Sql.literal(table)).append(", ").append(rank).append(")"));
        return values.isEmpty() ? "('', 9)" : values.toString();
    }

    /**
     * The candidate records of the people {@code filter} keeps (over links {@code l}), with their person and
     * every field: {@code c360_pick_base}. Some people's records are picked first, not every record's fields
     * read and then dropped; the join of millions of text keys is made once, not once per field.
     */
    private static void pickBase(Connection connection, String filter) throws SQLException {
        String records = filter.isEmpty() ? "identity_records"
                : "(SELECT * FROM identity_records WHERE record_key IN (SELECT l.record_key FROM identity_links l" + filter + "))";
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, String> field : Survivorship.FIELDS.entrySet()) {
            all.append(", CAST(").append(field.getValue()).append(" AS VARCHAR) AS ").append(field.getKey());
        }
        Statements.execute(connection, Progress.none(), """
                CREATE OR REPLACE TEMP TABLE c360_pick_base AS
                SELECT *, row_number() OVER (PARTITION BY customer360_id ORDER BY source, record_id) AS tie
                FROM (SELECT l.customer360_id, r.source, r.record_id, r.event_time%s
                      FROM %s r JOIN identity_links l USING (record_key)%s)
                WHERE %s""".formatted(all, records, filter, String.join(" OR ",
                Survivorship.FIELDS.keySet().stream().map(name -> name + " IS NOT NULL").toList())));
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
                           -- summed as decimals: a sum of doubles depends on the order rows arrive in (rows are read in
                           -- parallel, in no fixed order), and a re-run on the same data must give the same cents
                           round(CAST(coalesce(sum(CAST(amount AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase'), 0) AS DOUBLE), 2)
                               AS total_revenue,
                           round(CAST(sum(CAST(amount AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase') AS DOUBLE)
                                 / nullif(count(amount) FILTER (WHERE event_type = 'purchase'), 0), 2) AS avg_order_value,
                           count(*) FILTER (WHERE event_type = 'refund') AS refunds_count,
                           round(CAST(coalesce(sum(CAST(amount AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'refund'), 0) AS DOUBLE), 2)
                               AS refunds_amount
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
