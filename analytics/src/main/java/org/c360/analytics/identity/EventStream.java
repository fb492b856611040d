package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.sql.Sql;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.standardize.EventNameRule;
import org.c360.analytics.standardize.ValueTable;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;

/**
 * {@code identity_events}: every behavioural event of every source (web events, interactions, transactions,
 * support tickets, subscription changes) in UTC, with its person, written once per resolution rather than
 * worked out by every query (the person of a page view takes up to six look-ups). A row not placed by its own
 * record's link keeps the standardised identifiers it was placed by, so an incremental run re-places only the
 * rows whose identifiers changed hands. {@code customer360_events} is the view analysts query, without those key
 * columns.
 */
final class EventStream {

    static final String TABLE = "identity_events";
    static final String VIEW = "customer360_events";
    /** The identifier columns a row may be placed by, in the order they are tried after the row's own link. */
    private static final List<String[]> KEYS = List.of(new String[] {"customer_id", "CUSTOMER_ID", "key_customer"},
            new String[] {"user_id", "CUSTOMER_ID", "key_user"}, new String[] {"email", "EMAIL", "key_email"},
            new String[] {"cookie_id", "COOKIE_ID", "key_cookie"}, new String[] {"device_id", "DEVICE_ID", "key_device"});

    /** The index entries of an incremental run's new events' keys. */
    private static final String NEW_INDEX = "c360_new_index";

    /** Column types kept as numbers when an id or product column has them (and read back as BIGINT). */
    private static final Set<String> WHOLE_NUMBERS = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT",
            "USMALLINT", "UINTEGER");

    private final Connection connection;
    private final Staging staging;
    private final Progress progress;
    /** The work tables of an incremental run's new rows, one per kind of event, dropped once they are placed. */
    private final List<String> newRows = new ArrayList<>();

    EventStream(Connection connection, Staging staging, Progress progress) {
        this.connection = connection;
        this.staging = staging;
        this.progress = progress;
    }

    /** Builds the table anew from every event table; {@code recordSources} are the raw tables resolved as records. */
    void build(Set<String> recordSources) throws SQLException {
        progress.update(-1, "Placing every event with its person");
        List<String> parts = parts(recordSources, null);
        execute("CREATE OR REPLACE TABLE " + staging.table(TABLE) + " AS " + String.join("\nUNION ALL\n", parts));
        staging.built(TABLE);
        staging.whenSaved(viewSql());
    }

    /**
     * Adds the events of raw tables resolution has not seen before, and re-places the rows of {@code oldPersons}
     * (ids that lost records: merged away or split) and the rows carrying an identifier in {@code
     * c360_changed_values(role, value)} (one that changed hands, such as an anonymous cookie a new login now ties
     * to someone).
     *
     * The people whose events changed (new owners and old) are left in {@code c360_event_persons}.
     */
    void update(Set<String> recordSources, Collection<String> newTables, String oldPersons) throws SQLException {
        progress.update(-1, "Placing new and changed events");
        execute("CREATE OR REPLACE TEMP TABLE c360_event_persons (customer360_id VARCHAR)");
        if (!newTables.isEmpty()) {
            List<String> parts = parts(recordSources, newTables);
            if (!parts.isEmpty()) {
                // the index entries of the new rows' keys, found in one pass (a hash table of a million customer ids
                // for 43 k page views took 0.3-0.8 s, and each key of each kind of event built its own)
                List<String> keys = new ArrayList<>();
                for (String table : newRows) {
                    for (String[] key : KEYS) {
                        keys.add("SELECT '" + key[1] + "' AS role, " + key[2] + " AS value FROM " + table + " WHERE " + key[2]
                                + " IS NOT NULL");
                    }
                }
                execute("CREATE OR REPLACE TEMP TABLE " + NEW_INDEX + " AS SELECT i.* FROM identity_index i SEMI JOIN ("
                        + String.join(" UNION ", keys) + ") k ON k.role = i.role AND k.value = i.value");
                execute("CREATE OR REPLACE TEMP TABLE c360_new_events AS " + String.join("\nUNION ALL\n", parts));
                for (String table : newRows) {
                    execute("DROP TABLE " + table);
                }
                newRows.clear();
                execute("DROP TABLE " + NEW_INDEX);
                execute("INSERT INTO " + TABLE + " BY NAME SELECT * FROM c360_new_events");
                execute("INSERT INTO c360_event_persons SELECT DISTINCT customer360_id FROM c360_new_events"
                        + " WHERE customer360_id IS NOT NULL");
                execute("DROP TABLE c360_new_events");
            }
        }
        // one semi-join per column, not one scan testing six IN lists per row (a third faster at full scale)
        List<String> touched = new ArrayList<>();
        touched.add("SELECT rowid FROM " + TABLE + " WHERE customer360_id IN (SELECT customer360_id FROM " + oldPersons + ")");
        for (String[] key : KEYS) {
            touched.add("SELECT rowid FROM " + TABLE + " WHERE " + key[2]
                    + " IN (SELECT value FROM c360_changed_values WHERE role = '" + key[1] + "')");
        }
        execute("CREATE OR REPLACE TEMP TABLE c360_replaced AS SELECT e.rowid AS rid, e.customer360_id AS old_person, "
                + personOf("e") + " AS person FROM " + TABLE + " e" + lookups("e") + " WHERE e.rowid IN ("
                + String.join(" UNION ALL ", touched) + ")");
        execute("UPDATE " + TABLE + " SET customer360_id = r.person FROM c360_replaced r"
                + " WHERE " + TABLE + ".rowid = r.rid AND r.person IS DISTINCT FROM r.old_person");
        execute("INSERT INTO c360_event_persons SELECT old_person FROM c360_replaced WHERE old_person IS NOT NULL"
                + " UNION SELECT person FROM c360_replaced WHERE person IS NOT NULL");
        execute("DROP TABLE c360_replaced");
    }

    private static String viewSql() {
        return "CREATE OR REPLACE VIEW " + VIEW + " AS SELECT customer360_id, event_time, event_type, channel, source, "
                + recordId("") + " AS record_id, coalesce(detail, 'product ' || CAST(product_id AS VARCHAR)) AS detail,"
                + " amount, session_id FROM " + TABLE;
    }

    /** A row's record id as text ({@code qualifier}: "" or "alias."): whole-number ids are kept in {@code record_number}. */
    private static String recordId(String qualifier) {
        return "coalesce(" + qualifier + "record_id, CAST(" + qualifier + "record_number AS VARCHAR))";
    }

    /** The person of a row: its own identity link first, then its identifiers in {@link #KEYS} order. */
    private static String personOf(String alias) {
        return personOf(alias, true, KEYS.stream().map(key -> key[2]).toList());
    }

    private static String personOf(String alias, boolean linked, List<String> keys) {
        List<String> candidates = new ArrayList<>();
        if (linked) {
            candidates.add(alias + "_l.customer360_id");
        }
        keys.forEach(key -> candidates.add(alias + "_" + key + ".customer360_id"));
        return candidates.isEmpty() ? "CAST(NULL AS VARCHAR)" : "coalesce(" + String.join(", ", candidates) + ")";
    }

    /** The look-ups of {@link #personOf(String)}, for rows that may have any key. */
    private static String lookups(String alias) {
        return lookups(alias, null, KEYS.stream().map(key -> key[2]).toList(), "identity_index");
    }

    /**
     * The look-ups of a person: the row's own link and one per key the rows have. {@code linkedTables}: the rows'
     * raw tables that were resolved as records, whose links alone are joined (27M interactions that only carry a
     * customer id need not be joined to millions of links; the new events of an incremental run only to the new
     * tables' links); empty for none, null for all. {@code index}: the table of identifiers' people the keys are
     * looked up in.
     */
    private static String lookups(String alias, Set<String> linkedTables, List<String> keys, String index) {
        StringBuilder joins = new StringBuilder();
        if (linkedTables == null || !linkedTables.isEmpty()) {
            String links = linkedTables == null ? "identity_links"
                    : "(SELECT source, record_id, customer360_id FROM identity_links WHERE source IN ("
                      + String.join(", ", linkedTables.stream().map(Sql::literal).toList()) + "))";
            joins.append(" LEFT JOIN ").append(links).append(" ").append(alias).append("_l ON ").append(alias).append("_l.source = ")
                    .append(alias).append(".source AND ").append(alias).append("_l.record_id = ")
                    .append(recordId(alias + "."));
        }
        for (String[] key : KEYS) {
            if (keys.contains(key[2])) {
                String i = alias + "_" + key[2];
                joins.append(" LEFT JOIN ").append(index).append(" ").append(i).append(" ON ").append(i).append(".role = '")
                        .append(key[1]).append("' AND ").append(i).append(".value = ").append(alias).append(".").append(key[2]);
            }
        }
        return joins.toString();
    }

    /** One SELECT per kind of event; {@code onlyTables} limits them to rows of those raw tables. */
    private List<String> parts(Set<String> recordSources, Collection<String> onlyTables) throws SQLException {
        List<String> parts = new ArrayList<>();
        String only = onlyTables == null ? "" : " WHERE %1$s._source_table IN (" + String.join(", ",
                onlyTables.stream().map(Sql::literal).toList()) + ")";
        if (exists(Entity.WEB_EVENTS)) {
            fillEventNames("web_events", "event_name", null, onlyTables);
            parts.add(event(Entity.WEB_EVENTS, "w", recordSources, onlyTables, "w.timestamp", "coalesce(n.value, w.event_name)", "'web'",
                    "event_id", "w.page", null, "NULL", "w.session_id",
                    " LEFT JOIN identity_values n ON n.role = 'EVENT_NAME' AND n.raw = w.event_name AND n.context IS NULL",
                    only.formatted("w")));
        }
        if (exists(Entity.INTERACTIONS)) {
            fillEventNames("interactions", "type", EventNameRule.PRODUCT, onlyTables);
            parts.add(event(Entity.INTERACTIONS, "i", recordSources, onlyTables, "i.timestamp", "coalesce(n.value, i.type)", "i.device",
                    "interaction_id", null, "product_id", "NULL", "i.session_id",
                    " LEFT JOIN identity_values n ON n.role = 'EVENT_NAME' AND n.raw = i.type AND n.context = '"
                            + EventNameRule.PRODUCT + "'", only.formatted("i")));
        }
        if (exists(Entity.TRANSACTIONS)) {
            parts.add(event(Entity.TRANSACTIONS, "t", recordSources, onlyTables, "t.timestamp",
                    "CASE WHEN lower(t.status) IN ('refunded', 'refund') THEN 'refund'"
                            + " WHEN lower(t.status) IN ('cancelled', 'canceled') THEN 'order_cancelled' ELSE 'purchase' END",
                    "t.channel", "transaction_id", null, "product_id", "t.amount", "NULL", "",
                    only.formatted("t")));
        }
        if (exists(Entity.SUPPORT_TICKETS)) {
            parts.add(event(Entity.SUPPORT_TICKETS, "s", recordSources, onlyTables, "s.created_at", "'support_ticket'", "s.channel",
                    "ticket_id", "concat_ws(' · ', s.status, s.sentiment, s.subject)", null, "NULL", "NULL", "",
                    only.formatted("s")));
        }
        if (exists(Entity.SUBSCRIPTIONS)) {
            parts.add(event(Entity.SUBSCRIPTIONS, "b", recordSources, onlyTables, "b.started_at", "'subscription_started'", "NULL",
                    "subscription_id", "b.plan", null, "b.mrr", "NULL", "", only.formatted("b")));
            String cancelled = only.isEmpty() ? " WHERE b.cancelled_at IS NOT NULL"
                    : only.formatted("b") + " AND b.cancelled_at IS NOT NULL";
            parts.add(event(Entity.SUBSCRIPTIONS, "b", recordSources, onlyTables, "b.cancelled_at", "'subscription_cancelled'", "NULL",
                    "subscription_id", "b.plan", null, "NULL", "NULL", "", cancelled));
        }
        if (parts.isEmpty() && onlyTables == null) {
            parts.add("SELECT " + columns("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "false",
                    List.of("NULL", "NULL", "NULL", "NULL", "NULL")) + " WHERE false");
        }
        return parts;
    }

    /**
     * One kind of event, in the table's columns and types, with its standardised keys. {@code idColumn}: the
     * column of its record id; {@code productColumn}: the column of the product its detail names, or null for
     * {@code detail}. With {@code onlyTables} (an incremental run's new tables) the rows are written to a work
     * table here, listed in {@link #newRows}, and the SELECT returned reads them from it.
     */
    private String event(Entity entity, String alias, Set<String> recordSources, Collection<String> onlyTables, String time,
                         String type, String channel, String idColumn, String detail, String productColumn,
                         String amount, String session, String extraJoins, String where)
            throws SQLException {
        Set<String> columns = columnsOf(entity);
        Set<String> integers = RecordBuilder.integerColumns(connection, entity.table());
        Set<String> numbers = wholeNumberColumns(entity);
        // Whole-number ids and products are kept as numbers, the view writes them out: tens of millions of short
        // texts cost a third of the table's writing time.
        String recordId = numbers.contains(idColumn) ? "NULL" : alias + "." + idColumn;
        String recordNumber = numbers.contains(idColumn) ? alias + "." + idColumn : "NULL";
        String product = productColumn != null && numbers.contains(productColumn) ? alias + "." + productColumn : "NULL";
        if (productColumn != null && !numbers.contains(productColumn)) {
            detail = "'product ' || CAST(" + alias + "." + productColumn + " AS VARCHAR)";
        } else if (productColumn != null) {
            detail = "NULL";
        }
        boolean adding = onlyTables != null;
        StringBuilder joins = new StringBuilder();
        List<String> keys = new ArrayList<>();
        for (String[] key : KEYS) {
            if (!columns.contains(key[0])) {
                keys.add("NULL");
                continue;
            }
            String raw = "nullif(trim(CAST(" + alias + "." + key[0] + " AS VARCHAR)), '')";
            // new rows of an incremental run look up only the raw texts they hold, not every standard form
            IdentityRole role = IdentityRole.valueOf(key[1]);
            String values = !adding ? RecordBuilder.VALUES
                    : RecordBuilder.valuesHolding(role, raw, entity.table() + " " + alias + where);
            RecordBuilder.Standard standard = RecordBuilder.Standard.of(role, raw, integers.contains(key[0]), alias + "_v_" + key[0],
                    values);
            joins.append(standard.joins());
            keys.add(standard.value());
        }
        Set<String> linkedTables = PersonLookup.recordTables(connection, entity, recordSources);
        if (onlyTables != null) {
            linkedTables.retainAll(onlyTables);
        }
        boolean linked = !linkedTables.isEmpty();
        List<String> present = new ArrayList<>();
        for (int k = 0; k < KEYS.size(); k++) {
            if (!"NULL".equals(keys.get(k))) {
                present.add(KEYS.get(k)[2]);
            }
        }
        String rows = "SELECT " + columns(time, type, channel, alias + "._source_table", recordId, recordNumber, detail, product,
                amount, session, Boolean.toString(linked), keys) + " FROM " + entity.table() + " " + alias + joins + extraJoins + where;
        // A row its own link placed keeps no keys: it moves only when its link does, and its person is then among
        // those an incremental run re-places by id. Not writing them spares millions of cookie and device ids.
        List<String> stored = new ArrayList<>();
        for (String[] key : KEYS) {
            stored.add((linked ? "CASE WHEN e_l.customer360_id IS NULL THEN e." + key[2] + " END" : "e." + key[2])
                    + " AS " + key[2]);
        }
        String from = "(" + rows + ")";
        if (adding) {
            // the new rows are written first, so that the index is read once, for the keys they hold
            String table = "c360_new_rows_" + newRows.size();
            execute("CREATE OR REPLACE TEMP TABLE " + table + " AS " + rows);
            newRows.add(table);
            from = table;
        }
        // each kind of event joins the look-ups of the identifiers it has, not all six
        return "SELECT " + personOf("e", linked, present) + " AS customer360_id, e.* EXCLUDE (customer360_id, "
                + String.join(", ", KEYS.stream().map(key -> key[2]).toList()) + "), " + String.join(", ", stored)
                + " FROM " + from + " e" + lookups("e", linkedTables, present, adding ? NEW_INDEX : "identity_index");
    }

    private static String columns(String time, String type, String channel, String source, String recordId,
                                  String recordNumber, String detail, String product, String amount, String session,
                                  String linked, List<String> keys) {
        StringBuilder sql = new StringBuilder("CAST(NULL AS VARCHAR) AS customer360_id, CAST(" + time
                + " AS TIMESTAMP) AS event_time, CAST(" + type + " AS VARCHAR) AS event_type, CAST(" + channel
                + " AS VARCHAR) AS channel, CAST(" + source + " AS VARCHAR) AS source, CAST(" + recordId
                + " AS VARCHAR) AS record_id, CAST(" + recordNumber + " AS BIGINT) AS record_number, CAST(" + detail
                + " AS VARCHAR) AS detail, CAST(" + product + " AS BIGINT) AS product_id, CAST(" + amount
                + " AS DOUBLE) AS amount, CAST(" + session + " AS VARCHAR) AS session_id, " + linked + " AS linked");
        for (int k = 0; k < KEYS.size(); k++) {
            sql.append(", CAST(").append(keys.get(k)).append(" AS VARCHAR) AS ").append(KEYS.get(k)[2]);
        }
        return sql.toString();
    }

    /** The raw tables of the behavioural entities, whether or not resolution has seen them. */
    Set<String> eventTables() throws SQLException {
        Set<String> tables = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT DISTINCT raw_table FROM column_mappings WHERE entity IN (?, ?, ?, ?, ?)")) {
            int i = 1;
            for (Entity entity : List.of(Entity.WEB_EVENTS, Entity.INTERACTIONS, Entity.TRANSACTIONS,
                    Entity.SUPPORT_TICKETS, Entity.SUBSCRIPTIONS)) {
                statement.setString(i++, entity.table());
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private Set<String> wholeNumberColumns(Entity entity) throws SQLException {
        Set<String> columns = new HashSet<>();
        Catalog.columns(connection, entity.table()).stream().filter(c -> WHOLE_NUMBERS.contains(c.type()))
                .forEach(c -> columns.add(c.name()));
        return columns;
    }

    private Set<String> columnsOf(Entity entity) throws SQLException {
        Set<String> columns = new HashSet<>();
        Catalog.columns(connection, entity.table()).forEach(c -> columns.add(c.name()));
        return columns;
    }

    private boolean exists(Entity entity) throws SQLException {
        return !columnsOf(entity).isEmpty();
    }

    /** Standard event names for the distinct raw names of {@code column} in {@code table}, read in {@code context}. */
    private void fillEventNames(String table, String column, String context, Collection<String> onlyTables)
            throws SQLException {
        String contextSql = context == null ? "NULL" : Sql.literal(context);
        String distinct = "SELECT DISTINCT " + column + ", " + contextSql + " FROM " + table + " WHERE " + column + " IS NOT NULL";
        if (onlyTables == null) {
            execute("DELETE FROM " + staging.table(RecordBuilder.VALUES) + " WHERE role = 'EVENT_NAME' AND context IS NOT DISTINCT FROM "
                    + contextSql);
        } else {
            // new tables add the names not met before; the rest were read by an earlier run
            distinct += " AND _source_table IN (" + String.join(", ", onlyTables.stream().map(Sql::literal).toList())
                    + ") AND " + column + " NOT IN (SELECT raw FROM " + RecordBuilder.VALUES
                    + " WHERE role = 'EVENT_NAME' AND context IS NOT DISTINCT FROM " + contextSql + ")";
        }
        ValueTable.fill(connection, staging.table(RecordBuilder.VALUES), "EVENT_NAME", distinct, new EventNameRule(), progress);
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }
}
