package org.c360.datasets.ecommerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the generator may write, and that an interrupted run leaves nothing behind. */
class OutputFolderTest {

    @TempDir
    Path dir;

    @Test
    void writesTheFourTablesAndAManifestThatDescribesThem() throws IOException {
        GeneratedDataset dataset = generate(DataFormat.csv, Progress.none());
        assertEquals(List.of("customers.csv", "interactions.csv", "manifest.json", "products.csv", "transactions.csv"), names());
        Manifest manifest = Manifest.read(dir).orElseThrow();
        assertEquals(new Manifest(EcommerceGenerator.VERSION, 3, 0.002, DataFormat.csv, manifest.tables()), manifest);
        assertTrue(manifest.isCompleteIn(dir));
        for (GeneratedTable table : dataset.tables()) {
            Manifest.Entry entry = manifest.tables().get(EcommerceGenerator.TABLES.indexOf(table.name()));
            assertEquals(new Manifest.Entry(table.name(), table.file().getFileName().toString(), table.rows(), table.bytes()), entry);
            assertEquals(Files.size(table.file()), table.bytes());
        }
    }

    @Test
    void rewritesItsOwnDatasetAndDropsTheFilesOfAnotherFormat() throws IOException {
        generate(DataFormat.csv, Progress.none());
        generate(DataFormat.parquet, Progress.none());
        assertEquals(List.of("customers.parquet", "interactions.parquet", "manifest.json", "products.parquet",
                "transactions.parquet"), names());
        assertEquals(DataFormat.parquet, Manifest.read(dir).orElseThrow().format());
    }

    @Test
    void neverOverwritesFilesItDidNotWrite() throws IOException {
        Files.writeString(dir.resolve("transactions.parquet"), "mine");
        C360Exception e = assertThrows(C360Exception.class, () -> generate(DataFormat.parquet, Progress.none()));
        assertTrue(e.getMessage().contains("transactions.parquet"), e.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("transactions.parquet")));
        assertEquals(List.of("transactions.parquet"), names());
    }

    @Test
    void neverOverwritesAnotherToolsManifest() throws IOException {
        Files.writeString(dir.resolve(Manifest.FILE_NAME), "{\"tool\": \"something else\"}");
        assertThrows(C360Exception.class, () -> generate(DataFormat.parquet, Progress.none()));
        assertEquals("{\"tool\": \"something else\"}", Files.readString(dir.resolve(Manifest.FILE_NAME)));
    }

    @Test
    void refusesAFileAsOutputFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        C360Exception e = assertThrows(C360Exception.class, () -> EcommerceGenerator.generate(
                new GeneratorOptions(0.002, 3, DataFormat.parquet, file), Progress.none()));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
    }

    @Test
    void cancellingLeavesTheFolderAsItWas() throws IOException {
        generate(DataFormat.parquet, Progress.none());
        List<String> before = names();
        String manifestBefore = Files.readString(dir.resolve(Manifest.FILE_NAME));
        // cancel while the last table is being written, i.e. with every other file already staged
        Progress[] holder = new Progress[1];
        holder[0] = new Progress((fraction, message) -> {
            if (message.startsWith("Writing interactions")) {
                holder[0].cancel();
            }
        });
        assertThrows(CancelledException.class, () -> EcommerceGenerator.generate(
                new GeneratorOptions(0.003, 4, DataFormat.parquet, dir), holder[0]));
        assertEquals(before, names());
        assertEquals(manifestBefore, Files.readString(dir.resolve(Manifest.FILE_NAME)));
    }

    @Test
    void reportsProgressFromStartToEnd() {
        List<Double> fractions = new java.util.ArrayList<>();
        generate(DataFormat.parquet, new Progress((fraction, message) -> fractions.add(fraction)));
        assertEquals(0.0, fractions.getFirst());
        assertEquals(1.0, fractions.getLast());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress goes forward: " + fractions);
        }
    }

    @Test
    void manifestOfAnIncompleteDatasetSaysSo() throws IOException {
        generate(DataFormat.parquet, Progress.none());
        Files.writeString(dir.resolve("interactions.parquet"), "truncated");
        assertFalse(Manifest.read(dir).orElseThrow().isCompleteIn(dir));
    }

    private GeneratedDataset generate(DataFormat format, Progress progress) {
        return EcommerceGenerator.generate(new GeneratorOptions(0.002, 3, format, dir), progress);
    }

    /** Every entry of the folder, hidden ones included (a leftover staging folder would show here). */
    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
