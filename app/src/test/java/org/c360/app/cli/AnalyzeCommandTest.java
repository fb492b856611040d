package org.c360.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void createWorkspace() {
        try (Workspace ws = TestWorkspaces.create(dir)) {
            TestWorkspaces.query(ws, "CREATE TABLE customers AS SELECT i AS customer_id, 'C' || i AS name, 'c' || i || '@x.org' AS email, "
                    + "CASE WHEN i % 2 = 0 THEN 'VIP' ELSE 'Basic' END AS segment, i * 10.0 AS ltv, "
                    + "TIMESTAMP '2024-01-01' + to_days(i) AS registration_date FROM range(1, 11) r(i)");
            workspace = ws.file();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = C360Command.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void runsANamedAnalysisWithParametersAsCsv() {
        Run run = run("analyze", "-w", workspace.toString(), "top-customers", "--param", "limit=3", "--format", "csv");
        assertEquals(0, run.exit(), run.err());
        String[] lines = run.out().replace("\r", "").split("\n");
        assertEquals("customer_id,name,email,segment,ltv,registration_date", lines[0]);
        assertEquals(4, lines.length);
        assertTrue(lines[1].startsWith("10,C10,"), lines[1]);
    }

    @Test
    void listsTheCatalogWithoutAName() {
        Run run = run("analyze", "-w", workspace.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("cohort-retention       Monthly cohort retention (seed 11)"), run.out());
        assertTrue(run.out().contains("--param window_days=7"), run.out());
    }

    @Test
    void printsTheSqlWithTheParametersFilledIn() {
        Run run = run("analyze", "-w", workspace.toString(), "cross-sell-gap", "--param", "segments=VIP,Basic", "--sql");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("list_contains(['VIP', 'Basic'], c.segment)"), run.out());
    }

    @Test
    void aMissingMappingAndABadParameterAreOneSentence() {
        Run missing = run("analyze", "-w", workspace.toString(), "monthly-revenue");
        assertEquals(C360Command.FAILURE, missing.exit());
        assertTrue(missing.err().startsWith("c360: The analysis 'Transaction volume and revenue by month' needs the transactions table"),
                missing.err());
        Run bad = run("analyze", "-w", workspace.toString(), "top-customers", "--param", "limit=many");
        assertEquals("c360: Parameter limit must be a whole number of 0 or more, not 'many'.", bad.err().strip());
        Run unknown = run("analyze", "-w", workspace.toString(), "nope");
        assertTrue(unknown.err().startsWith("c360: There is no analysis named 'nope'; there are: segment-overview, "), unknown.err());
    }

    @Test
    void timingsRunEveryAnalysisThatCanRun() {
        Run run = run("analyze", "-w", workspace.toString(), "segment-overview", "ltv-quartiles", "--timings", "--repeat", "2");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("segment-overview: ") && run.err().contains("(median of 2: "), run.err());
        assertTrue(run.out().contains("== ltv-quartiles: LTV by segment and quartile"), run.out());
    }

    @Test
    void timingsOfTheWholeCatalogSkipWhatCannotRun() {
        Run run = run("analyze", "-w", workspace.toString(), "--timings");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("basket                 skipped: no table is mapped to products, transactions"), run.out());
        assertTrue(run.out().contains("seed analyses (4): median "), run.out());
    }
}
