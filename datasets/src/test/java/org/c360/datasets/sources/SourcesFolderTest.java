package org.c360.datasets.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.datasets.ecommerce.DataFormat;
import org.c360.datasets.ecommerce.EcommerceGenerator;
import org.c360.datasets.ecommerce.GeneratorOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same bytes, sources included; the sources/ folder is written and rewritten like the tables. */
class SourcesFolderTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOtherData() throws Exception {
        Map<String, String> a = run(0.002, 11, "a");
        Map<String, String> b = run(0.002, 11, "b");
        assertEquals(a, b);
        assertEquals(4 + 1 + SourceFile.values().length, a.size(), a.keySet().toString());
        Map<String, String> other = run(0.002, 12, "c");
        for (SourceFile source : SourceFile.values()) {
            assertNotEquals(a.get(source.fileName()), other.get(source.fileName()), source.fileName());
        }
    }

    @Test
    void aRunWithoutSourcesRemovesThoseOfTheRunBefore() throws IOException {
        Path out = dir.resolve("x");
        EcommerceGenerator.generate(new GeneratorOptions(0.001, 1, DataFormat.csv, out, true), Progress.none());
        assertTrue(Files.isRegularFile(out.resolve(SourceFile.ORDERS.fileName())));
        EcommerceGenerator.generate(new GeneratorOptions(0.001, 1, DataFormat.csv, out), Progress.none());
        assertFalse(Files.exists(out.resolve(SourceFile.FOLDER)));
        assertTrue(Files.isRegularFile(out.resolve("customers.csv")));
    }

    @Test
    void neverOverwritesASourceFileItDidNotWrite() throws IOException {
        Path out = dir.resolve("y");
        Files.createDirectories(out.resolve(SourceFile.FOLDER));
        Files.writeString(out.resolve(SourceFile.ORDERS.fileName()), "mine");
        C360Exception e = assertThrows(C360Exception.class, () -> EcommerceGenerator.generate(
                new GeneratorOptions(0.001, 1, DataFormat.parquet, out, true), Progress.none()));
        assertTrue(e.getMessage().contains(SourceFile.ORDERS.fileName()), e.getMessage());
        assertEquals("mine", Files.readString(out.resolve(SourceFile.ORDERS.fileName())));
    }

    /** SHA-256 of every file under the dataset folder, by relative path. */
    private Map<String, String> run(double scale, long seed, String name) throws Exception {
        Path out = dir.resolve(name);
        EcommerceGenerator.generate(new GeneratorOptions(scale, seed, DataFormat.parquet, out, true), Progress.none());
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(file)) {
                    digest.update(in.readAllBytes());
                }
                sums.put(out.relativize(file).toString().replace('\\', '/'), HexFormat.of().formatHex(digest.digest()));
            }
        }
        return sums;
    }
}
