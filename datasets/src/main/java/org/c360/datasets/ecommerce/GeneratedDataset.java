package org.c360.datasets.ecommerce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The result of a generator run.
 *
 * @param options  what was generated
 * @param tables   the tables in the order customers, products, transactions, interactions
 * @param sources  the source-system exports under {@code sources/}, in
 *                 {@link org.c360.datasets.sources.SourceFile} order; empty unless asked for
 * @param manifest the {@code manifest.json} describing them
 * @param setup    time spent on lookup tables and shared intermediate tables (not part of any one file)
 * @param elapsed  wall-clock time of the whole run
 */
public record GeneratedDataset(GeneratorOptions options, List<GeneratedTable> tables, List<GeneratedTable> sources,
                               Path manifest, Duration setup, Duration elapsed) {
    public GeneratedDataset {
        tables = List.copyOf(tables);
        sources = List.copyOf(sources);
    }

    /** The e-commerce data files, in table order. */
    public List<Path> files() {
        return tables.stream().map(GeneratedTable::file).toList();
    }
}
