package org.c360.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {

    @TempDir
    Path dir;
    private Workspace workspace;

    @BeforeEach
    void open() {
        workspace = TestWorkspaces.create(dir);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private ImportResult importFiles(Path... files) {
        return new Importer(workspace).importFiles(List.of(files), Progress.none());
    }

    private Path parquet(String name, String select) {
        Path file = dir.resolve(name);
        TestWorkspaces.query(workspace, "COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
        return file;
    }

    @Test
    void parquetLandsWithLineageAndBuildsTheEntity() {
        Path file = parquet("customers.parquet", """
                SELECT range AS customer_id, 'user' || range || '@example.com' AS email, 'User ' || range AS name,
                       CASE WHEN range % 2 = 0 THEN 'VIP' ELSE 'Basic' END AS segment FROM range(1, 101)""");
        ImportResult result = importFiles(file);
        FileResult imported = result.files().getFirst();
        assertEquals(SourceFormat.PARQUET, imported.format());
        assertEquals("raw_customers", imported.table());
        assertEquals(100, imported.rowsLanded());
        assertEquals(Entity.CUSTOMERS, imported.entity().orElseThrow());
        ResultTable lineage = TestWorkspaces.query(workspace,
                "SELECT _source_file, min(_source_row), max(_source_row), count(DISTINCT _imported_at) FROM raw_customers GROUP BY 1");
        assertEquals(file.toAbsolutePath().toString(), lineage.value(0, 0));
        assertEquals(1L, lineage.value(0, 1));
        assertEquals(100L, lineage.value(0, 2));
        assertEquals(1L, lineage.value(0, 3));
        assertEquals(100, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customers"));
        assertEquals(50, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customers WHERE segment = 'VIP'"));
        assertEquals("BIGINT", TestWorkspaces.query(workspace, "SELECT typeof(customer_id) FROM customers LIMIT 1").value(0, 0));
        assertEquals(1, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM imports"));
        assertEquals(100, TestWorkspaces.scalar(workspace, "SELECT rows_landed FROM imports"));
    }

    @Test
    void csvWithOddHeadersDelimiterAndDayFirstDatesIsMapped() {
        Path file = TestWorkspaces.resource("good-input/crm-export.csv", dir);
        ImportResult result = importFiles(file);
        FileResult imported = result.files().getFirst();
        assertTrue(imported.readOptions().contains("delimiter=;"), imported.readOptions());
        assertEquals(Entity.CUSTOMERS, imported.entity().orElseThrow());
        ResultTable customers = TestWorkspaces.query(workspace,
                "SELECT customer_id, email, name, registration_date, country FROM customers ORDER BY customer_id");
        assertEquals(3, customers.rowCount());
        assertEquals(10L, customers.value(0, 0));
        assertEquals("ann@example.com", customers.value(0, 1));
        assertEquals("Ann Lee", customers.value(0, 2));
        assertEquals("2024-03-15T00:00", customers.value(0, 3).toString().replace(' ', 'T').substring(0, 16));
        assertEquals("2024-02-28T00:00", customers.value(1, 3).toString().replace(' ', 'T').substring(0, 16));
    }

    @Test
    void csvOverridesWinOverDetection() {
        Path file = TestWorkspaces.write(dir, "pipes.txt", "a|b\n1|x\n2|y\n");
        ImportResult detected = new Importer(workspace).importFiles(List.of(file), Progress.none());
        assertEquals(2, detected.rowsLanded());
        Path noHeader = TestWorkspaces.write(dir, "noheader.csv", "1,x\n2,y\n3,z\n");
        ImportResult overridden = new Importer(workspace, new CsvOptions(",", null, false, null, null, null))
                .importFiles(List.of(noHeader), Progress.none());
        assertEquals(3, overridden.rowsLanded());
        assertEquals(List.of("1", "2", "3"),
                TestWorkspaces.column(workspace, "SELECT _source_row FROM raw_noheader ORDER BY 1"));
    }

    @Test
    void ndjsonTimestampsWithOffsetsBecomeUtc() {
        Path file = TestWorkspaces.resource("good-input/orders.ndjson", dir);
        ImportResult result = importFiles(file);
        assertEquals(Entity.TRANSACTIONS, result.files().getFirst().entity().orElseThrow());
        assertEquals(List.of("2024-04-01 08:15:00", "2024-04-02 08:00:00"), TestWorkspaces.column(workspace,
                "SELECT strftime(timestamp, '%Y-%m-%d %H:%M:%S') FROM transactions ORDER BY transaction_id"));
        assertEquals(List.of("99.5", "12.0"),
                TestWorkspaces.column(workspace, "SELECT amount FROM transactions ORDER BY transaction_id"));
    }

    @Test
    void nestedRecordsOfSeed003BecomeLinkedTables() {
        Path file = TestWorkspaces.resource("good-input/seed003-customers.json", dir);
        ImportResult result = importFiles(file);
        FileResult imported = result.files().getFirst();
        assertEquals("raw_seed003_customers", imported.table());
        assertEquals(3, imported.rowsLanded());
        Map<String, Long> children = new java.util.TreeMap<>();
        imported.childTables().forEach(c -> children.put(c.table(), c.rows()));
        assertEquals(Map.of("raw_seed003_customers__order", 3L, "raw_seed003_customers__subscription", 2L,
                "raw_seed003_customers__support_ticket", 3L), children);
        // linked to the parent by its key, types inferred
        ResultTable subscriptions = TestWorkspaces.query(workspace, """
                SELECT "customerId", _ordinal, status, renewsAt, typeof(renewsAt)
                FROM raw_seed003_customers__subscription ORDER BY "customerId\"""");
        assertEquals("cust-8821", subscriptions.value(0, 0));
        assertEquals(1L, subscriptions.value(0, 1));
        assertEquals("active", subscriptions.value(0, 2));
        assertEquals("DATE", subscriptions.value(0, 4));
        // the seed's query: an active subscription and an open negative ticket
        assertEquals(List.of("cust-8821"), TestWorkspaces.column(workspace, """
                SELECT c."customerId" FROM raw_seed003_customers c
                WHERE c.plan = 'pro'
                  AND EXISTS (SELECT 1 FROM raw_seed003_customers__subscription s WHERE s."customerId" = c."customerId" AND s.status = 'active')
                  AND EXISTS (SELECT 1 FROM raw_seed003_customers__support_ticket t WHERE t."customerId" = c."customerId"
                              AND t.status = 'open' AND t.sentiment = 'negative')"""));
        // the nested orders are recognised as transactions of their customer
        assertEquals(Entity.TRANSACTIONS, imported.childTables().stream()
                .filter(c -> c.table().endsWith("__order")).findFirst().orElseThrow().entity().orElseThrow());
        assertEquals(264.5, ((Number) TestWorkspaces.query(workspace, "SELECT sum(amount) FROM transactions").value(0, 0)).doubleValue(), 1e-9);
    }

    @Test
    void sourceFilesAreNeverWritten() throws IOException {
        Path csv = TestWorkspaces.resource("bad-input/wrong-type.csv", dir);
        Path json = TestWorkspaces.resource("good-input/seed003-customers.json", dir);
        Path latin = TestWorkspaces.resource("bad-input/windows-1252.csv", dir);
        for (Path file : List.of(csv, json, latin)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        }
        byte[][] before = {Files.readAllBytes(csv), Files.readAllBytes(json), Files.readAllBytes(latin)};
        long[] modified = {Files.getLastModifiedTime(csv).toMillis(), Files.getLastModifiedTime(json).toMillis()};
        importFiles(csv, json, latin);
        assertArrayEquals(before[0], Files.readAllBytes(csv));
        assertArrayEquals(before[1], Files.readAllBytes(json));
        assertArrayEquals(before[2], Files.readAllBytes(latin));
        assertEquals(modified[0], Files.getLastModifiedTime(csv).toMillis());
        assertEquals(modified[1], Files.getLastModifiedTime(json).toMillis());
        try (var leftovers = Files.list(dir)) {
            assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().contains("import-tmp")), "scratch left behind");
        }
    }

    @Test
    void aFailingFileRollsBackTheFilesBeforeIt() {
        Path good = parquet("products.parquet", "SELECT range AS product_id, 'P' || range AS name, 9.5 AS price FROM range(10)");
        Path bad = TestWorkspaces.resource("bad-input/truncated.parquet", dir);
        Map<String, Long> before = TestWorkspaces.snapshot(workspace);
        assertThrows(ImportException.class, () -> importFiles(good, bad));
        assertEquals(before, TestWorkspaces.snapshot(workspace));
        assertFalse(workspace.catalog().exists("raw_products"));
        assertFalse(workspace.catalog().exists("products"));
    }

    @Test
    void cancelDuringALongImportLeavesTheWorkspaceAsItWas() {
        Path big = parquet("interactions.parquet", """
                SELECT range AS interaction_id, range % 1000 AS customer_id, range % 77 AS product_id,
                       'view' AS type, TIMESTAMP '2024-01-01' + to_seconds(range) AS timestamp FROM range(3000000)""");
        importFiles(parquet("customers.parquet", "SELECT 1 AS customer_id, 'a@b.c' AS email"));
        Map<String, Long> before = TestWorkspaces.snapshot(workspace);
        AtomicBoolean cancelled = new AtomicBoolean();
        Progress[] holder = new Progress[1];
        holder[0] = new Progress((fraction, message) -> {
            if (message.startsWith("Building") && cancelled.compareAndSet(false, true)) {
                // cancel from another thread while DuckDB is busy, as the app's Cancel button does
                Thread.ofPlatform().start(() -> holder[0].cancel());
            }
        });
        assertThrows(CancelledException.class, () -> new Importer(workspace).importFiles(List.of(big), holder[0]));
        assertTrue(cancelled.get());
        assertEquals(before, TestWorkspaces.snapshot(workspace));
    }

    @Test
    void reimportingAFileReplacesItsTablesAndKeepsAConfirmedMapping() {
        Path file = TestWorkspaces.write(dir, "clients.csv", "client_no,mail,label\n1,a@x.com,A\n2,b@x.com,B\n");
        importFiles(file);
        var mappings = new org.c360.analytics.mapping.Mappings(workspace);
        var detected = mappings.saved("raw_clients").orElseThrow();
        mappings.save(detected.withColumn("name", "label"), Progress.none());
        TestWorkspaces.write(dir, "clients.csv", "client_no,mail,label\n1,a@x.com,A\n2,b@x.com,B\n3,c@x.com,C\n");
        ImportResult again = importFiles(file);
        assertEquals("raw_clients", again.files().getFirst().table());
        assertFalse(workspace.catalog().exists("raw_clients_2"));
        assertEquals(3, TestWorkspaces.scalar(workspace, "SELECT count(*) FROM customers"));
        assertEquals(List.of("A", "B", "C"), TestWorkspaces.column(workspace, "SELECT name FROM customers ORDER BY 1"));
        assertTrue(mappings.saved("raw_clients").orElseThrow().confirmed());
    }

    @Test
    void twoFilesWithTheSameNameFromDifferentFoldersGetTheirOwnTables() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        importFiles(TestWorkspaces.write(a, "data.csv", "x\n1\n"), TestWorkspaces.write(b, "data.csv", "x\n2\n"));
        assertTrue(workspace.catalog().exists("raw_data"));
        assertTrue(workspace.catalog().exists("raw_data_2"));
    }

    @Test
    void missingFilesAndFoldersAreRefusedBeforeAnythingStarts() {
        ImportException missing = assertThrows(ImportException.class, () -> importFiles(dir.resolve("nope.csv")));
        assertTrue(missing.getMessage().contains("nope.csv: the file does not exist"), missing.getMessage());
        ImportException folder = assertThrows(ImportException.class, () -> importFiles(dir));
        assertTrue(folder.getMessage().contains("folder"), folder.getMessage());
    }

    @Test
    void rawNamesAreSafeIdentifiers() {
        assertEquals("raw_customers_2024", Importer.rawName(Path.of("Customers 2024.csv")));
        assertEquals("raw_orders", Importer.rawName(Path.of("orders.ndjson.gz")));
        assertEquals("raw_data", Importer.rawName(Path.of("---.csv")));
    }
}
