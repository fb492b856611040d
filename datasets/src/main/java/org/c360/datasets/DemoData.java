package org.c360.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.c360.analytics.ingest.ImportResult;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;
import org.c360.datasets.ecommerce.DataFormat;
import org.c360.datasets.ecommerce.EcommerceGenerator;
import org.c360.datasets.ecommerce.GeneratorOptions;
import org.c360.datasets.ecommerce.Manifest;

/**
 * The demo dataset the app opens on first start: the e-commerce model with 20,000 customers (about
 * 146,000 transactions and 540,000 interactions) as Parquet. It is generated on first use rather than
 * shipped, which takes about a second and keeps binary files out of the sources; being deterministic,
 * every installation gets the same bytes.
 */
public final class DemoData {

    /** Scale of the demo: 20,000 customers. */
    public static final double SCALE = 0.02;
    /** Seed of the demo. */
    public static final long SEED = 42;

    private DemoData() {
    }

    /**
     * Makes sure {@code dir} holds the complete demo dataset, generating it if it is missing, incomplete
     * or from an older generator, and returns its data files (customers, products, transactions,
     * interactions).
     *
     * @throws C360Exception      when the folder cannot be written, or holds other files of the same names
     * @throws CancelledException when {@code progress} was cancelled while generating
     */
    public static List<Path> ensure(Path dir, Progress progress) {
        Path folder = dir.toAbsolutePath().normalize();
        Optional<Manifest> existing = Manifest.read(folder);
        if (existing.isPresent() && isDemo(existing.get()) && existing.get().isCompleteIn(folder)) {
            return existing.get().tables().stream().map(entry -> folder.resolve(entry.file())).toList();
        }
        return EcommerceGenerator.generate(new GeneratorOptions(SCALE, SEED, DataFormat.parquet, folder), progress).files();
    }

    /**
     * Fills an empty workspace with the demo dataset: generates it into {@code dataDir} if needed and
     * imports it. A workspace that already holds imported tables is left alone.
     *
     * @return the import, or empty when the workspace was not empty
     */
    public static Optional<ImportResult> fillIfEmpty(Workspace workspace, Path dataDir, Progress progress) {
        boolean empty = workspace.catalog().tables().stream().noneMatch(t -> t.layer() == Catalog.Layer.SOURCE);
        if (!empty) {
            return Optional.empty();
        }
        progress.update(0, "Generating the demo data");
        List<Path> files = ensure(dataDir, progress.slice(0, 0.4));
        return Optional.of(new Importer(workspace).importFiles(files, progress.slice(0.4, 1)));
    }

    private static boolean isDemo(Manifest manifest) {
        return manifest.generatorVersion() == EcommerceGenerator.VERSION && manifest.seed() == SEED
                && manifest.scale() == SCALE && manifest.format() == DataFormat.parquet
                && manifest.tables().stream().map(Manifest.Entry::table).toList().equals(EcommerceGenerator.TABLES);
    }
}
