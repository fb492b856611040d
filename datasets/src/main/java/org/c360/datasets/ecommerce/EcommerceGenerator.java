package org.c360.datasets.ecommerce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.c360.analytics.sql.Sql;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.CancelledException;
import org.c360.analytics.work.Progress;
import org.c360.datasets.SqlScript;
import org.c360.datasets.sources.SourceFile;
import org.c360.datasets.sources.SourcesSql;

/**
 * Generates the seed-001 e-commerce model (customers, products, transactions, interactions) with
 * structure an analysis can find: per-customer favourite category and brand, complementary products
 * bought within days of each other, a Nov/Dec seasonal peak, VIPs who buy more and pricier, and future
 * churners whose activity fades out months before the window ends.
 *
 * <p>All the work is SQL in a private in-memory DuckDB ({@code ecommerce.sql}); the large tables are
 * written straight to their files with {@code COPY}. Every random draw is a hash of the seed and the
 * entity's key, and DuckDB works on one thread, so the same options give byte-identical files. Progress
 * is reported per step; cancelling interrupts the running statement and leaves the output folder as it
 * was.
 */
public final class EcommerceGenerator {

    /** Bumped whenever the generated data changes, so a stored dataset of an older version is rebuilt. */
    public static final int VERSION = 1;
    /** First day of the generated activity. */
    public static final LocalDate WINDOW_START = LocalDate.of(2024, 1, 1);
    /** Last day of the generated activity (13 months after {@link #WINDOW_START}). */
    public static final LocalDate WINDOW_END = LocalDate.of(2025, 1, 31);
    /** The tables, in the order of the result and the manifest. */
    public static final List<String> TABLES = List.of("customers", "products", "transactions", "interactions");

    /**
     * Share of the run's time each section takes at scale 1.0 (measured), for the progress fraction. The
     * e-commerce sections add up to 1; with the sources the sum is larger and the fraction is scaled down.
     */
    private static final Map<String, Double> WEIGHTS = Map.ofEntries(
            Map.entry("model", 0.01), Map.entry("products", 0.005), Map.entry("customers", 0.08),
            Map.entry("transactions", 0.165), Map.entry("export products", 0.002),
            Map.entry("export transactions", 0.065), Map.entry("export customers", 0.04),
            Map.entry("export interactions", 0.633),
            Map.entry("sources_model", 0.002), Map.entry("persons", 0.04), Map.entry("crm_customers", 0.03),
            Map.entry("export crm_customers", 0.02), Map.entry("loyalty_members", 0.01),
            Map.entry("export loyalty_members", 0.005), Map.entry("web_events", 0.12),
            Map.entry("export web_events", 0.12), Map.entry("orders", 0.03), Map.entry("export orders", 0.02),
            Map.entry("support_tickets", 0.01), Map.entry("export support_tickets", 0.005),
            Map.entry("subscriptions", 0.005), Map.entry("export subscriptions", 0.002),
            Map.entry("customers_nested", 0.01), Map.entry("export customers_nested", 0.005),
            Map.entry("export ground_truth", 0.06));
    /** Sections whose time is setup rather than one file's. */
    private static final Set<String> SETUP = Set.of("model", "sources_model", "persons");

    private EcommerceGenerator() {
    }

    /**
     * Writes the dataset described by {@code options}; blocks until done.
     *
     * @throws C360Exception      when the folder cannot be written or already holds other files of the same names
     * @throws CancelledException when {@code progress} was cancelled; nothing was written then
     */
    public static GeneratedDataset generate(GeneratorOptions options, Progress progress) {
        long started = System.nanoTime();
        Map<String, Long> nanos = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        List<SourceFile> sourceFiles = options.sources() ? List.of(SourceFile.values()) : List.of();
        List<String> fileNames = new ArrayList<>();
        TABLES.forEach(t -> fileNames.add(options.format().fileName(t)));
        sourceFiles.forEach(f -> fileNames.add(f.fileName()));
        Map<String, Number> parameters = parameters(options);
        List<SqlScript.Section> sections = new ArrayList<>(SqlScript.sections(EcommerceGenerator.class, "ecommerce.sql", parameters));
        if (options.sources()) {
            sections.addAll(SourcesSql.sections(parameters));
        }
        double totalWeight = sections.stream().mapToDouble(s -> WEIGHTS.getOrDefault(key(s), 0.0)).sum();
        try (OutputFolder folder = OutputFolder.prepare(options.outDir(), fileNames);
             Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            // One thread: DuckDB's parallel COPY cuts a file's rows into Parquet row groups by thread
            // timing, so the same rows came out as different bytes from run to run (seen at scale 0.15).
            // On the shared 2-core reference machine one thread cost nothing measurable (scale 1.0: 49 s
            // with one thread, 53 s with two).
            statement.execute("SET threads = 1");
            // Keep rows in the order produced (the interactions file is streamed in id order), and spill
            // beside the output rather than into the working directory.
            statement.execute("SET preserve_insertion_order = true");
            statement.execute("SET temp_directory = " + Sql.literal(folder.spill().toString()));
            // The SQL joins each event stream (left) with small tables (right) in the order written; the
            // optimiser, which cannot estimate how many rows unnest(range(n)) yields, would otherwise build
            // hash tables on the millions-of-rows side.
            statement.execute("SET disabled_optimizers = 'join_order,build_side_probe_side'");

            double done = 0;
            for (SqlScript.Section section : sections) {
                progress.throwIfCancelled();
                progress.update(done / totalWeight, message(section, options));
                long t0 = System.nanoTime();
                try (Progress.Registration ignored = progress.cancels(statement)) {
                    if (section.export()) {
                        Optional<SourceFile> source = SourceFile.of(section.name());
                        String file = source.map(SourceFile::fileName).orElseGet(() -> options.format().fileName(section.name()));
                        String copyOptions = source.map(SourceFile::copyOptions).orElseGet(() -> options.format().copyOptions());
                        rows.put(section.name(), (long) statement.executeUpdate("COPY (\n" + section.sql() + "\n) TO "
                                + Sql.literal(folder.staged(file).toString()) + " " + copyOptions));
                    } else {
                        statement.execute(section.sql());
                    }
                }
                nanos.merge(SETUP.contains(section.name()) ? "setup" : section.name(), System.nanoTime() - t0, Long::sum);
                done += WEIGHTS.getOrDefault(key(section), 0.0);
            }
            progress.throwIfCancelled();

            List<Manifest.Entry> entries = new ArrayList<>();
            for (String table : TABLES) {
                String file = options.format().fileName(table);
                entries.add(new Manifest.Entry(table, file, rows.get(table), Files.size(folder.staged(file))));
            }
            for (SourceFile source : sourceFiles) {
                entries.add(new Manifest.Entry(source.table(), source.fileName(), rows.get(source.table()),
                        Files.size(folder.staged(source.fileName()))));
            }
            Manifest manifest = new Manifest(VERSION, options.seed(), options.scale(), options.format(), entries);
            List<Path> files = folder.publish(manifest);

            List<GeneratedTable> tables = new ArrayList<>();
            List<GeneratedTable> sources = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Manifest.Entry e = entries.get(i);
                GeneratedTable table = new GeneratedTable(e.table(), files.get(i), e.rows(), e.bytes(),
                        Duration.ofNanos(nanos.getOrDefault(e.table(), 0L)));
                (i < TABLES.size() ? tables : sources).add(table);
            }
            progress.update(1, "Done");
            return new GeneratedDataset(options, tables, sources, folder.dir().resolve(Manifest.FILE_NAME),
                    Duration.ofNanos(nanos.getOrDefault("setup", 0L)), Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            if (progress.isCancelled()) {
                throw new CancelledException();
            }
            throw new C360Exception("Generating the dataset in " + options.outDir() + " failed: " + firstLine(e), e);
        } catch (IOException e) {
            throw new C360Exception("Cannot write the dataset to " + options.outDir() + ": " + OutputFolder.reason(e), e);
        }
    }

    private static String key(SqlScript.Section section) {
        return (section.export() ? "export " : "") + section.name();
    }

    /** The numbers the SQL needs. */
    private static Map<String, Number> parameters(GeneratorOptions options) {
        return Map.of("seed_offset", seedOffset(options.seed()), "customers", options.customers(),
                "products", options.products());
    }

    /**
     * The seed as a well-mixed non-negative offset below 2^62 (SplitMix64's finaliser), so that nearby
     * seeds give unrelated data and key * 1000003 + offset never overflows a BIGINT.
     */
    static long seedOffset(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 2;
    }

    private static String message(SqlScript.Section section, GeneratorOptions options) {
        if (section.export()) {
            return "Writing " + SourceFile.of(section.name()).map(SourceFile::fileName)
                    .orElseGet(() -> options.format().fileName(section.name()));
        }
        return switch (section.name()) {
            case "model" -> "Preparing the catalogue and calendar";
            case "products" -> String.format(Locale.ROOT, "Generating %,d products", options.products());
            case "customers" -> String.format(Locale.ROOT, "Generating %,d customers", options.customers());
            case "sources_model", "persons" -> "Preparing the source systems' view of the customers";
            default -> "Generating " + section.name().replace('_', ' ');
        };
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
