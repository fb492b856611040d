package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.SQLException;

import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;

/**
 * Gives each resolved person a {@code customer360_id} that survives re-runs: a person keeps the id its
 * records had; when people merge, the oldest id wins and the others are marked merged into it; when a person
 * splits, the id stays with the part that holds most of its records, the other parts get new ids, and the
 * split is recorded. Only new people get new ids, so re-running on unchanged data changes nothing.
 *
 * <p>Input: {@code c360_final(record_key, cluster)}. Output: {@code identity_persons} updated, and
 * {@code identity_links} patched (an incremental run) or written anew where {@link Staging} says (a full run);
 * returns the number of people.
 */
final class StableIds {

    static final String LINKS = "identity_links";

    private final Connection connection;
    private final Staging staging;
    private final Progress progress;

    StableIds(Connection connection, Staging staging, Progress progress) {
        this.connection = connection;
        this.staging = staging;
        this.progress = progress;
    }

    /** After an incremental assignment: the ids whose records changed (customer360_id), old and new. */
    static final String CHANGED_PERSONS = "c360_changed_persons";
    /** After an incremental assignment: the old ids that lost records to another id. */
    static final String LOSING_PERSONS = "c360_losing_persons";

    /** Counts of one assignment. */
    record Result(long persons, long newPersons, long merged, long splits) {
    }

    /**
     * @param scope an incremental run's records in scope (a table with record_key): only their links are
     *              replaced; null for a full run, which replaces all
     */
    Result assign(long runId, String scope) throws SQLException {
        progress.update(-1, "Assigning stable customer360 ids");
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_claims AS
                SELECT f.cluster, l.customer360_id AS old_id, count(*) AS records, min(p.created_run) AS created_run,
                       min(f.record_key) AS first_key
                FROM c360_final f JOIN identity_links l USING (record_key)
                JOIN identity_persons p ON p.customer360_id = l.customer360_id
                GROUP BY f.cluster, l.customer360_id""");
        // an old id belongs to the cluster holding most of its records; on a tie, the one holding its first record
        // key (cluster numbers follow no order a re-run would repeat)
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_owner AS
                SELECT old_id, arg_min(cluster, row(-records, first_key)) AS cluster FROM c360_claims GROUP BY old_id""");
        // a cluster keeps the oldest id it owns
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_kept AS
                SELECT o.cluster, arg_min(o.old_id, c.created_run * 1e12 + CAST(regexp_extract(o.old_id, '([0-9]+)$', 1) AS BIGINT)) AS id
                FROM c360_owner o JOIN c360_claims c ON c.old_id = o.old_id AND c.cluster = o.cluster
                GROUP BY o.cluster""");
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_ids AS
                SELECT f.cluster, k.id FROM (SELECT DISTINCT cluster FROM c360_final) f LEFT JOIN c360_kept k USING (cluster)""");
        // New people are numbered in the order of their first record key, not in whatever order a parallel
        // update meets them: the same data resolved afresh gets the same ids.
        long newPersons = scalar("SELECT count(*) FROM c360_ids WHERE id IS NULL");
        if (newPersons > 0) {
            long last = scalar("SELECT max(nextval('customer360_id_seq')) FROM range(" + newPersons + ")");
            execute("""
                    CREATE OR REPLACE TEMP TABLE c360_numbered AS
                    SELECT i.cluster, %d + row_number() OVER (ORDER BY f.first_key) AS number
                    FROM c360_ids i JOIN (SELECT cluster, min(record_key) AS first_key FROM c360_final GROUP BY cluster) f
                    USING (cluster) WHERE i.id IS NULL""".formatted(last - newPersons));
            execute("UPDATE c360_ids SET id = 'c360_' || n.number FROM c360_numbered n WHERE c360_ids.cluster = n.cluster");
            execute("DROP TABLE c360_numbered");
        }
        execute("""
                INSERT INTO identity_persons (customer360_id, created_run, created_at)
                SELECT id, %d, current_localtimestamp() FROM c360_ids
                WHERE id NOT IN (SELECT customer360_id FROM identity_persons)""".formatted(runId));
        // merged: owned by a cluster that kept another id
        long merged = update("""
                UPDATE identity_persons p SET merged_into = k.id, merged_run = %d
                FROM c360_owner o JOIN c360_kept k USING (cluster)
                WHERE p.customer360_id = o.old_id AND o.old_id <> k.id AND p.merged_into IS NULL""".formatted(runId));
        // split: records of an old id ended up in clusters that do not own it
        long splits = update("""
                INSERT INTO identity_splits
                SELECT %d, c.old_id, i.id, c.records FROM c360_claims c JOIN c360_owner o USING (old_id)
                JOIN c360_ids i ON i.cluster = c.cluster
                WHERE c.cluster <> o.cluster AND i.id <> c.old_id""".formatted(runId));
        String newLinks = """
                SELECT f.record_key, split_part(f.record_key, ':', 1) AS source,
                       substr(f.record_key, strpos(f.record_key, ':') + 1) AS record_id, i.id AS customer360_id,
                       coalesce(CASE WHEN l.customer360_id = i.id THEN l.linked_run END, %d) AS linked_run,
                       f.linked_by
                -- source and record id from the key (a raw table name has no colon): no join of millions of text keys
                FROM c360_final f JOIN c360_ids i USING (cluster)
                LEFT JOIN identity_links l USING (record_key)""".formatted(runId);
        if (scope == null) {
            // a full run places every record it keeps: the links are replaced, not patched, and written straight
            // from the query (8 M rows: a temporary copy first cost 1.4 s)
            execute("CREATE OR REPLACE TABLE " + staging.table(LINKS) + " AS " + newLinks);
            staging.built(LINKS);
        } else {
            execute("CREATE OR REPLACE TEMP TABLE c360_new_links AS " + newLinks);
            // the links that differ (a few percent of the scope), each with the person it had: one comparison
            // serves the people who changed, the ids that lost records, and the rewrite
            execute("""
                    CREATE OR REPLACE TEMP TABLE c360_link_changes AS
                    SELECT n.*, l.customer360_id AS old_id FROM c360_new_links n LEFT JOIN identity_links l USING (record_key)
                    WHERE l.record_key IS NULL OR l.customer360_id IS DISTINCT FROM n.customer360_id
                       OR l.linked_run IS DISTINCT FROM n.linked_run OR l.linked_by IS DISTINCT FROM n.linked_by""");
            // the people whose records changed: they lost a record, gained one, or are new. Everyone else in scope
            // kept exactly their records, so their index, events and profile stay as they are.
            execute("""
                    CREATE OR REPLACE TEMP TABLE %s AS
                    SELECT DISTINCT id AS customer360_id FROM (
                        SELECT unnest([old_id, customer360_id]) AS id FROM c360_link_changes
                        WHERE old_id IS DISTINCT FROM customer360_id)
                    WHERE id IS NOT NULL""".formatted(CHANGED_PERSONS));
            // of those, the old ids that lost records (merged away or split): events placed on them move
            execute("CREATE OR REPLACE TEMP TABLE " + LOSING_PERSONS + " AS SELECT DISTINCT old_id AS customer360_id"
                    + " FROM c360_link_changes WHERE old_id <> customer360_id");
            // only the links that differ are rewritten: fewer rows deleted and written, fewer blocks to commit
            execute("DELETE FROM identity_links WHERE record_key IN (SELECT record_key FROM c360_link_changes)");
            execute("INSERT INTO identity_links SELECT * EXCLUDE (old_id) FROM c360_link_changes");
            execute("DROP TABLE c360_link_changes");
        }
        long persons = scalar(scope == null ? "SELECT count(*) FROM c360_ids"
                : "SELECT count(DISTINCT customer360_id) FROM identity_links");
        // c360_ids (cluster -> id) stays for the identity index; the resolver drops it
        for (String table : new String[] {"c360_claims", "c360_owner", "c360_kept", "c360_new_links"}) {
            execute("DROP TABLE IF EXISTS " + table);
        }
        return new Result(persons, newPersons, merged, splits);
    }

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
