package org.c360.analytics.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.c360.analytics.identity.match.BlockingRule;
import org.c360.analytics.sql.Statements;
import org.c360.analytics.work.Progress;

/**
 * What an incremental run has to look at: the new records, and every person they could join, whole (all of
 * their records). A new record joins a person either through an identifier value the person holds
 * ({@code identity_index}) or by being compared with one of the person's records in a block. Everyone else
 * is left as they are, so resolving the scope alone gives the same people a full run would.
 *
 * <p>Input: {@code c360_new_keys(record_key)}, records already in {@code identity_records}. Output:
 * {@code c360_old_persons(customer360_id)} and {@code c360_scope_records} (identity_records' rows in scope, with the
 * columns {@link DeterministicLinker} reads).
 */
final class IncrementalScope {

    static final String OLD_PERSONS = "c360_old_persons";
    static final String RECORDS = "c360_scope_records";

    private final Connection connection;
    private final Progress progress;

    IncrementalScope(Connection connection, Progress progress) {
        this.connection = connection;
        this.progress = progress;
    }

    /** @return records in scope */
    long build(List<BlockingRule> rules, int maxBlockSize) throws SQLException {
        progress.update(-1, "Finding the people new records could join");
        String identifiers = RecordBuilder.IDENTIFIERS.stream().map(RecordBuilder::column).collect(Collectors.joining(", "));
        execute("""
                CREATE OR REPLACE TEMP TABLE c360_new_values AS
                SELECT DISTINCT upper(role) AS role, value
                FROM (UNPIVOT (SELECT %s FROM identity_records WHERE record_key IN (SELECT record_key FROM c360_new_keys))
                      ON %s INTO NAME role VALUE value)""".formatted(identifiers, identifiers));
        List<String> neighbours = new ArrayList<>();
        neighbours.add("SELECT i.customer360_id FROM identity_index i JOIN c360_new_values v USING (role, value)");
        String named = "(SELECT *, strftime(date_of_birth, '%Y%m%d') AS dob_text FROM identity_records"
                + " WHERE first_name IS NOT NULL OR last_name IS NOT NULL)";
        for (int i = 0; i < rules.size(); i++) {
            // the old records sharing a block with a new one, where the block is small enough to be compared
            List<String> keys = rules.get(i).keysOf("p");
            List<String> names = new ArrayList<>();
            StringBuilder select = new StringBuilder("SELECT p.record_key");
            for (int k = 0; k < keys.size(); k++) {
                select.append(", ").append(keys.get(k)).append(" AS b").append(k);
                names.add("b" + k);
            }
            String notNull = String.join(" AND ", keys.stream().map(k -> k + " IS NOT NULL").toList());
            String on = String.join(" AND ", names.stream().map(n -> "o." + n + " = n." + n).toList());
            execute("CREATE OR REPLACE TEMP TABLE c360_new_blocks AS SELECT DISTINCT " + String.join(", ", names) + " FROM ("
                    + select + " FROM " + named + " p WHERE " + notNull
                    + " AND p.record_key IN (SELECT record_key FROM c360_new_keys))");
            execute("CREATE OR REPLACE TEMP TABLE c360_block_neighbours_" + i + " AS SELECT o.record_key FROM (" + select
                    + " FROM " + named + " p WHERE " + notNull + ") o JOIN c360_new_blocks n ON " + on
                    + " QUALIFY count(*) OVER (PARTITION BY " + String.join(", ", names.stream().map(n -> "o." + n).toList())
                    + ") <= " + maxBlockSize);
            neighbours.add("SELECT l.customer360_id FROM c360_block_neighbours_" + i
                    + " b JOIN identity_links l USING (record_key)");
        }
        execute("CREATE OR REPLACE TEMP TABLE " + OLD_PERSONS + " AS SELECT DISTINCT customer360_id FROM ("
                + String.join(" UNION ALL ", neighbours) + ") WHERE customer360_id IS NOT NULL");
        for (int i = 0; i < rules.size(); i++) {
            execute("DROP TABLE c360_block_neighbours_" + i);
        }
        execute("DROP TABLE IF EXISTS c360_new_blocks");
        execute("DROP TABLE c360_new_values");
        // only the columns the deterministic pass reads (11 of identity_records' 39): the copy took half the time
        execute("""
                CREATE OR REPLACE TEMP TABLE %s AS
                SELECT record_key, first_name, last_name, %s FROM identity_records
                WHERE record_key IN (SELECT record_key FROM c360_new_keys)
                   OR record_key IN (SELECT l.record_key FROM identity_links l JOIN %s p USING (customer360_id))""".formatted(
                RECORDS, identifiers, OLD_PERSONS));
        return Statements.scalar(connection, "SELECT count(*) FROM " + RECORDS);
    }

    private void execute(String sql) throws SQLException {
        Statements.execute(connection, progress, sql);
    }
}
