package org.c360.app.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.c360.analytics.work.Progress;
import org.c360.datasets.ecommerce.DataFormat;
import org.c360.datasets.ecommerce.EcommerceGenerator;
import org.c360.datasets.ecommerce.GeneratedDataset;
import org.c360.datasets.ecommerce.GeneratedTable;
import org.c360.datasets.ecommerce.GeneratorOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code c360 generate}: write the synthetic e-commerce dataset (the seed-001 model) to a folder and, with
 * {@code --sources}, the raw exports of the shop's other systems with a ground truth.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic e-commerce dataset: customers, products, transactions and interactions, "
                + "one file each, plus manifest.json.",
                "With --sources, also the raw, dirty exports of the same customers as the CRM, loyalty programme, "
                        + "web tracking, order system, help desk and billing would write them, in sources/, with "
                        + "sources/ground_truth.csv naming every record's true customer.",
                "The same --seed and --scale always give the same bytes. A folder is only overwritten if "
                        + "'c360 generate' wrote it."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--scale", defaultValue = "0.02", paramLabel = "S",
            description = "Size: 1.0 = 1,000,000 customers, 50,000 products, ~7.3 million transactions and "
                    + "~27 million interactions; from 0.001 to 10 (default ${DEFAULT-VALUE}: 20,000 customers, the demo size).")
    double scale;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder to write to; created if missing.")
    Path out;

    @Option(names = "--format", defaultValue = "parquet", paramLabel = "FORMAT",
            description = "parquet (default), csv or json (one object per line).")
    DataFormat format;

    @Option(names = "--sources", description = "Also write the source systems' exports (CSV and JSON, whatever --format "
            + "says) and their ground truth into sources/.")
    boolean sources;

    @Option(names = "--timings", description = "Print the time spent on each table on stderr.")
    boolean timings;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        GeneratorOptions options = new GeneratorOptions(scale, seed, format, out, sources);
        Console console = System.console();
        Progress progress = console != null && console.isTerminal()
                ? new Progress((fraction, message) -> stderr.printf(Locale.ROOT, "[%3.0f%%] %s%n", fraction * 100, message))
                : Progress.none();

        // Ctrl-C: cancel, and give the generator a moment to delete its half-written files.
        CountDownLatch finished = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            progress.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "c360-generate-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        GeneratedDataset dataset;
        try {
            dataset = EcommerceGenerator.generate(options, progress);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }

        List<GeneratedTable> all = new ArrayList<>(dataset.tables());
        all.addAll(dataset.sources());
        int width = all.stream().mapToInt(t -> t.name().length()).max().orElse(13);
        for (GeneratedTable table : all) {
            stdout.printf(Locale.ROOT, "%-" + width + "s %,12d rows %10s  %s%n", table.name(), table.rows(), size(table.bytes()), table.file());
        }
        if (timings) {
            for (GeneratedTable table : all) {
                stderr.printf(Locale.ROOT, "time: %-" + width + "s %7.2f s  %,12d rows%n", table.name(), seconds(table.elapsed()),
                        table.rows());
            }
            stderr.printf(Locale.ROOT, "time: %-" + width + "s %7.2f s%n", "setup", seconds(dataset.setup()));
            stderr.printf(Locale.ROOT, "time: %-" + width + "s %7.2f s  (scale %s, seed %d, %s%s)%n", "total",
                    seconds(dataset.elapsed()), scale, seed, format, sources ? ", with sources" : "");
        }
        return 0;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Bytes in the largest unit that keeps a number of at least 1 (1 KB = 1,000 bytes, as file managers show). */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
