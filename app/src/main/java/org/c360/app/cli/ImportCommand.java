package org.c360.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.c360.analytics.ingest.CsvOptions;
import org.c360.analytics.ingest.ImportResult;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c360 import}: land files in a workspace (one transaction) and build its canonical tables. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import Parquet, CSV and JSON/NDJSON files into a workspace, in one transaction.",
                "Rows that cannot be read go to the rejected_rows table; the columns of each file are mapped to",
                "customers/products/transactions/interactions when recognised, and those tables are rebuilt."})
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import (.parquet, .csv, .tsv, .json, .ndjson; .gz too).")
    List<Path> files;

    @Option(names = "--delimiter", description = "CSV column separator (default: detected), e.g. ';' or '\\t'.")
    String delimiter;

    @Option(names = "--quote", description = "CSV quote character (default: detected).")
    String quote;

    @Option(names = "--header", negatable = true, description = "Whether CSV files start with a header line (default: detected).")
    Boolean header;

    @Option(names = "--encoding", description = "CSV text encoding, e.g. windows-1252 (default: detected).")
    String encoding;

    @Option(names = "--date-format", paramLabel = "FORMAT", description = "CSV date layout, e.g. %%d/%%m/%%Y (default: detected).")
    String dateFormat;

    @Option(names = "--timestamp-format", paramLabel = "FORMAT", description = "CSV timestamp layout (default: detected).")
    String timestampFormat;

    @Option(names = "--timings", description = "Print the time of each step on stderr.")
    boolean timings;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CsvOptions options;
        try {
            options = new CsvOptions("\\t".equals(delimiter) ? "\t" : delimiter, quote, header, encoding, dateFormat,
                    timestampFormat);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Workspace ws = Workspace.open(workspace.path())) {
            ImportResult result = new Importer(ws, options).importFiles(files, CliProgress.forStderr(spec));
            var out = spec.commandLine().getOut();
            out.println(result.summary());
            if (result.rowsRejected() > 0) {
                out.println("See the rejected rows: c360 sql --workspace " + workspace.path()
                        + " \"SELECT * FROM rejected_rows WHERE import_id = " + result.importId() + "\"");
            }
            if (timings) {
                spec.commandLine().getErr().println(result.timings());
            }
        }
        return 0;
    }
}
