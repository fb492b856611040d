package org.c360.analytics.profile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.c360.analytics.identity.IdentitySource;
import org.c360.analytics.identity.IdentitySources;
import org.c360.analytics.identity.ProfileBuilder;
import org.c360.analytics.identity.Survivorship;
import org.c360.analytics.standardize.EmailRule;
import org.c360.analytics.standardize.IdRule;
import org.c360.analytics.standardize.PhoneRule;
import org.c360.analytics.standardize.Standardized;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;

/**
 * Reading resolved people: find one by name, e-mail, phone or any source id; their profile card with every
 * field explained; their identity graph; their timeline. All of it reads {@code customer360_profiles},
 * {@code identity_*} and {@code customer360_events} built by resolution.
 */
public final class Profiles {

    private static final String[] IDENTIFIER_COLUMNS = {"customer_id", "crm_id", "loyalty_id", "national_id", "email",
            "phone", "device_id", "cookie_id"};

    private final Workspace workspace;

    public Profiles(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Whether resolution has run in this workspace. */
    public boolean resolved() {
        return workspace.catalog().exists("customer360_profiles");
    }

    /**
     * People whose name contains {@code text}, or whose e-mail, phone or any source id is {@code text} once
     * standardised (so "Anna.Meier+x@GoogleMail.com" finds anna.meier@gmail.com's owner; a value several
     * people share, such as a family's e-mail, finds each of them), or whose customer360 id it is. An id
     * typed exactly as a source wrote it wins over ids that only standardise alike: "CRM-0000380" finds the
     * CRM's record, not also customer 380 and loyalty member LY00000380.
     */
    public List<ProfileMatch> search(String text, int limit) {
        String query = text == null ? "" : text.strip();
        if (query.isEmpty()) {
            return List.of();
        }
        List<String[]> keys = new ArrayList<>();
        Standardized email = new EmailRule().apply(query);
        if (email.isValid()) {
            keys.add(new String[] {"EMAIL", email.value(), "e-mail"});
        }
        Standardized phone = new PhoneRule().apply(query, null);
        if (phone.isValid()) {
            keys.add(new String[] {"PHONE", phone.value(), "phone"});
        }
        Standardized id = new IdRule().apply(query);
        if (id.isValid()) {
            for (String role : new String[] {"CUSTOMER_ID", "CRM_ID", "LOYALTY_ID", "NATIONAL_ID", "DEVICE_ID", "COOKIE_ID"}) {
                keys.add(new String[] {role, id.value(), role.toLowerCase(Locale.ROOT).replace("_id", " id").replace('_', ' ')});
            }
        }
        // rank: 0 customer360 id, 1 an identifier (an id as written), 2 an id that only standardises alike, 3 a name
        StringBuilder sql = new StringBuilder("""
                WITH hits AS (
                    SELECT customer360_id, 'customer360 id' AS matched_by, 0 AS rank FROM customer360_profiles
                    WHERE customer360_id = ?
                """);
        for (String[] key : keys) {
            // the records, not identity_index: a value several people share (a family's e-mail, which the
            // guards kept from linking them) is in no index entry, and should still find each of them
            String column = key[0].toLowerCase(Locale.ROOT);
            // records keep the text as written only where standardising changed it
            String rank = key[0].endsWith("_ID") ? "CASE WHEN trim(coalesce(r.raw_" + column + ", r." + column + ")) = ? THEN 1 ELSE 2 END"
                    : "1";
            sql.append(" UNION ALL SELECT l.customer360_id, ?, ").append(rank)
                    .append(" FROM identity_records r JOIN identity_links l USING (record_key)")
                    .append(" WHERE l.customer360_id IS NOT NULL AND r.").append(column).append(" = ?");
        }
        sql.append("""
                     UNION ALL SELECT customer360_id, 'name', 3 FROM customer360_profiles WHERE full_name ILIKE ? ESCAPE '\\'),
                kept AS (SELECT * FROM hits WHERE rank <> 2 OR NOT EXISTS (SELECT 1 FROM hits WHERE rank = 1 AND matched_by LIKE '% id'))
                SELECT p.customer360_id, p.full_name, p.primary_email, p.primary_phone, arg_min(h.matched_by, h.rank)
                FROM kept h JOIN customer360_profiles p USING (customer360_id)
                GROUP BY ALL ORDER BY min(h.rank), p.full_name NULLS LAST, p.customer360_id LIMIT ?""");
        List<ProfileMatch> matches = new ArrayList<>();
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int p = 1;
            statement.setString(p++, query);
            for (String[] key : keys) {
                statement.setString(p++, key[2]);
                if (key[0].endsWith("_ID")) {
                    statement.setString(p++, query);
                }
                statement.setString(p++, key[1]);
            }
            statement.setString(p++, "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            statement.setInt(p, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    matches.add(new ProfileMatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw failure("Searching profiles", e);
        }
        return matches;
    }

    /**
     * The people linked from the most records (most sources first among equals), for a list to start from
     * before anything is searched; {@code matchedBy} says how many records and sources each has.
     */
    public List<ProfileMatch> mostLinked(int limit) {
        List<ProfileMatch> matches = new ArrayList<>();
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT customer360_id, full_name, primary_email, primary_phone, records, len(sources)
                     FROM customer360_profiles ORDER BY records DESC, len(sources) DESC, customer360_id LIMIT ?""")) {
            statement.setInt(1, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long records = rs.getLong(5);
                    long sources = rs.getLong(6);
                    matches.add(new ProfileMatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            records + (records == 1 ? " record" : " records") + " from " + sources
                                    + (sources == 1 ? " source" : " sources")));
                }
            }
        } catch (SQLException e) {
            throw failure("Listing profiles", e);
        }
        return matches;
    }

    /** One person's card, or empty if there is no such (current) person. */
    public Optional<ProfileCard> card(String customer360Id) {
        try (Connection connection = workspace.connect()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT * FROM customer360_profiles WHERE customer360_id = ?")) {
                statement.setString(1, customer360Id);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        fields.put(meta.getColumnLabel(i), value instanceof java.sql.Array array ? List.of((Object[]) array.getArray())
                                : value instanceof java.sql.Struct struct ? struct.toString() : value);
                    }
                }
            }
            return Optional.of(new ProfileCard(customer360Id, fields, origins(connection, customer360Id),
                    records(connection, customer360Id), guards(connection, customer360Id)));
        } catch (SQLException e) {
            throw failure("Reading the profile of " + customer360Id, e);
        }
    }

    /** Every survivorship field: the winning value, its record and rule, and the other candidates. */
    private static List<FieldOrigin> origins(Connection connection, String id) throws SQLException {
        List<IdentitySource> sources = new ArrayList<>(IdentitySources.load(connection).values());
        ProfileBuilder.picks(connection, Survivorship.rules(connection), Survivorship.trust(connection, sources), id);
        Map<String, List<FieldOrigin.Candidate>> candidates = new LinkedHashMap<>();
        Map<String, String[]> winners = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT field, value, source, record_id, rule, pick,"
                + " frequency, trust FROM " + ProfileBuilder.PICKS + " ORDER BY field, pick");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String field = rs.getString(1);
                if (rs.getInt(6) == 1) {
                    winners.put(field, new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
                candidates.computeIfAbsent(field, f -> new ArrayList<>()).add(new FieldOrigin.Candidate(rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getLong(7), rs.getInt(8)));
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + ProfileBuilder.PICKS);
        }
        List<FieldOrigin> origins = new ArrayList<>();
        for (String field : Survivorship.FIELDS.keySet()) {
            String[] winner = winners.get(field);
            if (winner != null) {
                origins.add(new FieldOrigin(field, winner[0], winner[1], winner[2],
                        winner[3].toLowerCase(Locale.ROOT), candidates.get(field)));
            }
        }
        return origins;
    }

    private static List<SourceRecord> records(Connection connection, String id) throws SQLException {
        List<SourceRecord> records = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT r.source, r.record_id, l.linked_by, %s FROM identity_records r JOIN identity_links l USING (record_key)
                WHERE l.customer360_id = ? ORDER BY r.source, r.event_time NULLS LAST, r.record_id LIMIT 500"""
                .formatted(String.join(", ", java.util.Arrays.stream(IDENTIFIER_COLUMNS).map(c -> "r." + c).toList())))) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> identifiers = new LinkedHashMap<>();
                    for (int i = 0; i < IDENTIFIER_COLUMNS.length; i++) {
                        String value = rs.getString(4 + i);
                        if (value != null) {
                            identifiers.put(IDENTIFIER_COLUMNS[i], value);
                        }
                    }
                    records.add(new SourceRecord(rs.getString(1), rs.getString(2), rs.getString(3), identifiers));
                }
            }
        }
        return records;
    }

    /** Guards of the latest run that fired on identifiers this person's records carry. */
    private static List<String> guards(Connection connection, String id) throws SQLException {
        List<String> guards = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH mine AS (SELECT DISTINCT upper(u.role) AS role, u.value
                              FROM (UNPIVOT (SELECT r.* FROM identity_records r JOIN identity_links l USING (record_key)
                                             WHERE l.customer360_id = ?) ON %s INTO NAME role VALUE value) u)
                SELECT g.guard || ': ' || lower(replace(g.role, '_', ' ')) || ' ' || g.value || ' ' || g.detail
                FROM identity_guards g JOIN mine m ON m.role = g.role AND m.value = g.value
                WHERE g.run_id = (SELECT max(run_id) FROM identity_runs WHERE finished_at IS NOT NULL)
                ORDER BY 1""".formatted(String.join(", ", IDENTIFIER_COLUMNS)))) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    guards.add(rs.getString(1));
                }
            }
        }
        return guards;
    }

    /** The person's identity graph: records, the identifiers they carry, blocked ones marked. */
    public IdentityGraph graph(String customer360Id) {
        IdentityGraph graph = new IdentityGraph();
        try (Connection connection = workspace.connect()) {
            Map<String, IdentityGraph.Node> identifiers = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    WITH mine AS (SELECT r.* FROM identity_records r JOIN identity_links l USING (record_key)
                                  WHERE l.customer360_id = ? ORDER BY r.record_key LIMIT 200),
                         latest AS (SELECT role, value FROM identity_guards
                                    WHERE run_id = (SELECT max(run_id) FROM identity_runs WHERE finished_at IS NOT NULL))
                    SELECT u.source, u.record_id, upper(u.role), u.value,
                           EXISTS (SELECT 1 FROM latest g WHERE g.role = upper(u.role) AND g.value = u.value)
                    FROM (UNPIVOT (SELECT source, record_id, %s FROM mine) ON %s INTO NAME role VALUE value) u
                    ORDER BY 1, 2""".formatted(String.join(", ", IDENTIFIER_COLUMNS), String.join(", ", IDENTIFIER_COLUMNS)))) {
                statement.setString(1, customer360Id);
                Map<String, IdentityGraph.Node> records = new LinkedHashMap<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String recordLabel = rs.getString(1).replaceFirst("^raw_", "") + " " + rs.getString(2);
                        IdentityGraph.Node record = records.computeIfAbsent(recordLabel, label -> graph.add(
                                new IdentityGraph.Node(IdentityGraph.Node.Kind.RECORD, label, null, false)));
                        String role = rs.getString(3).toLowerCase(Locale.ROOT).replace('_', ' ');
                        String key = role + " " + rs.getString(4);
                        IdentityGraph.Node identifier = identifiers.computeIfAbsent(key, k -> graph.add(
                                new IdentityGraph.Node(IdentityGraph.Node.Kind.IDENTIFIER, k, role, false)));
                        if (rs.getBoolean(5) && !identifier.blocked()) {
                            graph.graph().removeVertex(identifier);
                            identifier = graph.add(new IdentityGraph.Node(IdentityGraph.Node.Kind.IDENTIFIER, key, role, true));
                            identifiers.put(key, identifier);
                        }
                        graph.link(record, identifier);
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("Reading the identity graph of " + customer360Id, e);
        }
        return graph;
    }

    /** The person's events, newest first. */
    public List<TimelineEvent> timeline(String customer360Id, int limit) {
        List<TimelineEvent> events = new ArrayList<>();
        try (Connection connection = workspace.connect();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT event_time, event_type, channel, source, record_id, detail, amount FROM customer360_events
                     WHERE customer360_id = ? ORDER BY event_time DESC NULLS LAST LIMIT ?""")) {
            statement.setString(1, customer360Id);
            statement.setInt(2, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Timestamp time = rs.getTimestamp(1);
                    // getObject, not getDouble + wasNull: DuckDB reads a NULL double as NaN
                    Double amount = rs.getObject(7) instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : null;
                    events.add(new TimelineEvent(time == null ? null : time.toLocalDateTime(), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), amount));
                }
            }
        } catch (SQLException e) {
            throw failure("Reading the timeline of " + customer360Id, e);
        }
        return events;
    }

    private static C360Exception failure(String what, SQLException e) {
        String message = org.c360.analytics.sql.DuckDbMessages.headline(e.getMessage());
        if (message.contains("customer360_profiles") && message.contains("does not exist")) {
            return new C360Exception("No profiles yet: resolve identities first (c360 resolve, or Resolve in the Profiles tab).", e);
        }
        return new C360Exception(what + " failed: " + message, e);
    }
}
