package org.c360.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.c360.analytics.browse.BrowseSpec;
import org.c360.analytics.browse.ColumnProfile;
import org.c360.analytics.browse.ColumnProfiler;
import org.c360.analytics.browse.Filter;
import org.c360.analytics.browse.Page;
import org.c360.analytics.browse.SortKey;
import org.c360.analytics.browse.TableBrowser;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code c360 browse}: one page of a table, sorted and filtered in SQL exactly as the app's data grid does
 * it, or the profile of one column. With {@code --timings} it is the data grid's benchmark.
 */
@Command(name = "browse", mixinStandardHelpOptions = true,
        description = "Print one page of a table (sorted and filtered in DuckDB, as the app's data grid), "
                + "or the profile of one column.")
public final class BrowseCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Option(names = {"-t", "--table"}, required = true, paramLabel = "TABLE", description = "The table or view.")
    String table;

    @Option(names = "--sort", paramLabel = "COL[:desc]", description = "Sort by a column; repeat for more keys.")
    List<String> sort = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "Keep rows where EXPR holds: COL OP [VALUE], OP one of =, !=, <, <=, >, >=, contains, "
                    + "starts with, is null, is not null, between (\"amount between 10 and 20\"). Repeat: all must hold.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--search", paramLabel = "TEXT", description = "Keep rows with TEXT in any text column (ignoring case).")
    String search = "";

    @Option(names = "--page", defaultValue = "1", paramLabel = "N", description = "Page number, from 1 (default 1).")
    long page;

    @Option(names = "--page-size", defaultValue = "100", paramLabel = "ROWS", description = "Rows per page (default 100).")
    int pageSize;

    @Option(names = "--profile", paramLabel = "COL", description = "Print the profile of this column instead of a page.")
    String profile;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (one object per line).")
    OutputFormat format;

    @Option(names = "--timings", description = "Print the count and page times on stderr, the first page read apart.")
    boolean timings;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "K",
            description = "With --timings: time the page query K times after the first run; print min and median.")
    int repeat;

    @Option(names = "--fresh", description = "With --timings: give each timed run a new browser, as a click on a "
            + "column header does, so nothing a browser keeps between pages (a histogram, the pages seen) is reused.")
    boolean fresh;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (page < 1 || pageSize < 1 || repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--page, --page-size and --repeat must be at least 1.");
        }
        BrowseSpec browse = new BrowseSpec(table, sort.stream().map(SortKey::parse).toList(),
                filters.stream().map(Filter::parse).toList(), search);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace ws = Workspace.open(workspace.path())) {
            if (profile != null) {
                ColumnProfile result = new ColumnProfiler(ws).profile(browse, profile, Progress.none());
                ProfilePrinter.print(result, format, out);
                if (timings) {
                    err.println("profile: " + result.elapsedMillis() + " ms");
                }
                return 0;
            }
            TableBrowser browser = TableBrowser.open(ws, browse);
            long countStart = System.nanoTime();
            long rows = browser.count(Progress.none());
            long countMillis = millisSince(countStart);
            long firstStart = System.nanoTime();
            Page result = browser.page(page - 1, pageSize, Progress.none());
            long firstNanos = System.nanoTime() - firstStart;
            if (timings) {
                err.println("count: " + String.format("%,d", rows) + " rows in " + countMillis + " ms");
                // The first read may build what later pages reuse, and pays for a cold process and cold data.
                err.printf("page %d first run (%s): %.1f ms%n", page, result.strategy(), firstNanos / 1e6);
                long[] times = new long[repeat];
                for (int i = 0; i < repeat; i++) {
                    TableBrowser timed = browser;
                    if (fresh) {
                        timed = TableBrowser.open(ws, browse);
                        timed.count(Progress.none());
                    }
                    long start = System.nanoTime();
                    result = timed.page(page - 1, pageSize, Progress.none());
                    times[i] = System.nanoTime() - start;
                }
                Arrays.sort(times);
                err.printf("page %d (%s): min %.1f ms, median %.1f ms over %d %s run%s%n", page, result.strategy(),
                        times[0] / 1e6, times[times.length / 2] / 1e6, repeat, fresh ? "fresh" : "warm",
                        repeat == 1 ? "" : "s");
            }
            TablePrinter.print(new ResultTable(result.columns(), result.types(), result.rows(), false,
                    result.elapsedMillis()), format, out);
            if (format == OutputFormat.table) {
                long pages = Math.max(1, (rows + pageSize - 1) / pageSize);
                out.printf("page %,d of %,d (%,d rows)%n", page, pages, rows);
            }
        }
        return 0;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
