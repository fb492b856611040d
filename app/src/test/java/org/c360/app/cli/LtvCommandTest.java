package org.c360.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.c360.datasets.ecommerce.DataFormat;
import org.c360.datasets.ecommerce.EcommerceGenerator;
import org.c360.datasets.ecommerce.GeneratorOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code c360 ltv} on the generator's shop (2,000 customers) and on bad input. */
class LtvCommandTest {
    @TempDir
    static Path dir;
    static Path shop;

    @BeforeAll
    static void createWorkspace() {
        var data = EcommerceGenerator.generate(new GeneratorOptions(0.002, 7, DataFormat.parquet, dir.resolve("data"), false),
                Progress.none());
        try (Workspace ws = Workspace.open(dir.resolve("shop" + Workspace.EXTENSION))) {
            new Importer(ws).importFiles(data.files(), Progress.none());
            shop = ws.file();
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
    void printsTheFitsTheHoldoutCheckAndClv() {
        Run run = run("ltv", "-w", shop.toString(), "--holdout-days", "60", "--horizon-months", "6", "--timings");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Purchases from transactions (per customer_id), "), run.out());
        assertTrue(run.out().contains("Holdout check: fitted up to "), run.out());
        assertTrue(run.out().contains("predicting the 60 days after it."), run.out());
        assertTrue(run.out().contains("iterations, converged"), run.out());
        assertTrue(run.out().contains("CLV over 6 months at 1.00% a month"), run.out());
        assertTrue(run.out().contains("  repeat purchases   customers   actual   predicted"), run.out());
        assertTrue(run.err().contains("fit BG/NBD + Gamma-Gamma"), run.err());
    }

    @Test
    void writesScoresAndReportsThemAsJson() {
        Run run = run("ltv", "-w", shop.toString(), "--holdout-days", "0", "--write", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        String json = run.out();
        assertTrue(json.startsWith("{\"source\": \"transactions\", \"subject\": \"customer_id\", \"units\": \"days\""), json);
        assertTrue(json.contains("\"converged\": true"), json);
        assertTrue(json.contains("\"written\": {\"run_id\": "), json);
        assertTrue(json.contains("\"scores\": {\"run_id\": ") && json.contains("\"stale\": false"), json);
        try (Workspace ws = Workspace.open(shop)) {
            long customers = TestWorkspaces.scalar(ws, "SELECT customers FROM model_runs ORDER BY run_id DESC LIMIT 1");
            assertEquals(3 * customers, TestWorkspaces.scalar(ws, "SELECT count(*) FROM scores"));
        }
    }

    @Test
    void tooFewRepeatCustomersIsOneSentence() {
        Path file;
        try (Workspace ws = Workspace.open(dir.resolve("once" + Workspace.EXTENSION))) {
            TestWorkspaces.query(ws, "CREATE TABLE transactions AS SELECT i AS transaction_id, i AS customer_id, 10.0 AS amount,"
                    + " TIMESTAMP '2024-01-01' + to_days(CAST(i AS INTEGER)) AS \"timestamp\" FROM range(1, 101) r(i)");
            file = ws.file();
        }
        Run run = run("ltv", "-w", file.toString());
        assertEquals(C360Command.FAILURE, run.exit());
        assertEquals("c360: Only 0 of 10 customers in transactions up to the calibration end 2024-01-11 bought again after"
                + " their first purchase; the BG/NBD model needs at least 30 repeat customers to fit.", run.err().strip());
    }

    @Test
    void calibrationEndAndHoldoutDaysExcludeEachOther() {
        Run run = run("ltv", "-w", shop.toString(), "--calibration-end", "2024-10-01", "--holdout-days", "30");
        assertEquals(C360Command.USAGE, run.exit());
        assertTrue(run.err().startsWith("c360: Error: --calibration-end=DATE, --holdout-days=N are mutually exclusive"), run.err());
        Run rate = run("ltv", "-w", shop.toString(), "--discount-rate", "1.5");
        assertEquals(C360Command.USAGE, rate.exit());
        assertTrue(rate.err().startsWith("c360: the monthly discount rate must be at least 0 and below 1, not 1.5."), rate.err());
    }
}
