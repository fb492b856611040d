package org.c360.analytics.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.profile.Profiles;
import org.c360.analytics.profile.TimelineEvent;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003's nested customer record, verbatim: its ORDER, SUBSCRIPTION and SUPPORT_TICKET lists (the last two
 * without ids of their own) reach the person the CRM knows by the same customer id written another way.
 */
class NestedRecordResolutionTest {

    private static final String SEED_003 = """
            [{
            "customerId": "cust-8821",
            "plan": "pro",
            "SUBSCRIPTION": [{ "status": "active", "renewsAt": "2026-08-01" }],
            "ORDER": [{ "orderId": "ord-501", "totalUsd": 240 }],
            "SUPPORT_TICKET": [{ "status": "open", "sentiment": "negative" }]
            }]
            """;

    @TempDir
    Path dir;

    @Test
    void nestedOrdersTicketsAndSubscriptionsJoinTheCrmPerson() {
        try (Workspace workspace = TestWorkspaces.create(dir)) {
            Path crm = TestWorkspaces.write(dir, "crm.csv", """
                    customer_id,first_name,last_name,email
                    C-008821,Ada,Lovelace,ada@example.org
                    7,Bob,Stone,bob@example.org
                    """);
            Path nested = TestWorkspaces.write(dir, "customers.json", SEED_003);
            new Importer(workspace).importFiles(List.of(crm, nested), Progress.none());
            assertEquals(List.of("subscriptions", "support_tickets", "transactions"), TestWorkspaces.column(workspace,
                    "SELECT DISTINCT entity FROM column_mappings WHERE raw_table LIKE 'raw_customers__%' ORDER BY 1"));

            new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());

            String ada = TestWorkspaces.column(workspace,
                    "SELECT customer360_id FROM identity_links WHERE source = 'raw_crm' AND record_id = 'C-008821'").getFirst();
            assertEquals(List.of("1 | 240.0 | 1"), TestWorkspaces.column(workspace, "SELECT orders_count || ' | ' || total_revenue"
                    + " || ' | ' || support_tickets FROM customer360_profiles WHERE customer360_id = '" + ada + "'"));
            List<String> types = new Profiles(workspace).timeline(ada, 50).stream().map(TimelineEvent::type).sorted().toList();
            assertEquals(List.of("purchase", "subscription_started", "support_ticket"), types);
            assertTrue(TestWorkspaces.column(workspace, "SELECT detail FROM customer360_events WHERE event_type = 'support_ticket'")
                    .getFirst().contains("negative"));
        }
    }
}
