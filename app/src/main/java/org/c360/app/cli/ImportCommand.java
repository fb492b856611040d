package org.c360.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.c360.analytics.ingest.CsvOptions;
import org.c360.analytics.ingest.ImportResult;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.link.LinkSuggestions;
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
                "customers/products/transactions/interactions when recognised, and those tables are rebuilt.",
                "Then the columns of the new tables that are not mapped yet are compared with the identifiers the",
                "workspace knows, and suggested links are listed (drafts: see c360 links)."})
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

    @Option(names = "--no-links", description = "Do not look for suggested links of the new tables after the import.")
    boolean noLinks;

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
            if (!noLinks) {
                suggestLinks(ws, result, out);
            }
        }
        return 0;
    }

    /**
     * After the import has committed: looks for links of the new tables' unmapped columns and says where the
     * drafts are. They change nothing until approved (c360 links).
     */
    private void suggestLinks(Workspace ws, ImportResult result, java.io.PrintWriter out) {
        long start = System.nanoTime();
        List<LinkSuggestions.TableScan> scans = new LinkSuggestions(ws).afterImport(result, CliProgress.forStderr(spec));
        for (LinkSuggestions.TableScan scan : scans) {
            if (scan.drafts() > 0) {
                out.printf("%s: %d suggested link%s to known identifiers (c360 links --workspace %s --table %s)%n",
                        scan.rawTable(), scan.drafts(), scan.drafts() == 1 ? "" : "s", workspace.path(), scan.rawTable());
            }
        }
        if (timings) {
            spec.commandLine().getErr().printf("%8d ms  suggested links (%d tables looked at, after the commit)%n",
                    (System.nanoTime() - start) / 1_000_000, scans.size());
        }
    }
}
