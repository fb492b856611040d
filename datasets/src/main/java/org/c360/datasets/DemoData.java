package org.c360.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
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

    private static boolean isDemo(Manifest manifest) {
        return manifest.generatorVersion() == EcommerceGenerator.VERSION && manifest.seed() == SEED
                && manifest.scale() == SCALE && manifest.format() == DataFormat.parquet
                && manifest.tables().stream().map(Manifest.Entry::table).toList().equals(EcommerceGenerator.TABLES);
    }
}
