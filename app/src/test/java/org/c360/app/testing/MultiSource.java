package org.c360.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.c360.analytics.identity.ResolveOptions;
import org.c360.analytics.identity.Resolver;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;
import org.c360.datasets.ecommerce.DataFormat;
import org.c360.datasets.ecommerce.EcommerceGenerator;
import org.c360.datasets.ecommerce.GeneratedDataset;
import org.c360.datasets.ecommerce.GeneratorOptions;
import org.c360.datasets.sources.SourceFile;

/**
 * A small multi-source workspace for the CLI and UI tests of identity resolution: the generator's 1,000
 * customers (scale 0.001, seed 42) and their CRM, loyalty, web, order, help-desk and billing exports,
 * about 8,000 records. Built once per test JVM; every test gets its own copy, imported only or resolved.
 */
public final class MultiSource {
    private static Path imported;
    private static Path resolved;

    private MultiSource() {
    }

    /** A copy in {@code dir} of the workspace with everything imported and nothing resolved yet. */
    public static synchronized Path imported(Path dir) {
        build();
        return copy(imported, dir.resolve("imported" + Workspace.EXTENSION));
    }

    /** A copy in {@code dir} of the workspace after one resolution run. */
    public static synchronized Path resolved(Path dir) {
        build();
        return copy(resolved, dir.resolve("resolved" + Workspace.EXTENSION));
    }

    private static void build() {
        if (resolved != null) {
            return;
        }
        try {
            Path root = Files.createTempDirectory("c360-multisource");
            GeneratedDataset dataset = EcommerceGenerator.generate(new GeneratorOptions(0.001, 42, DataFormat.csv,
                    root.resolve("data"), true), Progress.none());
            List<Path> files = new ArrayList<>();
            files.add(dataset.files().getFirst()); // customers; the orders come from the order system's export
            for (SourceFile source : SourceFile.records()) {
                files.add(root.resolve("data").resolve(source.fileName()));
            }
            Path importedFile = root.resolve("imported" + Workspace.EXTENSION);
            try (Workspace workspace = Workspace.open(importedFile)) {
                new Importer(workspace).importFiles(files, Progress.none());
            }
            Path resolvedFile = copy(importedFile, root.resolve("resolved" + Workspace.EXTENSION));
            try (Workspace workspace = Workspace.open(resolvedFile)) {
                new Resolver(workspace).resolve(ResolveOptions.DEFAULTS, Progress.none());
            }
            imported = importedFile;
            resolved = resolvedFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            return Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
