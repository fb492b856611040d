package org.c360.analytics.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.sql.Sql;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full run commits as it goes, beside the live tables ({@link Staging}): cancelled or crashed at any point, it
 * must leave every table exactly as it was, and leave nothing behind that the next run keeps.
 */
class RunAtomicityTest {

    @TempDir
    Path dir;
    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.create(dir);
        importFile("crm_customers.csv", """
                crm_id,customer_id,first_name,last_name,email,phone,city,date_of_birth
                CRM-1,101,Anna,Meier,anna.meier@gmail.com,030 1234567,Berlin,1980-04-02
                CRM-2,102,Peter,Schulz,peter@web.de,0151 22334455,München,1975-11-30
                CRM-3,103,Julia,Klein,julia@web.de,0151 99887766,München,1978-01-12
                """);
        importFile("orders.csv", """
                order_id,customer_id,email,amount,order_date
                O-1,,anna.meier@googlemail.com,10.5,2024-01-02
                O-2,102,,20,2024-02-03
                """);
        resolve(Progress.none());
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private void importFile(String name, String content) {
        new Importer(workspace).importFiles(List.of(TestWorkspaces.write(dir, name, content)), Progress.none());
    }

    private ResolveResult resolve(Progress progress) {
        return new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, progress);
    }

    /** Every table's rows, as one digest per table. */
    private Map<String, String> contents() {
        Map<String, String> tables = new TreeMap<>();
        for (Catalog.TableInfo table : workspace.catalog().tables()) {
            if (!"query_history".equals(table.name())) {
                tables.put(table.name(), TestWorkspaces.scalarText(workspace, "SELECT count(*) || ':' || coalesce(md5("
                        + "string_agg(CAST(t AS VARCHAR), '|' ORDER BY CAST(t AS VARCHAR))), '') FROM " + Sql.ident(table.name()) + " t"));
            }
        }
        return tables;
    }

    @Test
    void aFullRunCancelledAtEachStepLeavesEveryTableAsItWas() {
        importFile("more_customers.csv", """
                crm_id,customer_id,first_name,last_name,email,phone,city,date_of_birth
                CRM-4,104,Tom,Becker,tom@becker.de,0170 1112223,Köln,1990-07-07
                CRM-5,101,Anna,Meier,anna.meier@gmail.com,,Berlin,1980-04-02
                """);
        Map<String, String> before = contents();
        // each step's first message: cancelled there, the steps before it have written their tables beside the live ones
        for (String step : List.of("Building the identity graph", "Assigning stable customer360 ids",
                "Building the customer 360 profiles", "Placing every event with its person")) {
            Progress[] progress = new Progress[1];
            progress[0] = new Progress((fraction, message) -> {
                if (message.startsWith(step)) {
                    progress[0].cancel();
                }
            });
            assertThrows(CancelledException.class, () -> resolve(progress[0]), step);
            assertEquals(before, contents(), "cancelled at \"" + step + "\"");
        }
        ResolveResult result = resolve(Progress.none());
        assertEquals(4, result.persons(), "the run after them resolves as if they had not happened");
        assertNotEquals(before, contents());
    }

    @Test
    void aDecisionSavedWhileAFullRunGoesOnIsKeptAndTheRunIsNotSaved() {
        importFile("more_customers.csv", """
                crm_id,customer_id,first_name,last_name,email,phone,city,date_of_birth
                CRM-4,104,Tom,Becker,tom@becker.de,0170 1112223,Köln,1990-07-07
                """);
        Map<String, String> before = contents();
        ReviewQueue queue = new ReviewQueue(workspace);
        Progress[] progress = new Progress[1];
        progress[0] = new Progress((fraction, message) -> {
            if (message.startsWith("Building the customer 360 profiles")) {
                queue.decide("raw_crm_customers:CRM-2", "raw_crm_customers:CRM-3", ReviewQueue.Decision.REJECT);
            }
        });
        C360Exception refused = assertThrows(C360Exception.class, () -> resolve(progress[0]));
        assertTrue(refused.getMessage().contains("identity_decisions"), refused.getMessage());
        assertEquals(1, queue.decisions(10).size(), "the analyst's decision stands");
        Map<String, String> after = contents();
        after.remove("identity_decisions");
        before.remove("identity_decisions");
        assertEquals(before, after, "and the run saved nothing");
        assertEquals(4, resolve(Progress.none()).persons(), "the next run resolves with it");
    }

    @Test
    void whatACrashedRunLeftIsDroppedByTheNext() {
        TestWorkspaces.execute(workspace, "CREATE TABLE " + Staging.NEXT + "identity_records AS SELECT 'junk' AS record_key");
        TestWorkspaces.execute(workspace, "CREATE TABLE " + Staging.NEXT + "customer360_profiles AS SELECT 1 AS x");
        ResolveResult result = resolve(Progress.none());
        assertEquals(3, result.persons());
        assertEquals(0, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM duckdb_tables() WHERE starts_with(table_name, '"
                + Staging.NEXT + "')"));
        assertTrue(TestWorkspaces.column(workspace, "SELECT record_key FROM identity_records").stream()
                .noneMatch("junk"::equals));
        assertEquals(3, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customer360_profiles"));
    }
}
