package org.c360.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.c360.analytics.segment.Segments;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.testing.MultiSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** c360 segment on a resolved multi-source workspace: count, errors with a pointer, save, overlap, export. */
class SegmentCommandTest {
    @TempDir
    static Path dir;
    static String ws;

    @BeforeAll
    static void resolve() {
        ws = MultiSource.resolved(dir).toString();
    }

    private static long count(String expression) {
        try (Workspace workspace = Workspace.open(Path.of(ws))) {
            return new Segments(workspace).count(expression, Progress.none()).people();
        }
    }

    @Test
    void seed003QueryCountsAndShowsItsSqlAndTime() {
        String where = "has SUBSCRIPTION(status = 'active') AND has SUPPORT_TICKET(status = 'open' and sentiment = 'negative')";
        CliTest.Run run = CliTest.c360("segment", "-w", ws, "--where", where, "--sql", "--timings", "--repeat", "2", "--preview", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(String.format("%,d people", count(where))), run.out());
        assertTrue(run.out().contains("-- parameters: $1 = 'active', $2 = 'open', $3 = 'negative'"), run.out());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("count: [0-9,]+ ms median of 2 .*")), run.err());
    }

    @Test
    void aMistypedFieldExitsWithItsPositionAndTheClosestName() {
        CliTest.Run run = CliTest.c360("segment", "-w", ws, "--where", "country = 'US' and ordrs_count > 2");
        assertEquals(C360Command.FAILURE, run.exitCode());
        assertTrue(run.err().startsWith("c360: Unknown profile field 'ordrs_count' at position 20 (did you mean 'orders_count'?)."), run.err());
        assertTrue(run.err().contains("\n                     ^^^^^^^^^^^"), run.err());
    }

    @Test
    void saveOverlapAndExportRefusingToOverwrite() throws Exception {
        assertEquals(0, CliTest.c360("segment", "-w", ws, "--where", "country = 'US'", "--save", "US", "--preview", "0").exitCode());
        assertEquals(0, CliTest.c360("segment", "-w", ws, "--where", "orders_count >= 2", "--save", "Repeat", "--preview", "0").exitCode());
        CliTest.Run overlap = CliTest.c360("segment", "-w", ws, "--overlap", "US,Repeat");
        assertEquals(0, overlap.exitCode(), overlap.err());
        assertTrue(overlap.out().contains(String.format("US + Repeat  %,d", count("country = 'US' and orders_count >= 2"))), overlap.out());

        Path file = dir.resolve("us.csv");
        CliTest.Run export = CliTest.c360("segment", "-w", ws, "--segment", "US", "--export", file.toString(), "--hashed");
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(export.out().contains("who opted out left out"), export.out());
        assertEquals("Email,Phone", Files.readAllLines(file).getFirst());
        CliTest.Run again = CliTest.c360("segment", "-w", ws, "--segment", "US", "--export", file.toString(), "--hashed");
        assertEquals(C360Command.FAILURE, again.exitCode());
        assertTrue(again.err().contains("already exists") && again.err().contains("--overwrite"), again.err());
        CliTest.Run replaced = CliTest.c360("segment", "-w", ws, "--segment", "US", "--export", file.toString(), "--hashed", "--overwrite");
        assertEquals(0, replaced.exitCode(), replaced.err());
        CliTest.Run missingDir = CliTest.c360("segment", "-w", ws, "--where", "", "--export", dir.resolve("nowhere/x.parquet").toString());
        assertEquals(C360Command.FAILURE, missingDir.exitCode());
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }
}
