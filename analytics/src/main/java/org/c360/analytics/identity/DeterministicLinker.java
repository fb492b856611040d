package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import org.c360.analytics.standardize.EmailRule;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The deterministic pass (seed 004's rules): records are linked by identifiers they share. The identity graph
 * has records (or, for records without a name, their distinct combination of identifiers) and identifier
 * values as vertices, and an edge from a record to each identifier it carries; its connected components are
 * people. Guards remove identifier values before they can glue strangers: placeholders never get here
 * (standardisation refuses them), a shared e-mail or phone held by too many people or by people with
 * different first names, and a device or cookie signed into by several people. Every guard that fires is
 * written to {@code identity_guards}.
 *
 * <p>Output: {@code c360_det_clusters(record_key, cluster)}; records with neither an identifier nor a name
 * are absent (nothing can place them).
 */
final class DeterministicLinker {

    static final String CLUSTERS = "c360_det_clusters";
    /** {@code (role, value, cluster)}: the deterministic cluster of every identifier value the graph kept. */
    static final String VALUE_CLUSTERS = "c360_value_clusters";

    private final Connection connection;
    private final Progress progress;
    private final GuardOptions guards;
    private final long runId;
    /** The records linked: all of them, or an incremental run's scope. */
    private String records = RecordBuilder.RECORDS;
    /** An incremental run's previous run, whose guards still stand; 0 for a full run. */
    private long previousRun;

    /** Counts of one pass. */
    record Result(long nodes, long identifierValues, long edges, long guardsFired, long clusters) {
    }

    DeterministicLinker(Connection connection, Progress progress, GuardOptions guards, long runId) {
        this.connection = connection;
        this.progress = progress;
        this.guards = guards;
        this.runId = runId;
    }

    /**
     * Links only {@code scopeTable} (records in identity_records' columns), keeping the values {@code previousRun}'s
     * guards stopped blocked: a scope holds some of a shared address's people, not all of them.
     */
    DeterministicLinker scoped(String scopeTable, long previousRun) {
        this.records = scopeTable;
        this.previousRun = previousRun;
        return this;
    }

    Result link() throws SQLException {
        String identifiers = RecordBuilder.IDENTIFIERS.stream().map(RecordBuilder::column).collect(Collectors.joining(", "));
        String anyIdentifier = RecordBuilder.IDENTIFIERS.stream().map(r -> RecordBuilder.column(r) + " IS NOT NULL")
                .collect(Collectors.joining(" OR "));
        String tuple = RecordBuilder.IDENTIFIERS.stream().map(r -> "coalesce(" + RecordBuilder.column(r) + ", '')")
                .collect(Collectors.joining(", '|', "));
        progress.update(-1, "Building the identity graph");
        // A record with a name is compared by the probabilistic pass, so it is a vertex of its own; records
        // without one (page views, orders) only matter through their identifiers: one vertex per combination.
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_node_keys AS
                SELECT record_key, CASE WHEN first_name IS NOT NULL OR last_name IS NOT NULL THEN 'r:' || record_key
                                        ELSE 't:' || concat(%s) END AS node_key
                FROM %s WHERE first_name IS NOT NULL OR last_name IS NOT NULL OR %s""".formatted(tuple, records, anyIdentifier));
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_nodes AS
                SELECT node_key, CAST(row_number() OVER () - 1 AS INTEGER) AS node FROM (SELECT DISTINCT node_key FROM c360_node_keys)""");
        // each record's node, joined once by text key: the occurrences and the clusters then join on numbers
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_record_nodes AS
                SELECT k.record_key, n.node FROM c360_node_keys k JOIN c360_nodes n USING (node_key)""");
        execute("DROP TABLE c360_node_keys");
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_occurrences AS
                SELECT DISTINCT u.node, upper(u.role) AS role, u.value
                FROM (UNPIVOT (SELECT k.node, %s FROM %s r JOIN c360_record_nodes k USING (record_key))
                      ON %s INTO NAME role VALUE value) u""".formatted(identifiers, records, identifiers));
        long fired = shareGuards() + deviceGuards();
        if (previousRun > 0) {
            execute("""
                    INSERT INTO c360_blocked
                    SELECT role, value, records, persons, detail FROM identity_guards g
                    WHERE run_id = %d AND role IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM c360_blocked b WHERE b.role = g.role AND b.value = g.value)""".formatted(previousRun));
        }
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_vertices AS
                SELECT role, value, CAST((SELECT count(*) FROM c360_nodes) + row_number() OVER () - 1 AS INTEGER) AS vertex
                FROM (SELECT DISTINCT o.role, o.value FROM c360_occurrences o
                      WHERE NOT EXISTS (SELECT 1 FROM c360_blocked b WHERE b.role = o.role AND b.value = o.value))""");
        long nodes = scalar("SELECT count(*) FROM c360_nodes");
        long vertices = scalar("SELECT count(*) FROM c360_vertices");
        UnionFind sets = new UnionFind(Math.toIntExact(nodes + vertices));
        long edges = 0;
        progress.update(-1, "Finding connected components");
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT o.node, v.vertex FROM c360_occurrences o JOIN c360_vertices v ON v.role = o.role AND v.value = o.value");
             Progress.Registration ignored = progress.cancels(statement);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                sets.union(rs.getInt(1), rs.getInt(2));
                if ((++edges & 0xFFFFF) == 0) {
                    progress.throwIfCancelled();
                }
            }
        }
        writeClusters(sets, (int) nodes);
        writeValueClusters(sets, (int) nodes, (int) vertices);
        execute("CREATE OR REPLACE TEMP TABLE " + CLUSTERS + " AS SELECT k.record_key, c.cluster FROM c360_record_nodes k"
                + " JOIN c360_node_cluster c USING (node)");
        fired += componentAlarms();
        long clusters = scalar("SELECT count(DISTINCT cluster) FROM " + CLUSTERS);
        for (String table : List.of("c360_record_nodes", "c360_nodes", "c360_occurrences", "c360_vertices", "c360_node_cluster",
                "c360_shared", "c360_blocked")) {
            execute("DROP TABLE IF EXISTS " + table);
        }
        return new Result(nodes, vertices, edges, fired, clusters);
    }

    /**
     * E-mails and phones: held by records of more than one person (by their system ids) they link only when
     * the people's first and last names agree (one person twice in the CRM, with a typo) and no more than the
     * limit share it; role addresses (info@) need agreeing names too.
     */
    private long shareGuards() throws SQLException {
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_shared AS
                SELECT role, value, count(*) AS records,
                       greatest(count(DISTINCT customer_id), count(DISTINCT crm_id), count(DISTINCT loyalty_id),
                                count(DISTINCT national_id)) AS persons,
                       list(DISTINCT concat(first_name, '|', coalesce(last_name, ''))) FILTER (WHERE first_name IS NOT NULL) AS first_names
                FROM (SELECT 'EMAIL' AS role, email AS value, * FROM %1$s WHERE email IS NOT NULL
                      UNION ALL BY NAME
                      SELECT 'PHONE' AS role, phone AS value, * FROM %1$s WHERE phone IS NOT NULL)
                GROUP BY role, value""".formatted(records));
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_blocked AS
                WITH candidates AS (
                    SELECT * FROM c360_shared WHERE persons > 1
                       OR (role = 'EMAIL' AND regexp_matches(value, '^(%s)@') AND len(first_names) > 1)),
                names AS (
                    SELECT role, value,
                           min(least(CASE WHEN length(split_part(a, '|', 1)) = 1 OR length(split_part(b, '|', 1)) = 1
                                          -- an initial ("H. Yamada") agrees with any name it starts
                                          THEN CASE WHEN left(a, 1) = left(b, 1) THEN 1 ELSE 0 END
                                          ELSE jaro_winkler_similarity(split_part(a, '|', 1), split_part(b, '|', 1)) END,
                                     CASE WHEN split_part(a, '|', 2) = '' OR split_part(b, '|', 2) = '' THEN 1
                                          ELSE jaro_winkler_similarity(split_part(a, '|', 2), split_part(b, '|', 2)) END)) AS agreement,
                           -- the example is the least alike pair; among equally unlike pairs the first by name, so a
                           -- re-run on the same data writes the same text (and both names come from one pair)
                           arg_min([replace(a, '|', ' '), replace(b, '|', ' ')],
                                   row(least(jaro_winkler_similarity(a, b), 1), a, b)) AS example
                    FROM (SELECT role, value, unnest(first_names) AS a FROM candidates WHERE len(first_names) <= 20)
                    JOIN (SELECT role, value, unnest(first_names) AS b FROM candidates WHERE len(first_names) <= 20)
                    USING (role, value) WHERE a < b GROUP BY role, value)
                SELECT c.role, c.value, c.records, c.persons,
                       CASE WHEN c.persons > %d THEN 'held by ' || c.persons || ' people (limit %d)'
                            WHEN n.agreement < %s THEN 'held by people with different names (' || trim(n.example[1]) || ', ' || trim(n.example[2]) || ')'
                            WHEN c.persons > 2 AND n.agreement IS NULL THEN 'held by ' || c.persons || ' people and no names to tell them apart'
                       END AS reason
                FROM candidates c LEFT JOIN names n USING (role, value)
                WHERE c.persons > %d OR n.agreement < %s OR (c.persons > 2 AND n.agreement IS NULL)""".formatted(
                ROLE_MAILBOXES, guards.maxPersonsPerSharedValue(), guards.maxPersonsPerSharedValue(),
                guards.nameAgreement(), guards.maxPersonsPerSharedValue(), guards.nameAgreement()));
        return recordGuards("shared identifier");
    }

    /** Devices and cookies link the people who signed in on them, unless several did. */
    private long deviceGuards() throws SQLException {
        long before = scalar("SELECT count(*) FROM c360_blocked");
        execute("""
                INSERT INTO c360_blocked
                SELECT role, value, count(*) AS records, count(DISTINCT customer_id) AS persons,
                       'signed into by ' || count(DISTINCT customer_id) || ' people (limit %1$d)' AS reason
                FROM (SELECT 'DEVICE_ID' AS role, device_id AS value, customer_id FROM %2$s WHERE device_id IS NOT NULL
                      UNION ALL
                      SELECT 'COOKIE_ID', cookie_id, customer_id FROM %2$s WHERE cookie_id IS NOT NULL)
                GROUP BY role, value HAVING count(DISTINCT customer_id) > %1$d""".formatted(
                guards.maxPersonsPerDevice(), records));
        long after = scalar("SELECT count(*) FROM c360_blocked");
        execute("INSERT INTO identity_guards SELECT " + runId + ", 'shared device', role, value, persons, records, reason"
                + " FROM c360_blocked WHERE role IN ('DEVICE_ID', 'COOKIE_ID')");
        return after - before;
    }

    private long recordGuards(String guard) throws SQLException {
        execute("INSERT INTO identity_guards SELECT " + runId + ", '" + guard + "', role, value, persons, records, reason"
                + " FROM c360_blocked");
        return scalar("SELECT count(*) FROM c360_blocked");
    }

    /**
     * People that came out too big to be one person are listed (not split: the analyst decides). Records are
     * counted per node and ids from the identifier occurrences, joined to the clusters on numbers, not the
     * records on their text keys (8 M at full scale).
     */
    private long componentAlarms() throws SQLException {
        return update("""
                INSERT INTO identity_guards
                SELECT %d, 'large component', NULL, CAST(cluster AS VARCHAR), greatest(customers, crms, loyalties), records,
                       records || ' records, ' || customers || ' customer ids, ' || crms || ' CRM ids, ' || loyalties || ' loyalty ids'
                FROM (SELECT s.cluster, s.records, coalesce(i.customers, 0) AS customers, coalesce(i.crms, 0) AS crms,
                             coalesce(i.loyalties, 0) AS loyalties
                      FROM (SELECT c.cluster, count(*) AS records
                            FROM c360_record_nodes k JOIN c360_node_cluster c USING (node) GROUP BY c.cluster) s
                      LEFT JOIN (SELECT c.cluster, count(DISTINCT o.value) FILTER (WHERE o.role = 'CUSTOMER_ID') AS customers,
                                        count(DISTINCT o.value) FILTER (WHERE o.role = 'CRM_ID') AS crms,
                                        count(DISTINCT o.value) FILTER (WHERE o.role = 'LOYALTY_ID') AS loyalties
                                 FROM c360_occurrences o JOIN c360_node_cluster c USING (node)
                                 WHERE o.role IN ('CUSTOMER_ID', 'CRM_ID', 'LOYALTY_ID') GROUP BY c.cluster) i USING (cluster))
                WHERE records > %d OR greatest(customers, crms, loyalties) > %d""".formatted(runId,
                guards.componentAlarmRecords(), guards.componentAlarmIds()));
    }

    private void writeValueClusters(UnionFind sets, int nodes, int vertices) throws SQLException {
        execute("CREATE OR REPLACE TEMP TABLE c360_vertex_cluster (vertex INTEGER, cluster INTEGER)");
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        Statements.inOneTransaction(connection, () -> {
            try (DuckDBAppender appender = duck.createAppender("temp", "main", "c360_vertex_cluster")) {
                for (int vertex = nodes; vertex < nodes + vertices; vertex++) {
                    appender.beginRow();
                    appender.append(vertex);
                    appender.append(sets.find(vertex));
                    appender.endRow();
                }
            }
        });
        execute("CREATE OR REPLACE TEMP TABLE " + VALUE_CLUSTERS + " AS SELECT v.role, v.value, c.cluster FROM c360_vertices v"
                + " JOIN c360_vertex_cluster c USING (vertex)");
        execute("DROP TABLE c360_vertex_cluster");
    }

    private void writeClusters(UnionFind sets, int nodes) throws SQLException {
        execute("CREATE OR REPLACE TEMP TABLE c360_node_cluster (node INTEGER, cluster INTEGER)");
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        Statements.inOneTransaction(connection, () -> {
            try (DuckDBAppender appender = duck.createAppender("temp", "main", "c360_node_cluster")) {
                for (int node = 0; node < nodes; node++) {
                    appender.beginRow();
                    appender.append(node);
                    appender.append(sets.find(node));
                    appender.endRow();
                }
            }
        });
    }

    /** Local parts of mailboxes that belong to a role or a household, as a regular expression. */
    private static final String ROLE_MAILBOXES = String.join("|", new java.util.TreeSet<>(EmailRule.ROLES))
            .replace("-", "\\-");

    private long scalar(String sql) throws SQLException {
        return Statements.scalar(connection, sql);
    }

    private long update(String sql) throws SQLException {
        return Statements.update(connection, progress, sql);
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }
}
