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

class BrowseCommandTest {
    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void createWorkspace() {
        try (Workspace ws = TestWorkspaces.create(dir)) {
            TestWorkspaces.query(ws, "CREATE TABLE t AS SELECT i AS id, i % 3 AS k, 'v' || i AS name FROM range(1, 251) r(i)");
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
    void printsOneSortedFilteredPageAsCsv() {
        Run run = run("browse", "-w", workspace.toString(), "-t", "t", "--sort", "id:desc", "--filter", "k = 0",
                "--page", "2", "--page-size", "5", "--format", "csv");
        assertEquals(0, run.exit(), run.err());
        assertEquals("id,k,name\n234,0,v234\n231,0,v231\n228,0,v228\n225,0,v225\n222,0,v222\n",
                run.out().replace("\r", ""));
    }

    @Test
    void timingsGoToStderr() {
        Run run = run("browse", "-w", workspace.toString(), "-t", "t", "--sort", "name", "--timings", "--repeat", "3");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("count: 250 rows in "), run.err());
        assertTrue(run.err().contains("page 1 (top-n): min "), run.err());
        assertTrue(run.out().contains("page 1 of 3 (250 rows)"), run.out());
    }

    @Test
    void profilesAColumn() {
        Run run = run("browse", "-w", workspace.toString(), "-t", "t", "--profile", "k", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"distinct\":3,\"distinct_exact\":true"), run.out());
        assertTrue(run.out().contains("{\"bin\":\"0\",\"rows\":83,\"other\":false}"), run.out());
    }

    @Test
    void anUnknownColumnIsOneSentence() {
        Run run = run("browse", "-w", workspace.toString(), "-t", "t", "--sort", "nope");
        assertEquals(C360Command.FAILURE, run.exit());
        assertEquals("c360: Table t has no column 'nope' (its columns: id, k, name).", run.err().strip());
    }
}
