package org.c360.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.c360.analytics.identity.ReviewQueue;
import org.c360.analytics.query.ResultTable;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c360 review}: the pairs identity resolution was unsure about, and the analyst's decisions on them. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"List the record pairs the probabilistic match was unsure about (weight, probability and",
                "the evidence), or record a decision on one: 'accept LEFT RIGHT' merges the two records' people,",
                "'reject LEFT RIGHT' keeps them apart. Records are named by key, as the list shows them",
                "(raw_crm_customers:CRM-0000017). Decisions win over the model from the next 'c360 resolve' on."})
public final class ReviewCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", defaultValue = "list",
            description = "list (default), accept or reject.")
    String action;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "RECORD", description = "With accept or reject: the two record keys.")
    List<String> records = new ArrayList<>();

    @Option(names = "--all", description = "With list: every scored pair (merged, decided and waiting), not only those waiting.")
    boolean all;

    @Option(names = "--decisions", description = "With list: the decisions recorded so far instead of the pairs.")
    boolean decisions;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "List at most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table (default), csv or json.")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String verb = action.toLowerCase(Locale.ROOT);
        switch (verb) {
            case "list" -> {
                if (!records.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "'review list' takes no records (got " + records.size() + ").");
                }
            }
            case "accept", "reject" -> {
                if (records.size() != 2) {
                    throw new ParameterException(spec.commandLine(), "'review " + verb + "' needs two record keys, LEFT and RIGHT"
                            + " (got " + records.size() + ").");
                }
                if (records.get(0).equals(records.get(1))) {
                    throw new ParameterException(spec.commandLine(), "'review " + verb + "' needs two different records.");
                }
            }
            default -> throw new ParameterException(spec.commandLine(), "Unknown action '" + action + "' (expected list, accept or reject).");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit + ".");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.open(workspace.path())) {
            if (!ws.catalog().exists("customer360_profiles")) {
                throw new C360Exception("Nothing to review yet: resolve identities first (c360 resolve --workspace "
                        + workspace.path() + ").");
            }
            ReviewQueue queue = new ReviewQueue(ws);
            if (verb.equals("list")) {
                TablePrinter.print(decisions ? decisionsTable(queue.decisions(limit)) : pairsTable(queue.pairs(all, limit)), format, out);
                return 0;
            }
            String left = records.get(0);
            String right = records.get(1);
            for (String key : records) {
                if (!queue.isRecord(key)) {
                    throw new C360Exception("No record '" + key + "' in this workspace's identity records; keys look like "
                            + "raw_crm_customers:CRM-0000017 (see 'c360 review list').");
                }
            }
            ReviewQueue.Decision decision = verb.equals("accept") ? ReviewQueue.Decision.ACCEPT : ReviewQueue.Decision.REJECT;
            var scored = queue.pair(left, right);
            queue.decide(left, right, decision);
            out.println((decision == ReviewQueue.Decision.ACCEPT ? "Accepted: " : "Rejected: ") + left + " and " + right
                    + (decision == ReviewQueue.Decision.ACCEPT ? " are one person" : " are different people")
                    + scored.map(p -> String.format(Locale.ROOT, " (weight %.2f, probability %.3f, was %s)", p.weight(),
                    p.probability(), p.status())).orElse(" (a pair the model did not score)")
                    + ". It applies from the next 'c360 resolve'.");
            out.flush();
        }
        return 0;
    }

    private static ResultTable pairsTable(List<ReviewQueue.Pair> pairs) {
        List<Object[]> rows = new ArrayList<>();
        for (ReviewQueue.Pair p : pairs) {
            rows.add(new Object[] {p.leftKey(), p.rightKey(), round(p.weight(), 2), round(p.probability(), 3), p.status(),
                    p.left(), p.right(), p.evidence()});
        }
        return table(List.of("left", "right", "weight", "probability", "status", "left_record", "right_record", "evidence"),
                List.of("VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"), rows);
    }

    private static ResultTable decisionsTable(List<ReviewQueue.Decided> decided) {
        List<Object[]> rows = new ArrayList<>();
        for (ReviewQueue.Decided d : decided) {
            rows.add(new Object[] {d.leftKey(), d.rightKey(), d.decision().name().toLowerCase(Locale.ROOT), d.decidedAt().toString(),
                    d.left(), d.right()});
        }
        return table(List.of("left", "right", "decision", "decided_at", "left_record", "right_record"),
                List.of("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"), rows);
    }

    private static ResultTable table(List<String> columns, List<String> types, List<Object[]> rows) {
        return new ResultTable(columns, types, rows, false, 0);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
