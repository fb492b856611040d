package org.c360.analytics.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 004's deterministic rules and the over-merge guards, on small hand-made exports. */
class IdentityRulesTest {

    @TempDir
    Path dir;
    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.create(dir);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private void importFiles(Map<String, String> files) {
        List<Path> paths = files.entrySet().stream().map(e -> TestWorkspaces.write(dir, e.getKey(), e.getValue())).toList();
        new Importer(workspace).importFiles(paths, Progress.none());
    }

    private ResolveResult resolve() {
        return new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
    }

    private String person(String source, String recordId) {
        List<String> ids = TestWorkspaces.column(workspace, "SELECT customer360_id FROM identity_links WHERE source = '"
                + source + "' AND record_id = '" + recordId + "'");
        return ids.isEmpty() ? null : ids.getFirst();
    }

    private static final String CRM = """
            crm_id,customer_id,first_name,last_name,email,phone,street,postal_code,city,country,date_of_birth
            CRM-1,101,Anna,Meier,Anna.Meier@gmail.com,030 1234567,Lindenstr. 3,10115,Berlin,Deutschland,1980-04-02
            CRM-2,102,Peter,Schulz,family.schulz@web.de,0151 22334455,Ahornweg 9,80331,München,DE,1975-11-30
            CRM-3,103,Julia,Schulz,family.schulz@web.de,0151 99887766,Ahornweg 9,80331,München,DE,1978-01-12
            CRM-4,104,Tom,Becker,test@test.com,,Birkenallee 1,50667,Köln,germany,1990-07-07
            CRM-5,105,Lena,Wolf,test@test.com,,Kastanienweg 2,20095,Hamburg,DE,1985-03-03
            """;

    @Test
    void sameEmailAndSameCustomerIdLinkAcrossSystems() {
        importFiles(Map.of("crm_customers.csv", CRM,
                "orders.csv", """
                        order_id,customer_id,email,amount
                        O-1,,  anna.meier+shop@googlemail.com ,10.5
                        O-2,101,,20
                        O-3,,unknown,5
                        """));
        ResolveResult result = resolve();
        String anna = person("raw_crm_customers", "CRM-1");
        assertEquals(anna, person("raw_orders", "O-1"), "the same mailbox written another way");
        assertEquals(anna, person("raw_orders", "O-2"), "the same customer id");
        assertNull(person("raw_orders", "O-3"), "no usable identifier, no name: it places nobody");
        assertEquals(5, result.persons());
        assertEquals(List.of("placeholder value"), TestWorkspaces.column(workspace,
                "SELECT DISTINCT problem FROM identity_values WHERE role = 'EMAIL' AND raw = 'unknown'"));
    }

    @Test
    void aFamilyAddressAndPlaceholdersGlueNobodyAndTheGuardsSayWhy() {
        importFiles(Map.of("crm_customers.csv", CRM));
        resolve();
        assertNotEquals(person("raw_crm_customers", "CRM-2"), person("raw_crm_customers", "CRM-3"), "Peter and Julia");
        assertNotEquals(person("raw_crm_customers", "CRM-4"), person("raw_crm_customers", "CRM-5"), "test@test.com");
        assertEquals(List.of("held by people with different names (julia schulz, peter schulz)"), TestWorkspaces.column(workspace,
                "SELECT detail FROM identity_guards WHERE value = 'family.schulz@web.de'"));
        // the placeholder never reached the graph: standardisation refused it
        assertNull(TestWorkspaces.query(workspace, "SELECT email FROM identity_records WHERE record_id = 'CRM-4'").value(0, 0));
    }

    @Test
    void aGuardNamesTheSameExampleOnEveryRunWhenPeopleAreEquallyUnlike() {
        // Bela is as far (Jaro-Winkler 0.778) from Ivan as from Kira, the least alike pairs: the example is the
        // first of them by name (the old rule gave Bela and Kira, from the order the names were met in)
        importFiles(Map.of("crm_customers.csv", """
                crm_id,customer_id,first_name,last_name,email
                CRM-6,106,Ivan,Kurz,home@kurz.de
                CRM-7,107,Kira,Kurz,home@kurz.de
                CRM-8,108,Bela,Kurz,home@kurz.de
                """));
        String detail = "SELECT detail FROM identity_guards WHERE value = 'home@kurz.de'"
                + " AND run_id = (SELECT max(run_id) FROM identity_runs)";
        resolve();
        assertEquals(List.of("held by people with different names (bela kurz, ivan kurz)"), TestWorkspaces.column(workspace, detail));
        resolve();
        assertEquals(List.of("held by people with different names (bela kurz, ivan kurz)"), TestWorkspaces.column(workspace, detail));
    }

    @Test
    void aSharedAddressIsNotAPersonsPrimaryEmailWhenTheyHaveTheirOwn() {
        importFiles(Map.of("crm_customers.csv", CRM,
                "loyalty_members.csv", """
                        loyalty_id,email,phone,tier
                        L-1,peter.schulz@gmail.com,0151 22334455,gold
                        """));
        resolve();
        String peter = person("raw_crm_customers", "CRM-2");
        assertEquals(peter, person("raw_loyalty_members", "L-1"), "the same mobile number");
        // the CRM is the more trusted source, but its address is the family's
        assertEquals(List.of("peterschulz@gmail.com"), TestWorkspaces.column(workspace,
                "SELECT primary_email FROM customer360_profiles WHERE customer360_id = '" + peter + "'"));
    }

    @Test
    void reRunningOnUnchangedDataChangesNothing() {
        importFiles(Map.of("crm_customers.csv", CRM,
                "orders.csv", """
                        order_id,customer_id,email,amount,channel,ordered_at
                        O-1,101,,10.10,web,2024-03-01 10:00:00
                        O-2,101,,20.20,app,2024-03-01 10:00:00
                        O-3,102,,0.30,store,2024-03-02 09:00:00
                        """));
        String profiles = "SELECT * EXCLUDE (updated_at) FROM customer360_profiles ORDER BY customer360_id";
        resolve();
        List<String> first = TestWorkspaces.column(workspace, "SELECT CAST(p AS VARCHAR) FROM (" + profiles + ") p");
        String links = "SELECT CAST(l AS VARCHAR) FROM (SELECT * FROM identity_links ORDER BY record_key) l";
        List<String> firstLinks = TestWorkspaces.column(workspace, links);
        ResolveResult again = resolve();
        assertEquals(0, again.newPersons());
        assertEquals(first, TestWorkspaces.column(workspace, "SELECT CAST(p AS VARCHAR) FROM (" + profiles + ") p"));
        assertEquals(firstLinks, TestWorkspaces.column(workspace, links));
    }

    @Test
    void aLoginLinksItsDeviceAndTheAnonymousEventsBeforeIt() {
        importFiles(Map.of("crm_customers.csv", CRM,
                "web_events.ndjson", """
                        {"event_id": "e1", "timestamp": "2024-05-01T10:00:00Z", "event_name": "Page View", "device_id": "D-1", "cookie_id": "c-1", "user_id": null}
                        {"event_id": "e2", "timestamp": "2024-05-01T10:01:00Z", "event_name": "Product Viewed", "device_id": "D-1", "cookie_id": "c-1", "user_id": null}
                        {"event_id": "e3", "timestamp": "2024-05-01T10:02:00Z", "event_name": "login", "device_id": "D-1", "cookie_id": "c-1", "user_id": "101"}
                        {"event_id": "e4", "timestamp": "2024-05-02T09:00:00Z", "event_name": "login", "device_id": "TAB", "cookie_id": "c-9", "user_id": "102"}
                        {"event_id": "e5", "timestamp": "2024-05-02T20:00:00Z", "event_name": "login", "device_id": "TAB", "cookie_id": "c-8", "user_id": "103"}
                        {"event_id": "e6", "timestamp": "2024-05-03T08:00:00Z", "event_name": "pageview", "device_id": "TAB", "cookie_id": null, "user_id": null}
                        """));
        resolve();
        String anna = person("raw_crm_customers", "CRM-1");
        assertEquals(anna, person("raw_web_events", "e1"));
        assertEquals(anna, person("raw_web_events", "e2"));
        assertEquals(anna, person("raw_web_events", "e3"));
        // the household tablet: both logged in, so it links neither and its anonymous page view stays apart
        assertEquals(person("raw_crm_customers", "CRM-2"), person("raw_web_events", "e4"));
        assertEquals(person("raw_crm_customers", "CRM-3"), person("raw_web_events", "e5"));
        assertNotEquals(person("raw_web_events", "e4"), person("raw_web_events", "e5"));
        assertNotEquals(person("raw_crm_customers", "CRM-2"), person("raw_web_events", "e6"));
        assertEquals(List.of("signed into by 2 people (limit 1)"), TestWorkspaces.column(workspace,
                "SELECT detail FROM identity_guards WHERE role = 'DEVICE_ID' AND value = 'tab'"));
    }

    @Test
    void profilesListSourceIdsAsWrittenThoughRecordsKeepOnlyTheTextStandardisingChanged() {
        importFiles(Map.of("crm_customers.csv", CRM));
        resolve();
        String anna = person("raw_crm_customers", "CRM-1");
        assertEquals(List.of("1|CRM-1|101|null|annameier@gmail.com|Anna.Meier@gmail.com"), TestWorkspaces.column(workspace,
                "SELECT concat_ws('|', crm_id, raw_crm_id, customer_id, coalesce(raw_customer_id, 'null'), email, raw_email)"
                        + " FROM identity_records WHERE record_id = 'CRM-1'"));
        assertEquals(List.of("[CRM-1]|[101]"), TestWorkspaces.column(workspace, "SELECT concat_ws('|', source_ids.crm_ids,"
                + " source_ids.customer_ids) FROM customer360_profiles WHERE customer360_id = '" + anna + "'"));
    }

    @Test
    void timestampSamplesShowOneRawTimeOfEachLayoutWithItsUtcForm() {
        importFiles(Map.of("crm_customers.csv", CRM,
                "web_events.ndjson", """
                        {"event_id": "e1", "timestamp": "2024-05-01T12:00:00+02:00", "event_name": "login", "device_id": "D-1", "cookie_id": "c-1", "user_id": "101"}
                        {"event_id": "e2", "timestamp": "2024-05-02T13:30:00+02:00", "event_name": "login", "device_id": "D-1", "cookie_id": "c-1", "user_id": "101"}
                        {"event_id": "e3", "timestamp": "1714564800", "event_name": "login", "device_id": "D-2", "cookie_id": "c-2", "user_id": "102"}
                        """));
        resolve();
        StandardizationSamples.RuleSamples times = new StandardizationSamples(workspace).read(10).stream()
                .filter(rule -> rule.role().equals("EVENT_TIME")).findFirst().orElseThrow();
        // two layouts: the ISO time with an offset (its first text) and epoch seconds
        assertEquals(2, times.values());
        assertEquals(List.of(new StandardizationSamples.Sample("1714564800", "2024-05-01 12:00:00", null),
                new StandardizationSamples.Sample("2024-05-01T12:00:00+02:00", "2024-05-01 10:00:00", null)), times.samples());
    }

    @Test
    void idsAreStableAcrossRunsMergesKeepTheOldestAndSplitsAreRecorded() {
        importFiles(Map.of("crm_customers.csv", CRM + "CRM-6,,Tom,Becker,tom.becker@gmx.de,,,,,,\n"));
        resolve();
        String tom = person("raw_crm_customers", "CRM-4");
        String tomAgain = person("raw_crm_customers", "CRM-6");
        assertNotEquals(tom, tomAgain, "nothing ties the second Tom record to the first yet");

        ResolveResult again = resolve();
        assertEquals(0, again.newPersons());
        assertEquals(0, again.merged());
        assertEquals(0, again.splits());
        assertEquals(tom, person("raw_crm_customers", "CRM-4"));

        // the loyalty system knows Tom by his shop id and his second address: the two records are one person,
        // and the older id survives
        importFiles(Map.of("loyalty.csv", """
                loyalty_id,customer_id,email,first_name,last_name
                LY-1,104,Tom.Becker@gmx.de,Tom,Becker
                """));
        ResolveResult merged = resolve();
        assertEquals(1, merged.merged());
        String older = Long.parseLong(tom.substring(5)) < Long.parseLong(tomAgain.substring(5)) ? tom : tomAgain;
        assertEquals(older, person("raw_crm_customers", "CRM-4"));
        assertEquals(older, person("raw_crm_customers", "CRM-6"));
        assertEquals(older, person("raw_loyalty", "LY-1"));
        assertEquals(List.of(older), TestWorkspaces.column(workspace, "SELECT merged_into FROM identity_persons WHERE merged_into IS NOT NULL"));

        // the address turns out to be a typo: they split; the id stays with the part holding most records
        importFiles(Map.of("loyalty.csv", """
                loyalty_id,customer_id,email,first_name,last_name
                LY-1,104,,Tom,Becker
                """));
        ResolveResult split = resolve();
        assertEquals(1, split.splits());
        assertEquals(person("raw_crm_customers", "CRM-4"), person("raw_loyalty", "LY-1"));
        assertNotEquals(person("raw_crm_customers", "CRM-4"), person("raw_crm_customers", "CRM-6"));
        assertEquals(1, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM identity_splits"));
        assertEquals(older, person("raw_crm_customers", "CRM-4"));
    }

    @Test
    void nothingToResolveIsAClearError() {
        importFiles(Map.of("weather.csv", "day,temperature\n2024-01-01,3\n"));
        C360Exception e = assertThrows(C360Exception.class, this::resolve);
        assertTrue(e.getMessage().startsWith("Nothing to resolve"), e.getMessage());
    }

    @Test
    void aPersonWithTooManyRecordsOrTooManyIdsOfOneSystemIsListedNotSplit() {
        importFiles(Map.of("crm_customers.csv", """
                        crm_id,customer_id,first_name,last_name,email
                        CRM-1,101,Anna,Meier,anna.meier@gmail.com
                        CRM-2,102,Anna,Meier,anna.meier@gmail.com
                        CRM-3,103,Peter,Schulz,peter.schulz@web.de
                        """,
                "web_events.ndjson", """
                        {"event_id": "e1", "timestamp": "2024-05-03T10:00:00Z", "event_name": "Page View", "user_id": "103", "cookie_id": "c1"}
                        {"event_id": "e2", "timestamp": "2024-05-03T10:05:00Z", "event_name": "Page View", "user_id": "103", "cookie_id": "c2"}
                        {"event_id": "e3", "timestamp": "2024-05-04T10:00:00Z", "event_name": "Page View", "user_id": "103", "cookie_id": "c3"}
                        """));
        // alarms at more than 3 records or more than 1 id of one system
        GuardOptions guards = new GuardOptions(3, 1, 0.85, 3, 1);
        new Resolver(workspace).resolve(new ResolveOptions(guards, ResolveOptions.DEFAULTS.matching(), true, false),
                Progress.none());
        String anna = person("raw_crm_customers", "CRM-1");
        String peter = person("raw_crm_customers", "CRM-3");
        assertEquals(anna, person("raw_crm_customers", "CRM-2"), "one e-mail, one name: one person with two shop accounts");
        assertEquals(peter, person("raw_web_events", "e3"));
        assertEquals(List.of("2 records, 2 customer ids, 2 CRM ids, 0 loyalty ids",
                        "4 records, 1 customer ids, 1 CRM ids, 0 loyalty ids"),
                TestWorkspaces.column(workspace, "SELECT detail FROM identity_guards WHERE guard = 'large component'"
                        + " ORDER BY records"));
        assertEquals(List.of(2L, 1L), TestWorkspaces.column(workspace, "SELECT persons FROM identity_guards"
                + " WHERE guard = 'large component' ORDER BY records").stream().map(Long::valueOf).toList());
    }
}
