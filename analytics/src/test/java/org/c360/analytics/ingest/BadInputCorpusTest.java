package org.c360.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.c360.analytics.query.ResultTable;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every file of the bad-input corpus (src/test/resources/bad-input) gives a clear error or quarantined rows,
 * never a crash, a hang or a half-written workspace.
 */
class BadInputCorpusTest {

    /** Generous: a hang is what this guards against, not speed. */
    private static final Duration NO_HANG = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.create(dir);
        // something already in the workspace, which a failed import must leave exactly as it was
        new Importer(workspace).importFiles(List.of(TestWorkspaces.write(dir, "customers.csv",
                "customer_id,email,name\n1,ann@example.com,Ann\n2,bob@example.com,Bob\n")), Progress.none());
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty.csv         | the file is empty",
            "header-only.csv   | header line but no data rows",
            "truncated.parquet | not a complete Parquet file",
            "malformed.json    | JSON is malformed"})
    void unreadableFilesFailClearlyAndChangeNothing(String name, String expected) {
        Path file = TestWorkspaces.resource("bad-input/" + name, dir);
        Map<String, Long> before = TestWorkspaces.snapshot(workspace);
        ImportException e = assertTimeoutPreemptively(NO_HANG,
                () -> assertThrows(ImportException.class, () -> new Importer(workspace).importFiles(List.of(file), Progress.none())));
        assertTrue(e.getMessage().startsWith("Cannot import " + name), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was imported."), e.getMessage());
        assertEquals(file.toAbsolutePath().normalize(), e.file());
        assertEquals(before, TestWorkspaces.snapshot(workspace));
    }

    @Test
    void malformedJsonNamesTheRecord() {
        Path file = TestWorkspaces.resource("bad-input/malformed.json", dir);
        ImportException e = assertThrows(ImportException.class,
                () -> new Importer(workspace).importFiles(List.of(file), Progress.none()));
        assertTrue(e.row().isPresent(), e.getMessage());
    }

    @Test
    void raggedLinesAreQuarantinedWithTheirLineNumbers() {
        Path file = TestWorkspaces.resource("bad-input/ragged.csv", dir);
        ImportResult result = new Importer(workspace).importFiles(List.of(file), Progress.none());
        assertEquals(2, result.rowsLanded());
        assertEquals(2, result.rowsRejected());
        ResultTable rejected = TestWorkspaces.query(workspace,
                "SELECT source_row, reason, value FROM rejected_rows WHERE import_id = " + result.importId() + " ORDER BY source_row");
        assertEquals(3L, rejected.value(0, 0));
        assertEquals("the line has 3 fields, expected 4", rejected.value(0, 1));
        assertEquals("2,b@x.com,Bob", rejected.value(0, 2));
        assertEquals(4L, rejected.value(1, 0));
        assertEquals("the line has 5 fields, expected 4", rejected.value(1, 1));
        // rows after a rejected line keep their own line numbers
        assertEquals(List.of("2", "5"), TestWorkspaces.column(workspace,
                "SELECT _source_row FROM raw_ragged ORDER BY _source_row"));
        assertEquals(List.of("1", "4"), TestWorkspaces.column(workspace,
                "SELECT customer_id FROM raw_ragged ORDER BY _source_row"));
    }

    @Test
    void windows1252IsDetectedAndReadCorrectly() throws IOException {
        Path file = TestWorkspaces.resource("bad-input/windows-1252.csv", dir);
        byte[] original = Files.readAllBytes(file);
        ImportResult result = new Importer(workspace).importFiles(List.of(file), Progress.none());
        assertEquals(3, result.rowsLanded());
        assertEquals(0, result.rowsRejected());
        assertEquals(List.of("José García", "François", "€uro Shop"),
                TestWorkspaces.column(workspace, "SELECT name FROM raw_windows_1252 ORDER BY _source_row"));
        assertEquals(List.of("München", "São Paulo", "Zürich"),
                TestWorkspaces.column(workspace, "SELECT city FROM raw_windows_1252 ORDER BY _source_row"));
        assertTrue(result.files().getFirst().readOptions().contains("windows-1252"), result.files().getFirst().readOptions());
        assertEquals(List.of(original.length), List.of(Files.readAllBytes(file).length), "source file changed");
    }

    @Test
    void wrongTypesAndMissingKeysAreQuarantinedByColumn() {
        Path file = TestWorkspaces.resource("bad-input/wrong-type.csv", dir);
        ImportResult result = new Importer(workspace).importFiles(List.of(file), Progress.none());
        FileResult imported = result.files().getFirst();
        assertEquals("transactions", imported.entity().orElseThrow().table());
        assertEquals(28, imported.rowsLanded());
        assertEquals(2, imported.rowsRejected());
        ResultTable rejected = TestWorkspaces.query(workspace, """
                SELECT source_row, "column", value, reason FROM rejected_rows
                WHERE import_id = %d ORDER BY source_row""".formatted(result.importId()));
        assertEquals(18L, rejected.value(0, 0));
        assertEquals("amount", rejected.value(0, 1));
        assertEquals("twelve", rejected.value(0, 2));
        assertEquals("'twelve' is not a number (amount)", rejected.value(0, 3));
        assertEquals(24L, rejected.value(1, 0));
        assertEquals("transaction_id", rejected.value(1, 1));
        assertEquals("missing transaction_id (column 'transaction_id' is empty)", rejected.value(1, 3));
        assertEquals(28, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM transactions"));
        // nothing is lost: the raw table still holds every line as it came
        assertEquals(30, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM raw_wrong_type"));
    }

    @Test
    void mixedTypesInJsonLandAsText() {
        Path file = TestWorkspaces.resource("bad-input/mixed-types.json", dir);
        ImportResult result = new Importer(workspace).importFiles(List.of(file), Progress.none());
        assertEquals(3, result.rowsLanded());
        assertEquals(List.of("41", "unknown", "37.5"),
                TestWorkspaces.column(workspace, "SELECT age FROM raw_mixed_types ORDER BY _source_row"));
        assertEquals(List.of("c-1", "c-2", "3"),
                TestWorkspaces.column(workspace, "SELECT \"customerId\" FROM raw_mixed_types ORDER BY _source_row"));
    }

    @Test
    void deepNestingLandsWithoutExploding() {
        Path file = TestWorkspaces.resource("bad-input/deep-nesting.json", dir);
        ImportResult result = assertTimeoutPreemptively(NO_HANG,
                () -> new Importer(workspace).importFiles(List.of(file), Progress.none()));
        assertEquals(2, result.rowsLanded());
        assertTrue(result.files().getFirst().childTables().size() <= 8, result.summary());
        assertEquals(List.of("root", "second"),
                TestWorkspaces.column(workspace, "SELECT id FROM raw_deep_nesting ORDER BY _source_row"));
    }

    @Test
    void aTenMegabyteLineIsRead() throws IOException {
        String big = "x".repeat(10 * 1024 * 1024);
        Path file = TestWorkspaces.write(dir, "long-line.csv", "id,text\n1," + big + "\n2,short\n");
        ImportResult result = assertTimeoutPreemptively(NO_HANG,
                () -> new Importer(workspace).importFiles(List.of(file), Progress.none()));
        assertEquals(2, result.rowsLanded());
        assertEquals(10L * 1024 * 1024, TestWorkspaces.scalar(workspace, "SELECT max(length(text)) FROM raw_long_line"));
    }

    @Test
    void aFileThatDisappearsMidImportFailsTheWholeImport() {
        Path first = TestWorkspaces.write(dir, "first.csv", "a,b\n1,2\n");
        Path second = TestWorkspaces.write(dir, "second.csv", "a,b\n3,4\n");
        Map<String, Long> before = TestWorkspaces.snapshot(workspace);
        Progress deleteSecondWhileReadingFirst = new Progress((fraction, message) -> {
            if (message.startsWith("Reading first.csv")) {
                try {
                    Files.delete(second);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        ImportException e = assertThrows(ImportException.class,
                () -> new Importer(workspace).importFiles(List.of(first, second), deleteSecondWhileReadingFirst));
        assertTrue(e.getMessage().contains("second.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("disappeared"), e.getMessage());
        assertEquals(before, TestWorkspaces.snapshot(workspace));
    }
}
