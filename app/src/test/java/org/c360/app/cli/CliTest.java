package org.c360.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The c360 command line as a script sees it: exit codes, stdout, one-sentence errors on stderr. */
class CliTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run c360(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = C360Command.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run run = c360("--help");
        assertEquals(0, run.exitCode());
        for (String command : new String[] {"generate", "import", "sql", "app"}) {
            assertTrue(run.out().contains(command), run.out());
        }
        assertEquals(0, c360("import", "--help").exitCode());
        assertEquals(0, c360("sql", "--help").exitCode());
    }

    @Test
    void unknownCommandIsOneSentenceAndExitCodeTwo() {
        Run run = c360("frobnicate");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("c360: Unknown command 'frobnicate'"), run.err());
    }

    @Test
    void unknownOptionIsExitCodeTwo() {
        Run run = c360("sql", "--workspace", dir.resolve("w.c360").toString(), "--colour", "SELECT 1");
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("--colour"), run.err());
    }

    @Test
    void importThenQuery() throws Exception {
        Path csv = Files.writeString(dir.resolve("customers.csv"), "customer_id,email,name\n1,a@x.com,Ann\n2,b@x.com,Bob\n3,c@x.com,Cid\n");
        String ws = dir.resolve("w.c360").toString();
        Run imported = c360("import", "--workspace", ws, csv.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains("customers.csv -> raw_customers: 3 rows landed, 0 rejected (mapped to customers)"),
                imported.out());
        Run csvOut = c360("sql", "--workspace", ws, "--format", "csv", "SELECT customer_id, name FROM customers ORDER BY 1");
        assertEquals(0, csvOut.exitCode(), csvOut.err());
        assertEquals("customer_id,name\n1,Ann\n2,Bob\n3,Cid\n", csvOut.out());
        Run json = c360("sql", "-w", ws, "--format", "json", "SELECT count(*) AS n FROM customers");
        assertEquals("{\"n\":3}\n", json.out());
        Run table = c360("sql", "-w", ws, "SELECT name FROM customers WHERE customer_id = 2");
        assertTrue(table.out().contains("Bob") && table.out().contains("(1 rows)"), table.out());
    }

    @Test
    void failuresAreOneClearSentenceAndExitCodeOne() {
        String ws = dir.resolve("w.c360").toString();
        Run missing = c360("import", "--workspace", ws, dir.resolve("nope.csv").toString());
        assertEquals(1, missing.exitCode());
        assertEquals("c360: Cannot import nope.csv: the file does not exist. Nothing was imported.", missing.err().strip());
        Run badSql = c360("sql", "--workspace", ws, "SELECT * FROM nowhere");
        assertEquals(1, badSql.exitCode());
        assertTrue(badSql.err().startsWith("c360: Catalog Error: Table with name nowhere does not exist"), badSql.err());
    }

    @Test
    void csvOverridesAreValidated() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "x\n1\n");
        Run run = c360("import", "-w", dir.resolve("w.c360").toString(), "--quote", "ab", csv.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("A CSV quote must be a single character"), run.err());
    }

    @Test
    void mappingIsShownCorrectedAndConfirmed() throws Exception {
        Path csv = Files.writeString(dir.resolve("clients.csv"), "client_no,mail,label\n1,a@x.com,A\n2,b@x.com,B\n");
        String ws = dir.resolve("w.c360").toString();
        assertEquals(0, c360("import", "-w", ws, csv.toString()).exitCode());
        Run shown = c360("mapping", "-w", ws);
        assertTrue(shown.out().contains("raw_clients -> customers (detected, not confirmed)"), shown.out());
        Run corrected = c360("mapping", "-w", ws, "raw_clients", "--set", "name=label");
        assertEquals(0, corrected.exitCode(), corrected.err());
        assertTrue(corrected.out().contains("raw_clients -> customers (confirmed)"), corrected.out());
        assertEquals("name\nA\nB\n", c360("sql", "-w", ws, "--format", "csv", "SELECT name FROM customers ORDER BY 1").out());
        Run wrongColumn = c360("mapping", "-w", ws, "raw_clients", "--set", "nme=label");
        assertEquals(2, wrongColumn.exitCode());
        assertTrue(wrongColumn.err().contains("customers has no column 'nme'"), wrongColumn.err());
        Run unmapped = c360("mapping", "-w", ws, "raw_clients", "--unmap");
        assertEquals(0, unmapped.exitCode(), unmapped.err());
        assertEquals(1, c360("sql", "-w", ws, "SELECT * FROM customers").exitCode());
    }
}
