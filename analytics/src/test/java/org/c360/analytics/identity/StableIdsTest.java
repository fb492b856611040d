package org.c360.analytics.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which part of a split person keeps its id, whatever numbers the graph gave the parts. */
class StableIdsTest {

    @TempDir
    Path dir;
    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.create(dir);
        // c360_1 as a first run would have written it, its number drawn from the sequence
        TestWorkspaces.execute(workspace, """
                SELECT nextval('customer360_id_seq');
                INSERT INTO identity_persons (customer360_id, created_run, created_at) VALUES ('c360_1', 1, TIMESTAMP '2026-01-01');
                INSERT INTO identity_links VALUES ('crm:A', 'crm', 'A', 'c360_1', 1, 'identifier'),
                    ('crm:B', 'crm', 'B', 'c360_1', 1, 'identifier'), ('crm:C', 'crm', 'C', 'c360_1', 1, 'identifier'),
                    ('crm:D', 'crm', 'D', 'c360_1', 1, 'identifier'), ('crm:E', 'crm', 'E', 'c360_1', 1, 'identifier')""");
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    /** Splits c360_1's records into the given clusters (record key, cluster number) and says who keeps c360_1. */
    private List<String> keeperAfter(String finalRows) throws SQLException {
        try (Connection connection = workspace.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE c360_final AS SELECT * FROM (VALUES " + finalRows
                    + ") f(record_key, cluster, linked_by)");
            connection.setAutoCommit(false);
            new StableIds(connection, Staging.inPlace(connection), Progress.none()).assign(2, "c360_final");
            connection.commit();
        }
        return TestWorkspaces.column(workspace, "SELECT record_key FROM identity_links WHERE customer360_id = 'c360_1'"
                + " ORDER BY 1");
    }

    @Test
    void theLargerPartKeepsTheId() throws SQLException {
        assertEquals(List.of("crm:C", "crm:D", "crm:E"), keeperAfter("""
                ('crm:A', 1, 'identifier'), ('crm:B', 1, 'identifier'), ('crm:C', 7, 'identifier'),
                ('crm:D', 7, 'identifier'), ('crm:E', 7, 'identifier')"""));
    }

    @Test
    void onATieThePartWithTheFirstRecordKeyKeepsTheIdWhateverItsClusterNumber() throws SQLException {
        // A and B against C and D, two records each (E alone): the cluster numbers favour C and D
        assertEquals(List.of("crm:A", "crm:B"), keeperAfter("""
                ('crm:A', 9, 'identifier'), ('crm:B', 9, 'identifier'), ('crm:C', 3, 'identifier'),
                ('crm:D', 3, 'identifier'), ('crm:E', 5, 'identifier')"""));
        assertEquals(2, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM identity_splits WHERE customer360_id = 'c360_1'"));
    }
}
