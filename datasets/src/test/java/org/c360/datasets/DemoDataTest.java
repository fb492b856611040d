package org.c360.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.c360.analytics.work.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {

    @TempDir
    Path dir;

    @Test
    void generatesTheDemoOnceAndReusesIt() throws IOException {
        List<Path> files = DemoData.ensure(dir, Progress.none());
        assertEquals(List.of("customers.parquet", "products.parquet", "transactions.parquet", "interactions.parquet"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        FileTime written = Files.getLastModifiedTime(files.getFirst());

        List<String> messages = new java.util.ArrayList<>();
        assertEquals(files, DemoData.ensure(dir, new Progress((fraction, message) -> messages.add(message))));
        assertEquals(List.of(), messages, "nothing generated the second time");
        assertEquals(written, Files.getLastModifiedTime(files.getFirst()));
    }

    @Test
    void regeneratesADamagedDemo() throws IOException {
        List<Path> files = DemoData.ensure(dir, Progress.none());
        long size = Files.size(files.get(2));
        Files.writeString(files.get(2), "cut short");
        assertNotEquals(size, Files.size(files.get(2)));
        DemoData.ensure(dir, Progress.none());
        assertEquals(size, Files.size(files.get(2)));
    }
}
