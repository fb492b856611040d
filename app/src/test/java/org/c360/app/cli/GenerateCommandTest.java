package org.c360.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return C360Command.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void writesTheDatasetAndOneLinePerTable() {
        Path target = dir.resolve("data");
        assertEquals(0, run("generate", "--scale", "0.002", "--seed", "9", "--out", target.toString(), "--timings"), err.toString());
        for (String file : new String[] {"customers.parquet", "products.parquet", "transactions.parquet",
                "interactions.parquet", "manifest.json"}) {
            assertTrue(Files.isRegularFile(target.resolve(file)), file);
        }
        String[] lines = out.toString().strip().split("\n");
        assertEquals(4, lines.length, out.toString());
        assertTrue(lines[0].startsWith("customers") && lines[0].contains("2,000 rows"), lines[0]);
        assertTrue(err.toString().contains("time: total"), err.toString());
    }

    @Test
    void writesCsvWhenAsked() {
        Path target = dir.resolve("csv");
        assertEquals(0, run("generate", "--scale", "0.001", "--out", target.toString(), "--format", "csv"), err.toString());
        assertTrue(Files.isRegularFile(target.resolve("transactions.csv")));
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertEquals(C360Command.USAGE, run("generate", "--out", dir.toString(), "--format", "xml"));
        assertTrue(err.toString().contains("--format"), err.toString());
    }

    @Test
    void sourcesWritesTheSourceSystemsExportsBesideTheTables() {
        Path target = dir.resolve("sources");
        assertEquals(0, run("generate", "--scale", "0.001", "--seed", "3", "--out", target.toString(), "--sources", "--format", "csv"),
                err.toString());
        for (String file : new String[] {"customers.csv", "crm_customers.csv", "loyalty_members.csv", "web_events.ndjson",
                "orders.csv", "support_tickets.json", "subscriptions.csv", "customers_nested.json", "ground_truth.csv"}) {
            Path path = file.equals("customers.csv") ? target.resolve(file) : target.resolve("sources").resolve(file);
            assertTrue(Files.isRegularFile(path), file);
        }
        String[] lines = out.toString().strip().split("\n");
        assertEquals(12, lines.length, out.toString());
        assertTrue(lines[4].startsWith("crm_customers") && lines[4].contains("sources"), lines[4]);
        assertTrue(lines[11].startsWith("ground_truth"), lines[11]);
    }

    @Test
    void outIsRequired() {
        assertEquals(C360Command.USAGE, run("generate", "--scale", "0.001"));
    }

    @Test
    void scaleOutOfRangeFailsWithOneSentence() {
        assertEquals(C360Command.FAILURE, run("generate", "--out", dir.toString(), "--scale", "50"));
        assertEquals("c360: The scale must be between 0.001 and 10 (1.0 = 1 million customers), not 50.", err.toString().strip());
    }

    @Test
    void refusesToOverwriteOtherFiles() throws Exception {
        Files.writeString(dir.resolve("customers.parquet"), "not ours");
        assertEquals(C360Command.FAILURE, run("generate", "--scale", "0.001", "--out", dir.toString()));
        assertTrue(err.toString().contains("did not write"), err.toString());
        assertEquals("not ours", Files.readString(dir.resolve("customers.parquet")));
    }

    @Test
    void sizesAreShownInDecimalUnits() {
        assertEquals("999 B", GenerateCommand.size(999));
        assertEquals("28.0 MB", GenerateCommand.size(28_044_874));
        assertEquals("1.2 GB", GenerateCommand.size(1_234_567_890));
    }
}
