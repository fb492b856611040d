package org.c360.analytics.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental run (only the tables imported since the last run) against a full run over the same data:
 * the same people, the same profiles, and nobody else's id touched.
 */
class IncrementalResolutionTest {

    @TempDir
    Path dir;

    private static final ResolveOptions INCREMENTAL = ResolveOptions.DEFAULTS.incrementally();

    /** FEBRL dataset2 arriving in two parts: 90 % first, the last 10 % later. */
    @Test
    void laterRecordsJoinThePeopleAFullRunWouldFind() throws IOException {
        List<String> lines = Files.readAllLines(TestWorkspaces.resource("febrl/dataset2.csv", dir));
        int cut = 1 + (lines.size() - 1) * 9 / 10;
        Path first = Files.writeString(dir.resolve("febrl_a.csv"), String.join("\n", lines.subList(0, cut)) + "\n");
        Path later = Files.writeString(dir.resolve("febrl_b.csv"),
                lines.getFirst() + "\n" + String.join("\n", lines.subList(cut, lines.size())) + "\n");
        Path truth = truth(Map.of("febrl_a", lines.subList(1, cut), "febrl_b", lines.subList(cut, lines.size())));

        Evaluation.Metrics full;
        long fullPersons;
        try (Workspace workspace = TestWorkspaces.create(dir.resolve("full"))) {
            new Importer(workspace).importFiles(List.of(first, later), Progress.none());
            fullPersons = new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none()).persons();
            full = new Evaluation(workspace).against(truth);
        }
        try (Workspace workspace = TestWorkspaces.create(dir.resolve("incremental"))) {
            new Importer(workspace).importFiles(List.of(first), Progress.none());
            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            Map<String, String> before = links(workspace);
            new Importer(workspace).importFiles(List.of(later), Progress.none());

            ResolveResult added = new Resolver(workspace).resolve(INCREMENTAL, Progress.none());

            assertTrue(added.incremental());
            assertEquals(lines.size() - cut, added.records(), added.summary());
            Evaluation.Metrics incremental = new Evaluation(workspace).against(truth);
            assertTrue(incremental.f1() >= 0.95, incremental.describe());
            assertEquals(full.f1(), incremental.f1(), 0.01, full.describe() + " / " + incremental.describe());
            assertEquals(fullPersons, added.persons(), fullPersons * 0.01, added.summary());
            // an old record changes person only when its person merged into another (the oldest id wins)
            Map<String, String> after = links(workspace);
            before.forEach((record, id) -> {
                if (!id.equals(after.get(record))) {
                    assertEquals(after.get(record), TestWorkspaces.scalarText(workspace,
                            "SELECT merged_into FROM identity_persons WHERE customer360_id = '" + id + "'"), record);
                }
            });
            assertOneProfilePerPerson(workspace);
            assertAsIfRebuilt(workspace);

            ResolveResult nothing = new Resolver(workspace).resolve(INCREMENTAL, Progress.none());
            assertEquals(0, nothing.records());
            assertEquals(0, nothing.newPersons());
            assertEquals(0, nothing.merged());
            assertEquals(after, links(workspace), "nothing new, nothing changes");
        }
    }

    /** New people are numbered by their first record, so the same data resolved afresh gets the same ids. */
    @Test
    void theSameDataResolvedAfreshGetsTheSameIds() {
        Path file = TestWorkspaces.resource("febrl/dataset1.csv", dir);
        Map<String, String> first;
        try (Workspace workspace = TestWorkspaces.create(dir.resolve("one"))) {
            new Importer(workspace).importFiles(List.of(file), Progress.none());
            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            first = links(workspace);
            assertEquals(0, TestWorkspaces.scalar(workspace, """
                    SELECT count(*) FROM (
                        SELECT row_number() OVER (ORDER BY first_key) AS by_key,
                               row_number() OVER (ORDER BY CAST(substr(customer360_id, 6) AS INTEGER)) AS by_number
                        FROM (SELECT customer360_id, min(record_key) AS first_key FROM identity_links GROUP BY 1))
                    WHERE by_key <> by_number"""), "numbered in the order of their first record");
        }
        try (Workspace workspace = TestWorkspaces.create(dir.resolve("two"))) {
            new Importer(workspace).importFiles(List.of(file), Progress.none());
            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            assertEquals(first, links(workspace));
        }
    }

    private static final String CRM = """
            crm_id,customer_id,first_name,last_name,email,city
            CRM-1,101,Anna,Meier,anna.meier@example.org,Berlin
            CRM-2,102,Peter,Schulz,peter.schulz@example.org,Munich
            """;
    private static final String ANONYMOUS_VISITS = """
            event_id,timestamp,event_name,cookie_id,user_id
            E-1,2026-01-01T10:00:00Z,page_view,ck-9,
            E-2,2026-01-01T10:01:00Z,page_view,ck-9,
            E-3,2026-01-01T10:02:00Z,add_to_cart,ck-9,
            """;
    private static final String LOGIN = """
            event_id,timestamp,event_name,cookie_id,user_id
            E-4,2026-01-02T09:00:00Z,login,ck-9,101
            """;
    private static final String ORDERS = """
            order_id,customer_id,amount,timestamp
            O-1,101,25.50,2026-01-02T09:05:00Z
            O-2,102,10.00,2026-01-03T12:00:00Z
            """;

    /** A login on a new day ties the cookie's earlier anonymous visits to the customer, as a full run would. */
    @Test
    void aLaterLoginBringsEarlierAnonymousVisitsToTheCustomer() {
        Map<String, String> files = Map.of("crm_customers.csv", CRM, "web_events.csv", ANONYMOUS_VISITS);
        String fullProfile;
        try (Workspace workspace = TestWorkspaces.create(dir.resolve("full"))) {
            importFiles(workspace, Map.of("crm_customers.csv", CRM, "web_events.csv", ANONYMOUS_VISITS));
            importFiles(workspace, Map.of("web_events.csv", LOGIN, "orders.csv", ORDERS));
            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            fullProfile = annasProfile(workspace);
        }
        try (Workspace workspace = TestWorkspaces.create(dir.resolve("incremental"))) {
            importFiles(workspace, files);
            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            String anna = TestWorkspaces.scalarText(workspace,
                    "SELECT customer360_id FROM identity_links WHERE record_id = 'CRM-1'");
            String visitor = TestWorkspaces.scalarText(workspace,
                    "SELECT customer360_id FROM identity_links WHERE record_id = 'E-1'");
            assertNotEquals(anna, visitor, "the anonymous visits are someone else until a login ties them");
            assertEquals(0, TestWorkspaces.scalar(workspace,
                    "SELECT count(*) FROM customer360_events WHERE customer360_id = '" + anna + "'"));

            importFiles(workspace, Map.of("web_events.csv", LOGIN, "orders.csv", ORDERS));
            ResolveResult added = new Resolver(workspace).resolve(INCREMENTAL, Progress.none());

            assertEquals(1, added.records(), added.summary());
            assertEquals(1, added.merged(), added.summary());
            // the two people merged: the older id stays (both are of run 1: the lower number), the other points to it
            String kept = Integer.parseInt(anna.substring(5)) < Integer.parseInt(visitor.substring(5)) ? anna : visitor;
            String gone = kept.equals(anna) ? visitor : anna;
            assertEquals(kept, TestWorkspaces.scalarText(workspace,
                    "SELECT customer360_id FROM identity_links WHERE record_id = 'CRM-1'"));
            assertEquals(kept, TestWorkspaces.scalarText(workspace,
                    "SELECT merged_into FROM identity_persons WHERE customer360_id = '" + gone + "'"));
            assertEquals(4, TestWorkspaces.scalar(workspace,
                    "SELECT count(*) FROM customer360_events WHERE customer360_id = '" + kept + "' AND source LIKE 'raw_web%'"));
            assertEquals(fullProfile, annasProfile(workspace));
            assertOneProfilePerPerson(workspace);
            assertAsIfRebuilt(workspace);
        }
    }

    @Test
    void anIncrementalRunAddsToRecordsAnEarlierBuildWrote() {
        try (Workspace workspace = TestWorkspaces.create(dir.resolve("older"))) {
            importFiles(workspace, Map.of("crm_customers.csv", CRM, "web_events.csv", ANONYMOUS_VISITS));
            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            // builds before the seventh session of 2026-11-22 kept each record's time as written
            TestWorkspaces.execute(workspace, "ALTER TABLE identity_records ADD COLUMN raw_event_time VARCHAR");

            importFiles(workspace, Map.of("web_events.csv", LOGIN, "orders.csv", ORDERS));
            ResolveResult added = new Resolver(workspace).resolve(INCREMENTAL, Progress.none());

            assertEquals(1, added.merged(), added.summary());
            assertEquals(List.of("E-4 null"), TestWorkspaces.column(workspace, "SELECT record_id || ' ' || coalesce(raw_event_time,"
                    + " 'null') FROM identity_records WHERE source LIKE 'raw_web_events%' AND record_id = 'E-4'"));
            assertOneProfilePerPerson(workspace);
        }
    }

    @Test
    void refusesWithoutAnEarlierRunOrWhenAMappingChanged() {
        try (Workspace workspace = TestWorkspaces.create(dir)) {
            importFiles(workspace, Map.of("crm_customers.csv", CRM));
            C360Exception none = assertThrows(C360Exception.class,
                    () -> new Resolver(workspace).resolve(INCREMENTAL, Progress.none()));
            assertTrue(none.getMessage().contains("run a full resolution first"), none.getMessage());
            assertEquals(0, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM identity_runs"), "rolled back");

            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            TestWorkspaces.execute(workspace, "UPDATE identity_sources SET source_column = 'city' WHERE role = 'EMAIL'");
            C360Exception changed = assertThrows(C360Exception.class,
                    () -> new Resolver(workspace).resolve(INCREMENTAL, Progress.none()));
            assertTrue(changed.getMessage().contains("mapping of raw_crm_customers changed"), changed.getMessage());
            assertFalse(changed.getMessage().contains("SELECT"), changed.getMessage());
        }
    }

    @Test
    void refusesEventsWrittenBeforeIdsWereKeptAsNumbers() {
        try (Workspace workspace = TestWorkspaces.create(dir)) {
            importFiles(workspace, Map.of("crm_customers.csv", CRM));
            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            // the events table as versions before record_number wrote it: new rows would not fit
            TestWorkspaces.execute(workspace, "ALTER TABLE identity_events DROP COLUMN record_number");
            C360Exception older = assertThrows(C360Exception.class,
                    () -> new Resolver(workspace).resolve(INCREMENTAL, Progress.none()));
            assertTrue(older.getMessage().contains("stored events differently"), older.getMessage());
        }
    }

    private void importFiles(Workspace workspace, Map<String, String> files) {
        Path folder = dir.resolve("files-" + System.nanoTime());
        List<Path> paths = files.entrySet().stream().map(e -> TestWorkspaces.write(folder, e.getKey(), e.getValue())).toList();
        new Importer(workspace).importFiles(paths, Progress.none());
    }

    private static String annasProfile(Workspace workspace) {
        return TestWorkspaces.scalarText(workspace, """
                SELECT concat_ws(' | ', first_name, primary_email, total_interactions, orders_count, total_revenue,
                                 first_seen_at, last_seen_at, len(sources), records)
                FROM customer360_profiles WHERE first_name = 'Anna'""");
    }

    /**
     * Every event's person and every profile are what placing all events and building all profiles afresh from the
     * same links gives: the incremental run left out nobody whose events or profile changed.
     */
    private static void assertAsIfRebuilt(Workspace workspace) {
        String events = "SELECT source || ':' || record_id || ':' || event_type || '=' || coalesce(customer360_id, '-')"
                + " FROM customer360_events ORDER BY 1";
        String profiles = "SELECT CAST(p AS VARCHAR) FROM (SELECT * EXCLUDE (updated_at) FROM customer360_profiles) p ORDER BY 1";
        List<String> eventsBefore = TestWorkspaces.column(workspace, events);
        List<String> profilesBefore = TestWorkspaces.column(workspace, profiles);
        try (java.sql.Connection connection = workspace.connect()) {
            List<IdentitySource> sources = IdentitySources.refresh(connection);
            new EventStream(connection, Staging.inPlace(connection), Progress.none()).build(ProfileBuilder.recordSources(sources));
            new ProfileBuilder(connection, Staging.inPlace(connection), Progress.none()).build(sources);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertEquals(TestWorkspaces.column(workspace, events), eventsBefore);
        assertEquals(TestWorkspaces.column(workspace, profiles), profilesBefore);
    }

    private static void assertOneProfilePerPerson(Workspace workspace) {
        assertEquals(TestWorkspaces.scalar(workspace, "SELECT count(DISTINCT customer360_id) FROM identity_links"),
                TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customer360_profiles"));
        assertEquals(0, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customer360_profiles p JOIN identity_persons i"
                + " USING (customer360_id) WHERE i.merged_into IS NOT NULL"));
    }

    private static Map<String, String> links(Workspace workspace) {
        Map<String, String> links = new java.util.HashMap<>();
        for (String row : TestWorkspaces.column(workspace, "SELECT record_key || '=' || customer360_id FROM identity_links")) {
            links.put(row.substring(0, row.lastIndexOf('=')), row.substring(row.lastIndexOf('=') + 1));
        }
        return links;
    }

    /** rec-N-org and rec-N-dup-K are the same person N. */
    private Path truth(Map<String, List<String>> parts) throws IOException {
        StringBuilder csv = new StringBuilder("source,record_id,person_id\n");
        parts.forEach((source, rows) -> {
            for (String line : rows) {
                String recId = line.substring(0, line.indexOf(',')).strip();
                csv.append(source).append(',').append(recId).append(',').append(recId.split("-")[1]).append('\n');
            }
        });
        return Files.writeString(dir.resolve("truth.csv"), csv);
    }
}
