package org.c360.analytics.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.c360.analytics.identity.IdentityQuality;
import org.c360.analytics.identity.ResolveOptions;
import org.c360.analytics.identity.ResolveResult;
import org.c360.analytics.identity.Resolver;
import org.c360.analytics.identity.ReviewQueue;
import org.c360.analytics.identity.Survivorship;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read side the Profiles and Identity quality views use, on a small hand-made CRM, orders and web export. */
class ProfilesTest {

    @TempDir
    Path dir;
    private Workspace workspace;

    private static final String CRM = """
            crm_id,customer_id,first_name,last_name,email,phone,city,country
            CRM-1,101,Anna,Meier,Anna.Meier@gmail.com,030 1234567,Berlin,Deutschland
            CRM-2,102,Peter,Schulz,family.schulz@web.de,0151 22334455,München,DE
            CRM-3,103,Julia,Schulz,family.schulz@web.de,0151 99887766,München,DE
            CRM-4,104,Tom,Becker,tom@becker.de,,Köln,germany
            CRM-6,,Tom,Becker,t.becker@gmx.de,,,
            CRM-102,,Lena,Wolf,lena@wolf.de,,Hamburg,DE
            """;
    private static final String ORDERS = """
            order_id,customer_id,email,amount,timestamp
            O-1,,anna.meier+shop@googlemail.com,10.5,2024-05-01T10:00:00Z
            O-2,101,,20,2024-06-01T10:00:00Z
            """;
    private static final String WEB = """
            {"event_id": "e1", "timestamp": "2024-05-03T10:00:00Z", "event_name": "Page View", "device_id": "D-1", "cookie_id": null, "user_id": "101"}
            """;

    @BeforeEach
    void resolve() {
        workspace = TestWorkspaces.create(dir);
        List<Path> files = List.of(TestWorkspaces.write(dir, "crm_customers.csv", CRM), TestWorkspaces.write(dir, "orders.csv", ORDERS),
                TestWorkspaces.write(dir, "web_events.ndjson", WEB));
        new Importer(workspace).importFiles(files, Progress.none());
        new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private String anna() {
        return new Profiles(workspace).search("anna.meier@gmail.com", 5).getFirst().customer360Id();
    }

    @Test
    void everyProfileColumnHasItsPlaceOnTheCard() {
        List<String> columns = TestWorkspaces.column(workspace,
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'customer360_profiles' ORDER BY ordinal_position");
        for (String column : columns) {
            assertTrue(ProfileFields.of(column).isPresent(), column + " has no group: add it to ProfileFields");
        }
        Set<String> known = ProfileFields.all().stream().map(ProfileFields.Field::column).collect(Collectors.toSet());
        assertEquals(Set.copyOf(columns), known, "ProfileFields names a column the profiles do not have");
        Set<String> chosen = ProfileFields.all().stream().filter(ProfileFields.Field::survives)
                .map(ProfileFields.Field::survivorshipField).collect(Collectors.toSet());
        assertEquals(Survivorship.FIELDS.keySet(), chosen, "every survivorship field appears once on the card");
        ProfileFields.all().forEach(f -> assertTrue(ProfileFields.GROUPS.contains(f.group()), f.toString()));
    }

    @Test
    void searchFindsByAnyIdentifierAndASharedOneFindsEveryoneWhoHoldsIt() {
        Profiles profiles = new Profiles(workspace);
        assertEquals(List.of("e-mail"), profiles.search("ANNA.MEIER+news@googlemail.com", 5).stream().map(ProfileMatch::matchedBy).toList());
        assertEquals(anna(), profiles.search("+49 30 123 4567", 5).stream().findFirst().orElseThrow().customer360Id(),
                "the CRM's 030 1234567 in Germany, written internationally");
        assertEquals(List.of(anna()), profiles.search("CRM-1", 5).stream().map(ProfileMatch::customer360Id).toList(),
                "the CRM id as written; not also customer 1");
        assertEquals(List.of(anna()), profiles.search("crm-0001", 5).stream().map(ProfileMatch::customer360Id).toList(),
                "written otherwise, it still finds the CRM record");
        assertEquals(List.of("Peter Schulz"), profiles.search("102", 5).stream().map(ProfileMatch::name).toList(),
                "customer 102 as written, not also the CRM's CRM-102, which only standardises alike");
        List<ProfileMatch> family = profiles.search("family.schulz@web.de", 5);
        assertEquals(List.of("Julia Schulz", "Peter Schulz"), family.stream().map(ProfileMatch::name).toList(),
                "the guard kept them apart, the search finds both");
        assertEquals(List.of("Julia Schulz", "Peter Schulz"), profiles.search("schulz", 5).stream().map(ProfileMatch::name).toList());
        assertTrue(profiles.search("nobody@nowhere.org", 5).isEmpty());
    }

    @Test
    void theTimelineCarriesAmountsOnlyWhereThereAreSome() {
        List<TimelineEvent> events = new Profiles(workspace).timeline(anna(), 10);
        Map<String, Double> amounts = events.stream().filter(e -> e.amount() != null)
                .collect(Collectors.toMap(TimelineEvent::recordId, TimelineEvent::amount));
        assertEquals(Map.of("O-1", 10.5, "O-2", 20.0), amounts);
        TimelineEvent view = events.stream().filter(e -> "e1".equals(e.recordId())).findFirst().orElseThrow();
        assertNull(view.amount(), "a page view has no amount (not NaN)");
        assertEquals(List.of("O-2", "e1", "O-1"), events.stream().map(TimelineEvent::recordId).toList(), "newest first");
    }

    @Test
    void mostLinkedPeopleComeFirst() {
        List<ProfileMatch> people = new Profiles(workspace).mostLinked(2);
        assertEquals(2, people.size());
        assertEquals(anna(), people.getFirst().customer360Id());
        assertEquals("4 records from 3 sources", people.getFirst().matchedBy());
    }

    @Test
    void theLatestRunIsReported() {
        IdentityQuality.Run run = new IdentityQuality(workspace).lastRun().orElseThrow();
        assertEquals(1, run.runId());
        assertEquals(TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customer360_profiles"), run.persons());
        assertFalse(run.finishedAt().isBefore(run.startedAt()));
    }

    @Test
    void aRecordedDecisionIsListedAndTheNextRunAppliesIt() {
        ReviewQueue queue = new ReviewQueue(workspace);
        String tom = "raw_crm_customers:CRM-4";
        String tomAgain = "raw_crm_customers:CRM-6";
        assertTrue(queue.isRecord(tom));
        assertFalse(queue.isRecord("raw_crm_customers:CRM-99"));
        assertTrue(queue.pair(tom, tomAgain).isEmpty(), "the two Toms share nothing the blocking rules look at");
        Profiles profiles = new Profiles(workspace);
        assertNotEquals(personOf("CRM-4"), personOf("CRM-6"));

        queue.decide(tomAgain, tom, ReviewQueue.Decision.ACCEPT);
        List<ReviewQueue.Decided> decisions = queue.decisions(10);
        assertEquals(1, decisions.size());
        assertEquals(tom, decisions.getFirst().leftKey(), "stored in key order");
        assertEquals(ReviewQueue.Decision.ACCEPT, decisions.getFirst().decision());
        assertTrue(decisions.getFirst().left().startsWith("Tom Becker, tom@becker.de"), decisions.getFirst().left());

        ResolveResult again = new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
        assertEquals(1, again.merged());
        assertEquals(personOf("CRM-4"), personOf("CRM-6"));
        assertEquals(1, profiles.search("Tom Becker", 5).size(), "one Tom Becker left");
    }

    private String personOf(String crmId) {
        return TestWorkspaces.column(workspace, "SELECT customer360_id FROM identity_links WHERE record_id = '" + crmId + "'")
                .getFirst();
    }
}
