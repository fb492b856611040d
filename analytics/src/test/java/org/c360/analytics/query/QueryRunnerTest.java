package org.c360.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryRunnerTest {

    @TempDir
    Path dir;
    private Workspace workspace;
    private QueryRunner runner;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.create(dir);
        runner = new QueryRunner(workspace);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void resultsAreCappedAndSaySo() {
        ResultTable result = runner.run("SELECT range AS n FROM range(100)", 10, Progress.none());
        assertEquals(10, result.rowCount());
        assertTrue(result.truncated());
        assertEquals(List.of("n"), result.columns());
        assertEquals("BIGINT", result.types().getFirst());
        assertFalse(runner.run("SELECT 1", 10, Progress.none()).truncated());
    }

    @Test
    void statementsWithoutRowsReportTheirCount() {
        runner.run("CREATE TABLE t (x INTEGER)", 10, Progress.none());
        ResultTable inserted = runner.run("INSERT INTO t SELECT range FROM range(7)", 10, Progress.none());
        assertEquals(7L, ((Number) inserted.value(0, 0)).longValue());
    }

    @Test
    void errorsCarryDuckDbsMessageWithoutTheJdbcWrapper() {
        QueryRunner.SqlError error = assertThrows(QueryRunner.SqlError.class,
                () -> runner.run("SELECT * FROM no_such_table", 10, Progress.none()));
        assertTrue(error.getMessage().startsWith("Catalog Error: Table with name no_such_table does not exist"), error.getMessage());
        assertFalse(error.getMessage().contains("pending query result"), error.getMessage());
    }

    @Test
    void historyRecordsSuccessesAndFailuresNewestFirst() {
        runner.run("SELECT 1", 10, Progress.none());
        assertThrows(QueryRunner.SqlError.class, () -> runner.run("SELEC 2", 10, Progress.none()));
        List<QueryRunner.HistoryEntry> history = runner.history(10);
        assertEquals("SELEC 2", history.get(0).sql());
        assertNull(history.get(0).rows());
        assertTrue(history.get(0).error().contains("syntax error"));
        assertEquals("SELECT 1", history.get(1).sql());
        assertEquals(1L, history.get(1).rows());
    }

    @Test
    void cancelStopsALongQuery() throws Exception {
        Progress progress = Progress.none();
        CompletableFuture<ResultTable> running = CompletableFuture.supplyAsync(() ->
                runner.run("SELECT count(*) FROM range(100000000000) a", 10, progress));
        Thread.sleep(300);
        progress.cancel();
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
    }

    @Test
    void emptySqlIsAClearError() {
        QueryRunner.SqlError error = assertThrows(QueryRunner.SqlError.class, () -> runner.run("  ", 10, Progress.none()));
        assertEquals("There is no SQL to run.", error.getMessage());
    }
}
