package org.c360.analytics.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.C360Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void newWorkspaceIsMigratedAndRecordsItsMigrations() {
        try (Workspace ws = TestWorkspaces.create(dir)) {
            assertEquals(Migrations.latestVersion(), TestWorkspaces.scalar(ws, "SELECT max(version) FROM schema_migrations"));
            assertEquals(Migrations.ALL.size(), TestWorkspaces.scalar(ws, "SELECT count(*) FROM schema_migrations"));
            assertTrue(ws.catalog().exists("rejected_rows"));
            assertTrue(ws.catalog().exists("imports"));
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotReapplyMigrations() {
        Path file = dir.resolve("keep.c360");
        try (Workspace ws = Workspace.open(file)) {
            TestWorkspaces.query(ws, "CREATE TABLE notes AS SELECT 42 AS answer");
        }
        try (Workspace ws = Workspace.open(file)) {
            assertEquals(42, TestWorkspaces.scalar(ws, "SELECT answer FROM notes"));
            assertEquals(Migrations.ALL.size(), TestWorkspaces.scalar(ws, "SELECT count(*) FROM schema_migrations"));
        }
    }

    @Test
    void secondOpenInThisProcessIsRefusedWithAClearMessage() {
        Path file = dir.resolve("busy.c360");
        try (Workspace ignored = Workspace.open(file)) {
            C360Exception e = assertThrows(WorkspaceInUseException.class, () -> Workspace.open(file));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
        try (Workspace again = Workspace.open(file)) {
            assertTrue(again.isOpen());
        }
    }

    @Test
    void secondProcessIsRefusedAndTheFileStaysUsable() throws Exception {
        Path file = dir.resolve("shared.c360");
        try (Workspace ignored = Workspace.open(file)) {
            TestWorkspaces.query(ignored, "CREATE TABLE t AS SELECT 1 AS x");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), OpenWorkspace.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the second process hung");
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(3, process.exitValue(), output);
            assertTrue(output.contains("already open in another Customer 360 Workbench"), output);
        }
        try (Workspace ws = Workspace.open(file)) {
            assertEquals(1, TestWorkspaces.scalar(ws, "SELECT x FROM t"));
        }
    }

    /** Opens a workspace in a separate JVM and reports the error message. */
    public static final class OpenWorkspace {
        public static void main(String[] args) {
            try (Workspace ignored = Workspace.open(Path.of(args[0]))) {
                System.out.println("opened");
                System.exit(0);
            } catch (C360Exception e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }

    @Test
    void aFileThatIsNotAWorkspaceIsRefusedAndLeftAlone() throws IOException {
        Path file = dir.resolve("notes.c360");
        Files.writeString(file, "these are my notes, not a database");
        C360Exception e = assertThrows(C360Exception.class, () -> Workspace.open(file));
        assertTrue(e.getMessage().contains("not a Customer 360 workspace"), e.getMessage());
        assertEquals("these are my notes, not a database", Files.readString(file));
    }

    @Test
    void catalogGroupsTablesByLayer() {
        try (Workspace ws = TestWorkspaces.create(dir)) {
            TestWorkspaces.query(ws, "CREATE TABLE raw_orders AS SELECT 1 AS id");
            TestWorkspaces.query(ws, "CREATE TABLE customers AS SELECT 1 AS customer_id");
            TestWorkspaces.query(ws, "CREATE VIEW my_view AS SELECT * FROM raw_orders");
            List<Catalog.TableInfo> tables = ws.catalog().tables();
            assertEquals(Catalog.Layer.SOURCE, find(tables, "raw_orders").layer());
            assertEquals(Catalog.Layer.ENTITY, find(tables, "customers").layer());
            assertEquals(Catalog.Layer.QUARANTINE, find(tables, "rejected_rows").layer());
            assertEquals(Catalog.Layer.SYSTEM, find(tables, "schema_migrations").layer());
            Catalog.TableInfo view = find(tables, "my_view");
            assertEquals(Catalog.Layer.USER, view.layer());
            assertTrue(view.view());
            assertEquals(1, view.rows());
            assertFalse(find(tables, "raw_orders").view());
        }
    }

    private static Catalog.TableInfo find(List<Catalog.TableInfo> tables, String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
