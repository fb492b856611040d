package org.c360.datasets.ecommerce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The result of a generator run.
 *
 * @param options  what was generated
 * @param tables   the tables in the order customers, products, transactions, interactions
 * @param manifest the {@code manifest.json} describing them
 * @param setup    time spent on the model's lookup tables (not part of any one table)
 * @param elapsed  wall-clock time of the whole run
 */
public record GeneratedDataset(GeneratorOptions options, List<GeneratedTable> tables, Path manifest, Duration setup,
                               Duration elapsed) {
    public GeneratedDataset {
        tables = List.copyOf(tables);
    }

    /** The data files, in table order. */
    public List<Path> files() {
        return tables.stream().map(GeneratedTable::file).toList();
    }
}
