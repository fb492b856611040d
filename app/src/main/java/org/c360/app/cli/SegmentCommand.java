package org.c360.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.c360.analytics.query.ResultTable;
import org.c360.analytics.segment.ExpressionException;
import org.c360.analytics.segment.Overlap;
import org.c360.analytics.segment.SavedSegment;
import org.c360.analytics.segment.SegmentExport;
import org.c360.analytics.segment.Segments;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code c360 segment}: count, preview, save and export the people an expression selects; list, refresh and compare saved segments. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Select resolved people by profile fields and related records, for example:",
                "  has subscription(status = 'active') and has support_ticket(status = 'open')",
                "  country in ('DE', 'AT') and last_purchase_at within 90 days",
                "Operators: = != < <= > >= in, not in, contains, not contains, is null,",
                "is not null, between A and B, within N days; and, or, not, parentheses.",
                "'has [at least N] KIND(...)' and 'not has KIND' test related records:",
                "subscription, support_ticket, transaction, interaction, web_event, event.",
                "Prints the count and a preview; --save keeps it, --export writes a file."},
        sortOptions = false)
public final class SegmentCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--where", paramLabel = "EXPR", description = "The segment expression (empty: everyone).")
    String where;

    @Option(names = "--segment", paramLabel = "NAME", description = "Use a saved segment's members (for --export) instead of --where.")
    String segment;

    @Option(names = "--save", paramLabel = "NAME", description = "Save the expression under NAME (replacing its expression if it exists) and store its members.")
    String save;

    @Option(names = "--export", paramLabel = "FILE", description = "Write the people to FILE: *.csv, *.parquet or *.xlsx (with --hashed: a hashed audience CSV).")
    Path export;

    @Option(names = "--hashed", description = "Export an ad-platform audience: SHA-256 of the normalised e-mail and E.164 phone (Google Customer Match rules).")
    boolean hashed;

    @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Profile columns to preview and export (default: id, name, contact, country, status, orders, revenue).")
    List<String> columns;

    @Option(names = "--include-opted-out", description = "Export people who opted out too (left out by default).")
    boolean includeOptedOut;

    @Option(names = "--overwrite", description = "Replace an existing export file (refused by default).")
    boolean overwrite;

    @Option(names = "--preview", defaultValue = "10", paramLabel = "N", description = "Print the first N people (default ${DEFAULT-VALUE}; 0: none).")
    int preview;

    @Option(names = "--sql", description = "Print the SQL the segment runs, with its parameters.")
    boolean sql;

    @Option(names = "--list", description = "List the saved segments with their size and last refresh.")
    boolean list;

    @Option(names = "--refresh", paramLabel = "NAME", description = "Recompute a saved segment's members; its size goes into its history.")
    String refresh;

    @Option(names = "--history", paramLabel = "NAME", description = "Print a saved segment's size at each refresh.")
    String history;

    @Option(names = "--overlap", split = ",", paramLabel = "NAME", description = "Count the people in each intersection of 2-16 saved segments.")
    List<String> overlap;

    @Option(names = "--delete", paramLabel = "NAME", description = "Delete a saved segment.")
    String delete;

    @Option(names = "--prepare", description = "First copy the related records the expression uses, with their people found"
            + " (once per import or resolution; the app does it in the background), so 'has ...' counts are fast.")
    boolean prepare;

    @Option(names = "--timings", description = "Print the time of the count (and of export or refresh) on stderr.")
    boolean timings;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N", description = "With --timings: count N times and print each time and the median.")
    int repeat;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int modes = (where != null || segment != null ? 1 : 0) + (list ? 1 : 0) + (refresh != null ? 1 : 0) + (history != null ? 1 : 0)
                + (overlap != null ? 1 : 0) + (delete != null ? 1 : 0);
        if (modes != 1) {
            throw new ParameterException(spec.commandLine(),
                    "Give one of --where (or --segment), --list, --refresh, --history, --overlap or --delete.");
        }
        if (where != null && segment != null) {
            throw new ParameterException(spec.commandLine(), "Give --where or --segment, not both.");
        }
        if (segment != null && (save != null || export == null)) {
            throw new ParameterException(spec.commandLine(), "--segment NAME exports a saved segment: add --export FILE (and no --save).");
        }
        if (hashed && export == null) {
            throw new ParameterException(spec.commandLine(), "--hashed needs --export FILE.");
        }
        if (repeat < 1 || preview < 0) {
            throw new ParameterException(spec.commandLine(), "--repeat must be at least 1 and --preview at least 0.");
        }
        if (export != null) {
            SegmentExport.Format.of(export, hashed);
            SegmentExport.checkTarget(export, overwrite); // before any work, so a refusal changes nothing
        }
        Progress progress = CliProgress.forStderr(spec);
        try (Workspace ws = Workspace.open(workspace.path())) {
            Segments segments = new Segments(ws);
            if (!segments.available()) {
                throw new C360Exception("No profiles yet: resolve identities first (c360 resolve --workspace " + workspace.path() + ").");
            }
            if (list) {
                printList(segments.list(), out);
            } else if (refresh != null) {
                long start = System.nanoTime();
                SavedSegment saved = segments.refresh(refresh, progress);
                out.printf("%s: %,d people%n", saved.name(), saved.size());
                timing(err, "refresh", start);
            } else if (history != null) {
                printHistory(segments.history(history), out);
            } else if (overlap != null) {
                printOverlap(segments.overlap(overlap, progress), out);
            } else if (delete != null) {
                segments.delete(delete);
                out.println("Deleted segment " + delete + ".");
            } else if (segment != null) {
                export(ws, SegmentExport.Selection.saved(segment), out, err, progress);
            } else {
                select(ws, segments, out, err, progress);
            }
        } catch (ExpressionException e) {
            err.println("c360: " + e.getMessage());
            err.println(indent(e.pointer()));
            return C360Command.FAILURE;
        }
        return 0;
    }

    private void select(Workspace ws, Segments segments, PrintWriter out, PrintWriter err, Progress progress) {
        if (prepare) {
            long start = System.nanoTime();
            List<String> built = segments.prepare(where, progress);
            if (!built.isEmpty()) {
                out.println("Prepared " + String.join(", ", built) + " for fast counts.");
            }
            timing(err, "prepare", start);
        }
        if (sql) {
            out.println(segments.compile(where).displaySql());
        }
        long[] times = new long[repeat];
        Segments.Count count = null;
        for (int i = 0; i < repeat; i++) {
            count = segments.count(where, progress);
            times[i] = count.millis();
            if (timings && repeat > 1) {
                err.printf("count %d: %,d ms%n", i + 1, count.millis());
            }
        }
        out.printf("%,d people (%,d of them opted out)%n", count.people(), count.optedOut());
        if (timings) {
            long[] sorted = times.clone();
            Arrays.sort(sorted);
            err.printf("count: %,d ms%s%n", sorted[sorted.length / 2], repeat > 1
                    ? " median of " + repeat + " (min " + sorted[0] + ", max " + sorted[sorted.length - 1] + ")" : "");
        }
        if (preview > 0) {
            ResultTable table = segments.preview(where, columns, preview, progress);
            TablePrinter.print(table, OutputFormat.table, out);
        }
        if (save != null) {
            long start = System.nanoTime();
            SavedSegment saved = segments.save(save, where, progress);
            out.printf("Saved segment %s: %,d people.%n", saved.name(), saved.size());
            timing(err, "save", start);
        }
        if (export != null) {
            export(ws, SegmentExport.Selection.of(where), out, err, progress);
        }
    }

    private void export(Workspace ws, SegmentExport.Selection selection, PrintWriter out, PrintWriter err, Progress progress) {
        SegmentExport.Format format = SegmentExport.Format.of(export, hashed);
        SegmentExport.Result result = new SegmentExport(ws).export(new SegmentExport.Request(selection, export, format, columns,
                includeOptedOut, overwrite), progress);
        out.printf("Exported %,d people to %s (%s)%s%s.%n", result.rows(), result.file(), format.name().toLowerCase(java.util.Locale.ROOT),
                includeOptedOut ? ", opted-out people included" : "; " + String.format("%,d", result.excludedOptedOut())
                        + " who opted out left out (--include-opted-out to include them)",
                format == SegmentExport.Format.AUDIENCE ? "; " + String.format("%,d", result.withoutContact())
                        + " without an e-mail or phone skipped" : "");
        if (timings) {
            err.printf("export: %,d ms%n", result.millis());
        }
    }

    private void timing(PrintWriter err, String what, long start) {
        if (timings) {
            err.printf("%s: %,d ms%n", what, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static void printList(List<SavedSegment> saved, PrintWriter out) {
        if (saved.isEmpty()) {
            out.println("No saved segments (save one with --where EXPR --save NAME).");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (SavedSegment s : saved) {
            rows.add(new String[] {s.name(), String.format("%,d", s.size()), String.valueOf(s.refreshedAt()).replace('T', ' '), s.expression()});
        }
        print(out, new String[] {"name", "people", "refreshed", "expression"}, rows);
    }

    private static void printHistory(List<SavedSegment.Refresh> history, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        for (SavedSegment.Refresh r : history) {
            rows.add(new String[] {String.valueOf(r.at()).replace('T', ' '), String.format("%,d", r.size()), String.format("+%,d", r.added()),
                    String.format("-%,d", r.removed()), r.millis() + " ms"});
        }
        print(out, new String[] {"refreshed", "people", "joined", "left", "took"}, rows);
    }

    private static void printOverlap(Overlap overlap, PrintWriter out) {
        List<String> names = overlap.segments();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String[] row = new String[names.size() + 1];
            row[0] = names.get(i);
            for (int j = 0; j < names.size(); j++) {
                row[j + 1] = String.format("%,d", overlap.both(i, j));
            }
            rows.add(row);
        }
        String[] header = new String[names.size() + 1];
        header[0] = "in both";
        for (int j = 0; j < names.size(); j++) {
            header[j + 1] = names.get(j);
        }
        print(out, header, rows);
        out.println();
        List<String[]> regions = new ArrayList<>();
        for (Overlap.Region region : overlap.regions()) {
            regions.add(new String[] {(region.segments().size() == 1 ? "only " : "") + String.join(" + ", region.segments()), String.format("%,d", region.people())});
        }
        print(out, new String[] {"exactly in", "people"}, regions);
    }

    private static void print(PrintWriter out, String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], Math.min(80, row[i].length()));
            }
        }
        out.println(line(header, widths));
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].length() > 80 ? cells[i].substring(0, 79) + "…" : cells[i];
            sb.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", cell));
        }
        return sb.toString().stripTrailing();
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
