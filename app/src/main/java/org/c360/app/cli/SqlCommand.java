package org.c360.app.cli;

import java.util.concurrent.Callable;

import org.c360.analytics.query.QueryRunner;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c360 sql}: run one SQL statement on a workspace and print the result. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a SQL statement (DuckDB dialect) on a workspace and print its result.")
public final class SqlCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Parameters(index = "0", paramLabel = "SQL", description = "The statement, e.g. \"SELECT count(*) FROM customers\".")
    String sql;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (one object per line).")
    OutputFormat format;

    @Option(names = "--max-rows", defaultValue = "10000", description = "Print at most this many rows (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--timings", description = "Print the query time on stderr.")
    boolean timings;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace ws = Workspace.open(workspace.path())) {
            ResultTable result = new QueryRunner(ws).run(sql, maxRows, Progress.none());
            TablePrinter.print(result, format, spec.commandLine().getOut());
            if (timings) {
                spec.commandLine().getErr().println("time: " + result.elapsedMillis() + " ms");
            }
        }
        return 0;
    }
}
