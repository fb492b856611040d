package org.c360.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.c360.analytics.analysis.Analysis;
import org.c360.analytics.analysis.AnalysisCatalog;
import org.c360.analytics.analysis.AnalysisResult;
import org.c360.analytics.analysis.AnalysisRunner;
import org.c360.analytics.analysis.Parameter;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c360 analyze}: run named analyses of the catalog, or time them all. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Run named analyses (segments, revenue, cohorts, RFM, basket, churn risk...) on a workspace.",
                "Without NAME it lists the analyses; with --timings and no NAME it runs them all and prints",
                "each one's query time (the 15 of seed 001 are marked) and, apart, the time spent building the",
                "per-customer summaries some of them read (once, after the data changed)."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Analyses to run (see the list without NAME).")
    List<String> names = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (one object per line).")
    OutputFormat format;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A parameter value, e.g. --param limit=10 --param segments=VIP,Premium; repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--timings", description = "Print each analysis's time (only the times when no NAME is given).")
    boolean timings;

    @Option(names = "--repeat", defaultValue = "1", description = "With --timings: run each analysis this many times and report the median (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--seed-only", description = "With --timings and no NAME: only the 15 analyses of seed 001.")
    boolean seedOnly;

    @Option(names = "--sql", description = "Print the SQL that runs instead of running it.")
    boolean printSql;

    @Option(names = "--max-rows", defaultValue = "10000", description = "Keep at most this many rows of a result (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (names.isEmpty() && !timings) {
            list(out);
            return 0;
        }
        if (repeat < 1) {
            throw new C360Exception("--repeat must be at least 1.");
        }
        List<Analysis> analyses = names.isEmpty()
                ? (seedOnly ? AnalysisCatalog.SEED : AnalysisCatalog.ALL)
                : names.stream().map(AnalysisCatalog::get).toList();
        Map<String, String> given = parseParams(analyses);
        if (printSql) {
            for (Analysis analysis : analyses) {
                out.println("-- " + analysis.name() + ": " + analysis.title());
                out.println(analysis.sql(only(given, analysis)) + ";");
                out.println();
            }
            return 0;
        }
        try (Workspace ws = Workspace.open(workspace.path())) {
            AnalysisRunner runner = new AnalysisRunner(ws);
            if (names.isEmpty()) {
                timeAll(runner, analyses, given, out);
                return 0;
            }
            for (Analysis analysis : analyses) {
                long[] times = new long[repeat];
                AnalysisResult result = null;
                long built = 0;
                for (int i = 0; i < repeat; i++) {
                    result = runner.run(analysis, only(given, analysis), maxRows, Progress.none());
                    times[i] = result.elapsedMillis();
                    built += result.summaryMillis();
                }
                if (analyses.size() > 1 && format == OutputFormat.table) {
                    out.println("== " + analysis.name() + ": " + analysis.title());
                }
                TablePrinter.print(result.table(), format, out);
                if (analyses.size() > 1 && format == OutputFormat.table) {
                    out.println();
                }
                if (timings) {
                    spec.commandLine().getErr().println(analysis.name() + ": " + median(times) + " ms"
                            + (built > 0 ? " (after " + built + " ms building its summary)" : "")
                            + (repeat > 1 ? " (median of " + repeat + ": " + Arrays.toString(times) + ")" : ""));
                }
            }
        }
        return 0;
    }

    private void timeAll(AnalysisRunner runner, List<Analysis> analyses, Map<String, String> given, PrintWriter out) {
        List<Long> seedTimes = new ArrayList<>();
        List<Long> allTimes = new ArrayList<>();
        out.printf(Locale.ROOT, "%-22s %4s %10s %8s  %-24s %s%n", "analysis", "seed", "median_ms", "rows", "runs_ms", "summary_build_ms");
        for (Analysis analysis : analyses) {
            var missing = runner.missingTables(analysis);
            if (!missing.isEmpty()) {
                out.printf(Locale.ROOT, "%-22s skipped: no table is mapped to %s%n", analysis.name(),
                        String.join(", ", missing.stream().map(e -> e.table()).toList()));
                continue;
            }
            long[] times = new long[repeat];
            int rows = 0;
            long summaries = 0;
            for (int i = 0; i < repeat; i++) {
                AnalysisResult result = runner.run(analysis, only(given, analysis), maxRows, Progress.none());
                times[i] = result.elapsedMillis();
                rows = result.table().rowCount();
                summaries += result.summaryMillis();
            }
            long median = median(times);
            boolean seed = AnalysisCatalog.SEED.contains(analysis);
            (seed ? seedTimes : allTimes).add(median);
            out.printf(Locale.ROOT, "%-22s %4s %10d %8d  %-24s %s%n", analysis.name(), seed ? "yes" : "", median, rows,
                    Arrays.toString(times), summaries == 0 ? "" : Long.toString(summaries));
            out.flush();
        }
        if (!seedTimes.isEmpty()) {
            out.println(summary("seed analyses", seedTimes));
        }
        allTimes.addAll(seedTimes);
        out.println(summary("all analyses", allTimes));
    }

    private static String summary(String what, List<Long> times) {
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        long total = Arrays.stream(sorted).sum();
        return String.format(Locale.ROOT, "%s (%d): median %d ms, mean %d ms, fastest %d ms, slowest %d ms, total %d ms",
                what, sorted.length, median(sorted), total / sorted.length, sorted[0], sorted[sorted.length - 1], total);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The --param values, each checked to belong to at least one of the analyses. */
    private Map<String, String> parseParams(List<Analysis> analyses) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String param : params) {
            int eq = param.indexOf('=');
            if (eq <= 0) {
                throw new C360Exception("--param '" + param + "' is not of the form NAME=VALUE.");
            }
            String name = param.substring(0, eq).strip();
            if (analyses.stream().noneMatch(a -> a.parameter(name) != null)) {
                throw new C360Exception("No analysis run here has a parameter '" + name + "' (see 'c360 analyze --workspace WS' for each one's parameters).");
            }
            given.put(name, param.substring(eq + 1));
        }
        return given;
    }

    private static Map<String, String> only(Map<String, String> given, Analysis analysis) {
        Map<String, String> mine = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (analysis.parameter(k) != null) {
                mine.put(k, v);
            }
        });
        return mine;
    }

    private static void list(PrintWriter out) {
        for (Analysis analysis : AnalysisCatalog.ALL) {
            out.printf(Locale.ROOT, "%-22s %s%s%n", analysis.name(), analysis.title(),
                    AnalysisCatalog.SEED.contains(analysis) ? " (seed " + (AnalysisCatalog.SEED.indexOf(analysis) + 1) + ")" : "");
            for (Parameter p : analysis.parameters()) {
                out.printf(Locale.ROOT, "%-22s   --param %s=%s  (%s) %s%n", "", p.name(),
                        p.defaultValue().isEmpty() ? "\"\"" : p.defaultValue().length() > 40 ? "\"...\"" : p.defaultValue(),
                        p.kindName(), p.description());
            }
        }
    }
}
