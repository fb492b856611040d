package org.c360.analytics.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.profile.ProfileCard;
import org.c360.analytics.profile.Profiles;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each default survivorship rule on one person with three records that disagree: the CRM (a source with CRM ids,
 * the most trusted by default) and two later loyalty records that agree with each other; and the person's
 * event figures from their web visits.
 */
class SurvivorshipRulesTest {

    @TempDir
    Path dir;

    @Test
    void mostTrustedMostFrequentAndMostRecentEachWinTheirFields() {
        try (Workspace workspace = TestWorkspaces.create(dir)) {
            Path crm = TestWorkspaces.write(dir, "crm_customers.csv", """
                    crm_id,customer_id,first_name,last_name,email,city,updated_at
                    CRM-1,101,Anna,Meier,anna@crm.de,Berlin,2024-01-01T09:00:00Z
                    """);
            Path loyalty = TestWorkspaces.write(dir, "loyalty_members.csv", """
                    loyalty_id,customer_id,first_name,last_name,email,city,updated_at
                    L-1,101,Annie,Meier,anna@club.de,Hamburg,2024-03-01T09:00:00Z
                    L-2,101,Annie,Meier,anna@club.de,Köln,2024-06-01T09:00:00Z
                    """);
            Path web = TestWorkspaces.write(dir, "web_events.ndjson", """
                    {"event_id": "e1", "timestamp": "2024-05-03T10:00:00Z", "event_name": "Page View", "user_id": "101", "session_id": "s1"}
                    {"event_id": "e2", "timestamp": "2024-05-03T10:05:00Z", "event_name": "Page View", "user_id": "101", "session_id": "s1"}
                    {"event_id": "e3", "timestamp": "2024-05-09T08:00:00Z", "event_name": "Page View", "user_id": "101", "session_id": "s2"}
                    {"event_id": "e4", "timestamp": "2024-05-10T08:00:00Z", "event_name": "Page View", "user_id": "101", "session_id": null}
                    """);
            new Importer(workspace).importFiles(List.of(crm, loyalty, web), Progress.none());
            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());

            assertEquals(1, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customer360_profiles"));
            assertEquals(List.of("Anna | anna@club.de | Köln"), TestWorkspaces.column(workspace,
                    "SELECT first_name || ' | ' || primary_email || ' | ' || city FROM customer360_profiles"),
                    "first name: the CRM, the most trusted source; e-mail: the most frequent; city: the most recent");
            assertEquals(List.of("4 events in 2 sessions"), TestWorkspaces.column(workspace,
                    "SELECT total_interactions || ' events in ' || total_sessions || ' sessions' FROM customer360_profiles"));

            // the profile card explains the same winners (it ranks one person's candidates; the profiles take
            // every person's winners in one aggregate)
            String id = TestWorkspaces.column(workspace, "SELECT customer360_id FROM customer360_profiles").get(0);
            ProfileCard card = new Profiles(workspace).card(id).orElseThrow();
            Map<String, String> explained = new HashMap<>();
            card.origins().forEach(origin -> explained.put(origin.field(), origin.value() + " from " + origin.source()));
            assertEquals("Anna from raw_crm_customers", explained.get("first_name"));
            assertEquals("anna@club.de from raw_loyalty_members", explained.get("primary_email"));
            assertEquals("Köln from raw_loyalty_members", explained.get("city"));
            assertEquals(List.of("raw_crm_customers"), TestWorkspaces.column(workspace,
                    "SELECT primary_source FROM customer360_profiles"), "the most trusted source among the winners");
        }
    }
}
