package org.c360.analytics.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.c360.analytics.ingest.Importer;
import org.c360.analytics.testing.TestWorkspaces;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public FEBRL person lists (src/test/resources/febrl, see PROVENANCE.md) imported as they are and
 * resolved: pairwise F1 must reach 0.95 (Splink reports above 0.99 on the harder sets).
 */
class FebrlResolutionTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dataset1, 500", "dataset2, 1934"})
    void personListsResolveAbove95PercentF1(String name, long truePairs) throws IOException {
        Path file = TestWorkspaces.resource("febrl/" + name + ".csv", dir);
        Path truth = groundTruth(file, name);
        try (Workspace workspace = TestWorkspaces.create(dir)) {
            new Importer(workspace).importFiles(List.of(file), Progress.none());

            ResolveResult deterministic = new Resolver(workspace).resolve(ResolveOptions.DEFAULTS.deterministicOnly(),
                    Progress.none());
            Evaluation.Metrics alone = new Evaluation(workspace).against(truth);
            assertEquals(truePairs, alone.truePairs());
            assertTrue(alone.precision() > 0.99, alone.describe());

            ResolveResult full = new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            Evaluation.Metrics both = new Evaluation(workspace).against(truth);
            assertTrue(both.f1() >= 0.95, both.describe());
            assertTrue(both.f1() > alone.f1(), "the probabilistic pass adds matches: " + alone.describe() + " / " + both.describe());
            assertTrue(full.model().converged(), full.model().describe());
            assertTrue(deterministic.persons() > full.persons());
        }
    }

    /** rec-N-org and rec-N-dup-K are the same person N. */
    private Path groundTruth(Path file, String source) throws IOException {
        StringBuilder csv = new StringBuilder("source,record_id,person_id\n");
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String recId = line.substring(0, line.indexOf(',')).strip();
            csv.append(source).append(',').append(recId).append(',').append(recId.split("-")[1]).append('\n');
        }
        return Files.writeString(dir.resolve(source + "-truth.csv"), csv);
    }
}
