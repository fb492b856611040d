package org.c360.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.c360.analytics.link.Approval;
import org.c360.analytics.link.LinkSuggestions;
import org.c360.analytics.link.Suggestion;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code c360 links}: suggested links of source columns to known identifiers, and the analyst's decisions. */
@Command(name = "links", mixinStandardHelpOptions = true,
        description = {"Suggest which columns of imported tables join to identifiers the workspace already knows",
                "(customer ids, e-mail addresses, phones, product ids...), ranked by how many of their values are found",
                "there after standardisation and by name. Suggestions are drafts: nothing changes until one is approved.",
                "  c360 links -w WS [--table RAW_TABLE] [list]   look (again, when stale) and list the drafts",
                "  c360 links -w WS approve ID                    map the column and give it its identity role",
                "  c360 links -w WS reject ID                     never propose it again"})
public final class LinksCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "list (default), approve or reject.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The suggestion to approve or reject.")
    String id;

    @Option(names = "--table", paramLabel = "RAW_TABLE", description = "Only this raw table (default: all of them).")
    String table;

    @Option(names = "--refresh", description = "Look again even if nothing was imported or resolved since the last look.")
    boolean refresh;

    @Option(names = "--all", description = "Also list approved and rejected suggestions.")
    boolean all;

    @Option(names = "--by", paramLabel = "NAME", description = "Who decides, for the record (default: the user name).")
    String by = System.getProperty("user.name", "analyst");

    @Option(names = "--timings", description = "Print what was read per table and how long it took, on stderr.")
    boolean timings;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String verb = action == null ? "list" : action.toLowerCase(Locale.ROOT);
        Long suggestion = switch (verb) {
            case "list" -> {
                if (id != null) {
                    throw new ParameterException(spec.commandLine(), "'list' takes no ID (did you mean approve " + id + "?)");
                }
                yield null;
            }
            case "approve", "reject" -> parseId(verb);
            default -> throw new ParameterException(spec.commandLine(),
                    "Unknown action '" + action + "' (expected list, approve ID or reject ID)");
        };
        if (suggestion != null && (table != null || refresh || all)) {
            throw new ParameterException(spec.commandLine(), "--table, --refresh and --all go with list, not with " + verb);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.open(workspace.path())) {
            LinkSuggestions links = new LinkSuggestions(ws);
            if ("approve".equals(verb)) {
                Approval approval = links.approve(suggestion, by, CliProgress.forStderr(spec));
                out.println(approval.describe());
                return 0;
            }
            if ("reject".equals(verb)) {
                Suggestion rejected = links.reject(suggestion, by);
                out.println("Rejected #" + rejected.id() + " " + rejected.rawTable() + "." + rejected.headline()
                        + ": it will not be proposed again.");
                return 0;
            }
            List<String> tables = links.rawTables();
            if (table != null) {
                if (!tables.contains(table)) {
                    throw new C360Exception("There is no imported table '" + table + "' (see: c360 mapping -w "
                            + workspace.path() + ").");
                }
                tables = List.of(table);
            }
            if (tables.isEmpty()) {
                out.println("No imported tables yet: c360 import --workspace " + workspace.path() + " FILE...");
                return 0;
            }
            List<LinkSuggestions.TableScan> scans = refresh ? links.refresh(tables, CliProgress.forStderr(spec))
                    : links.refreshStale(tables, CliProgress.forStderr(spec));
            if (timings) {
                for (LinkSuggestions.TableScan scan : scans) {
                    spec.commandLine().getErr().printf(Locale.ROOT, "%8d ms  %s: %,d of %,d rows read, %d columns, %d targets, %d drafts%n",
                            scan.millis(), scan.rawTable(), scan.rowsRead(), scan.rowsTotal(), scan.columns(),
                            scan.targets(), scan.drafts());
                }
            }
            print(out, tables, links.list(table, all));
        }
        return 0;
    }

    private long parseId(String verb) {
        if (id == null) {
            throw new ParameterException(spec.commandLine(), "'" + verb + "' needs the ID of a suggestion (see: c360 links -w "
                    + workspace.path() + ")");
        }
        try {
            return Long.parseLong(id.startsWith("#") ? id.substring(1) : id);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "'" + id + "' is not a suggestion ID (a number such as 12)");
        }
    }

    private void print(PrintWriter out, List<String> tables, List<Suggestion> suggestions) {
        boolean any = false;
        for (String name : tables) {
            List<Suggestion> mine = suggestions.stream().filter(s -> s.rawTable().equals(name)).toList();
            long drafts = mine.stream().filter(s -> s.status() == Suggestion.Status.DRAFT).count();
            if (mine.isEmpty()) {
                if (table != null) {
                    out.println(name + ": no suggested links (every column that joins to a known identifier is mapped already).");
                }
                continue;
            }
            any = true;
            out.println(name + ": " + drafts + " suggested link" + (drafts == 1 ? "" : "s")
                    + (drafts > 0 ? " (drafts: nothing changes until one is approved)" : ""));
            for (Suggestion s : mine) {
                out.printf(Locale.ROOT, "  #%-4d %4.0f%%  %-40s %s%n", s.id(), s.score() * 100, s.headline(),
                        s.status() == Suggestion.Status.DRAFT ? "" : s.status().label() + " by " + s.decidedBy()
                                + " on " + s.decidedAt().toLocalDate());
                out.println("         " + s.evidence());
                out.println("         " + (s.status() == Suggestion.Status.DRAFT ? "approving sets: " : "set: ")
                        + s.plan().describe());
            }
        }
        if (!any && table == null) {
            out.println("No suggested links: every column that joins to a known identifier is mapped already.");
        } else if (suggestions.stream().anyMatch(s -> s.status() == Suggestion.Status.DRAFT)) {
            out.println("Approve with: c360 links -w " + workspace.path() + " approve ID (or reject ID)");
        }
    }
}
