package org.c360.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.c360.analytics.identity.Evaluation;
import org.c360.analytics.identity.ResolveOptions;
import org.c360.analytics.identity.ResolveResult;
import org.c360.analytics.identity.Resolver;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code c360 resolve}: identity resolution into people with stable customer360 ids. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Resolve the imported records into people: standardise identifiers, link them deterministically "
                + "(under over-merge guards), match the rest probabilistically, and keep every person's customer360_id "
                + "stable across runs.")
public final class ResolveCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--deterministic-only", description = "Skip the probabilistic pass.")
    boolean deterministicOnly;

    @Option(names = "--incremental", description = "Resolve only the tables imported since the last run, with the people they could join; "
            + "everyone else stays as they are. Refused when a mapping changed or there is no earlier run.")
    boolean incremental;

    @Option(names = "--evaluate", paramLabel = "GROUND_TRUTH",
            description = "After resolving, print pairwise precision, recall and F1 against this CSV (source, record_id, person_id).")
    Path groundTruth;

    @Option(names = "--model", description = "Print the fitted probabilistic model (m, u and weight per level).")
    boolean printModel;

    @Option(names = "--timings", description = "Print the time of each step on stderr.")
    boolean timings;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.open(workspace.path())) {
            ResolveOptions options = deterministicOnly ? ResolveOptions.DEFAULTS.deterministicOnly() : ResolveOptions.DEFAULTS;
            if (incremental) {
                options = options.incrementally();
            }
            ResolveResult result = new Resolver(ws).resolve(options, CliProgress.forStderr(spec));
            out.println(result.summary());
            if (printModel && result.model() != null) {
                out.print(result.model().describe());
            } else if (result.model() != null && !result.model().converged()) {
                out.println("The probabilistic model did not converge: nothing was merged by it; its pairs wait for review.");
            }
            if (groundTruth != null) {
                out.println("Evaluation: " + new Evaluation(ws).against(groundTruth).describe());
            }
            if (timings) {
                spec.commandLine().getErr().println(result.timings());
            }
        }
        return 0;
    }
}
