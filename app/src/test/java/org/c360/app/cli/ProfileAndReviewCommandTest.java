package org.c360.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.testing.MultiSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** c360 profile and c360 review on a resolved multi-source workspace. */
class ProfileAndReviewCommandTest {
    @TempDir
    static Path dir;
    static String ws;
    /** A person with records in several sources, and their CRM id. */
    static String person;
    static String crmId;

    @BeforeAll
    static void resolve() {
        Path file = MultiSource.resolved(dir);
        ws = file.toString();
        try (Workspace workspace = Workspace.open(file)) {
            List<String> row = TestWorkspaces.column(workspace, """
                    SELECT p.customer360_id || '|' || l.record_id FROM customer360_profiles p
                    JOIN identity_links l USING (customer360_id)
                    WHERE l.source = 'raw_crm_customers' AND len(p.sources) >= 3 ORDER BY p.records DESC, 1 LIMIT 1""");
            person = row.getFirst().split("\\|")[0];
            crmId = row.getFirst().split("\\|")[1];
        }
    }

    @Test
    void findingByASourceIdPrintsTheCardWithFieldOriginsGraphAndTimeline() {
        CliTest.Run run = CliTest.c360("profile", "--workspace", ws, "--find", crmId, "--graph", "--timeline", "--limit", "5");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("(" + person + ")"), out);
        assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("first_name") && l.contains("crm_customers " + crmId)
                && l.contains("rule: source")), "first_name comes from the CRM record by the source rule:\n" + out);
        assertTrue(out.contains("\nContact\n") && out.contains("\nCommerce\n"), out);
        assertTrue(out.contains("Identity graph: "), out);
        assertTrue(out.contains("  record      crm_customers " + crmId), out);
        assertTrue(out.contains(" -- "), "edges are listed");
        assertTrue(out.contains("Timeline (5 events, newest first)"), out);
    }

    @Test
    void jsonHasFieldsWithOriginsAndTheGraph() {
        CliTest.Run run = CliTest.c360("profile", "-w", ws, "--id", person, "--graph", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        String json = run.out().strip();
        assertTrue(json.startsWith("{\"customer360_id\":\"" + person + "\""), json);
        assertTrue(json.contains("{\"field\":\"first_name\",\"group\":\"Identity\",\"value\":"), json);
        assertTrue(json.contains("\"origin\":{\"source\":\"raw_crm_customers\",\"record_id\":\"" + crmId + "\",\"rule\":\"source\""), json);
        assertTrue(json.contains("\"graph\":{\"nodes\":[{\"id\":0,"), json);
        assertEquals(1, json.lines().count(), "one JSON object");
    }

    @Test
    void severalMatchesAreListedAndNoneIsAnError() {
        CliTest.Run many = CliTest.c360("profile", "-w", ws, "--find", "a");
        assertEquals(0, many.exitCode(), many.err());
        assertTrue(many.out().contains("More than 20 people match 'a'; show one with --id C360_ID."), many.out());
        CliTest.Run none = CliTest.c360("profile", "-w", ws, "--find", "Zzyzx Nobody");
        assertEquals(1, none.exitCode());
        assertEquals("c360: No person matches 'Zzyzx Nobody' (by name, e-mail, phone or source id).", none.err().strip());
    }

    @Test
    void badUsageIsOneSentenceAndExitTwo() {
        CliTest.Run neither = CliTest.c360("profile", "-w", ws);
        assertEquals(2, neither.exitCode());
        assertTrue(neither.err().contains("--find=TEXT | --id=C360_ID"), neither.err());
        CliTest.Run both = CliTest.c360("profile", "-w", ws, "--find", "x", "--id", "c360_1");
        assertEquals(2, both.exitCode());
        CliTest.Run csv = CliTest.c360("profile", "-w", ws, "--id", person, "--format", "csv");
        assertEquals(2, csv.exitCode());
        assertEquals("c360: A profile prints as table or json, not csv. Run 'c360 profile --help' for usage.", csv.err().strip());
        CliTest.Run oneKey = CliTest.c360("review", "-w", ws, "accept", "raw_crm_customers:CRM-0000001");
        assertEquals(2, oneKey.exitCode());
        assertTrue(oneKey.err().startsWith("c360: 'review accept' needs two record keys"), oneKey.err());
        assertEquals(2, CliTest.c360("review", "-w", ws, "approve", "a", "b").exitCode());
    }

    @Test
    void anUnresolvedWorkspaceSaysToResolveFirst() {
        Path empty = dir.resolve("empty.c360");
        CliTest.Run run = CliTest.c360("profile", "-w", empty.toString(), "--find", "x");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("c360: No profiles yet: resolve identities first"), run.err());
        assertEquals(1, CliTest.c360("review", "-w", empty.toString()).exitCode());
    }

    @Test
    void reviewListsPairsAndRecordsADecision() {
        CliTest.Run list = CliTest.c360("review", "-w", ws, "list", "--format", "csv", "--limit", "1");
        assertEquals(0, list.exitCode(), list.err());
        List<String> lines = list.out().lines().toList();
        assertEquals("left,right,weight,probability,status,left_record,right_record,evidence", lines.getFirst());
        assertEquals(2, lines.size(), "the fixture has pairs waiting for review:\n" + list.out());
        String[] pair = lines.get(1).split(",");
        assertTrue(lines.get(1).contains(",review,"), lines.get(1));
        assertTrue(lines.get(1).contains("prior "), "the evidence starts with the prior");

        CliTest.Run reject = CliTest.c360("review", "-w", ws, "reject", pair[1], pair[0]);
        assertEquals(0, reject.exitCode(), reject.err());
        assertTrue(reject.out().startsWith("Rejected: " + pair[1] + " and " + pair[0] + " are different people (weight "), reject.out());
        assertTrue(reject.out().contains("was review). It applies from the next 'c360 resolve'."), reject.out());

        CliTest.Run decisions = CliTest.c360("review", "-w", ws, "list", "--decisions", "--format", "json");
        assertEquals(0, decisions.exitCode(), decisions.err());
        assertTrue(decisions.out().startsWith("{\"left\":\"" + pair[0] + "\",\"right\":\"" + pair[1] + "\",\"decision\":\"reject\""),
                decisions.out());
        CliTest.Run unknown = CliTest.c360("review", "-w", ws, "accept", pair[0], "raw_crm_customers:NOPE");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().startsWith("c360: No record 'raw_crm_customers:NOPE'"), unknown.err());
    }
}
