package org.c360.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.c360.analytics.profile.FieldOrigin;
import org.c360.analytics.profile.IdentityGraph;
import org.c360.analytics.profile.ProfileCard;
import org.c360.analytics.profile.ProfileFields;
import org.c360.analytics.profile.ProfileMatch;
import org.c360.analytics.profile.Profiles;
import org.c360.analytics.profile.SourceRecord;
import org.c360.analytics.profile.TimelineEvent;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.text.Origins;
import org.c360.app.text.Values;
import org.jgrapht.graph.DefaultEdge;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code c360 profile}: one resolved person, every field with where it came from, their identity graph and timeline. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Show a resolved person: every profile field with the source record it came from and the",
                "survivorship rule that chose it (and the values that lost), the person's records, the guards that",
                "fired on their identifiers, and with --graph and --timeline their identity graph and events.",
                "Find the person by name, e-mail, phone or any source id, or name them by customer360 id."})
public final class ProfileCommand implements Callable<Integer> {

    private static final int MAX_MATCHES = 20;

    @Mixin
    WorkspaceOption workspace;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--find", paramLabel = "TEXT", required = true,
                description = "A name (or part of one), an e-mail, a phone number or any source id.")
        String find;

        @Option(names = "--id", paramLabel = "C360_ID", required = true, description = "A customer360 id, e.g. c360_42.")
        String id;
    }

    @Option(names = "--graph", description = "Also print the identity graph: records, identifiers and the edges between them.")
    boolean graph;

    @Option(names = "--timeline", description = "Also print the person's events, newest first.")
    boolean timeline;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N",
            description = "At most this many timeline events (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table (default) or json.")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (format == OutputFormat.csv) {
            throw new ParameterException(spec.commandLine(), "A profile prints as table or json, not csv.");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit + ".");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.open(workspace.path())) {
            Profiles profiles = new Profiles(ws);
            if (!profiles.resolved()) {
                throw new C360Exception("No profiles yet: resolve identities first (c360 resolve --workspace "
                        + workspace.path() + ").");
            }
            String id = who.id;
            if (who.find != null) {
                List<ProfileMatch> matches = profiles.search(who.find, MAX_MATCHES + 1);
                if (matches.isEmpty()) {
                    throw new C360Exception("No person matches '" + who.find + "' (by name, e-mail, phone or source id).");
                }
                if (matches.size() > 1) {
                    printMatches(matches, out);
                    return 0;
                }
                id = matches.getFirst().customer360Id();
            }
            String personId = id;
            ProfileCard card = profiles.card(personId)
                    .orElseThrow(() -> new C360Exception("No person " + personId + " in this workspace (merged into another, or never resolved)."));
            IdentityGraph identityGraph = graph ? profiles.graph(personId) : null;
            List<TimelineEvent> events = timeline ? profiles.timeline(personId, limit) : null;
            if (format == OutputFormat.json) {
                out.println(json(card, identityGraph, events));
            } else {
                printCard(card, out);
                if (identityGraph != null) {
                    printGraph(identityGraph, out);
                }
                if (events != null) {
                    printTimeline(events, out);
                }
            }
            out.flush();
        }
        return 0;
    }

    private void printMatches(List<ProfileMatch> matches, PrintWriter out) {
        boolean more = matches.size() > MAX_MATCHES;
        List<ProfileMatch> shown = more ? matches.subList(0, MAX_MATCHES) : matches;
        if (format == OutputFormat.json) {
            List<String> objects = new ArrayList<>();
            for (ProfileMatch m : shown) {
                objects.add("{\"customer360_id\":" + Json.string(m.customer360Id()) + ",\"name\":" + Json.value(m.name())
                        + ",\"email\":" + Json.value(m.email()) + ",\"phone\":" + Json.value(m.phone())
                        + ",\"matched_by\":" + Json.value(m.matchedBy()) + "}");
            }
            out.println("{\"matches\":[" + String.join(",", objects) + "],\"more\":" + more + "}");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (ProfileMatch m : shown) {
            rows.add(new String[] {m.customer360Id(), nz(m.name()), nz(m.email()), nz(m.phone()), m.matchedBy()});
        }
        printRows(out, new String[] {"customer360_id", "name", "email", "phone", "matched by"}, rows);
        out.println((more ? "More than " + MAX_MATCHES : String.valueOf(matches.size())) + " people match '" + who.find
                + "'; show one with --id C360_ID.");
    }

    private static void printCard(ProfileCard card, PrintWriter out) {
        Map<String, Object> fields = card.fields();
        out.println(Values.text(fields.get("full_name")).isEmpty() ? card.customer360Id()
                : Values.text(fields.get("full_name")) + " (" + card.customer360Id() + ")");
        @SuppressWarnings("unchecked")
        List<Object> sources = fields.get("sources") instanceof List<?> list ? (List<Object>) list : List.of();
        out.println(Values.text(fields.get("records")) + " records from " + sources.size() + " sources: "
                + String.join(", ", sources.stream().map(s -> Values.source(String.valueOf(s))).toList()));
        for (String group : ProfileFields.GROUPS) {
            List<String[]> rows = new ArrayList<>();
            for (ProfileFields.Field field : ProfileFields.all()) {
                if (!field.group().equals(group) || !fields.containsKey(field.column())) {
                    continue;
                }
                String value = Values.text(fields.get(field.column()));
                String origin = ProfileFields.originOf(card, field).map(o -> {
                    List<String> lost = Origins.lost(o);
                    return Origins.chosen(o) + (lost.isEmpty() ? "" : "; lost: " + String.join("; ", lost));
                }).orElse(field.survives() ? "no record has a value" : "= " + field.derivation());
                rows.add(new String[] {field.column(), value, origin});
            }
            out.println();
            out.println(group);
            printRows(out, null, rows);
        }
        out.println();
        out.println("Records (" + card.records().size() + ")");
        List<String[]> records = new ArrayList<>();
        for (SourceRecord record : card.records()) {
            List<String> ids = new ArrayList<>();
            record.identifiers().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> ids.add(e.getKey() + "=" + e.getValue()));
            records.add(new String[] {Values.source(record.source()), record.recordId(), record.linkedBy(), String.join(" ", ids)});
        }
        printRows(out, new String[] {"source", "record", "linked by", "identifiers"}, records);
        out.println();
        if (card.guards().isEmpty()) {
            out.println("No guard fired on this person's identifiers.");
        } else {
            out.println("Guards fired on this person's identifiers (these values link nobody)");
            card.guards().forEach(g -> out.println("  " + g));
        }
    }

    private static void printGraph(IdentityGraph graph, PrintWriter out) {
        var g = graph.graph();
        out.println();
        out.println("Identity graph: " + g.vertexSet().size() + " nodes, " + g.edgeSet().size() + " edges");
        List<String[]> nodes = new ArrayList<>();
        for (IdentityGraph.Node node : g.vertexSet()) {
            nodes.add(new String[] {node.kind() == IdentityGraph.Node.Kind.RECORD ? "record" : "identifier", node.label(),
                    node.blocked() ? "blocked by a guard" : "", Integer.toString(g.degreeOf(node))});
        }
        printRows(out, new String[] {"node", "label", "blocked", "edges"}, nodes);
        out.println();
        for (DefaultEdge edge : g.edgeSet()) {
            out.println("  " + g.getEdgeSource(edge).label() + " -- " + g.getEdgeTarget(edge).label());
        }
    }

    private static void printTimeline(List<TimelineEvent> events, PrintWriter out) {
        out.println();
        out.println("Timeline (" + events.size() + " events, newest first)");
        List<String[]> rows = new ArrayList<>();
        for (TimelineEvent e : events) {
            rows.add(new String[] {Values.time(e.time()), nz(e.type()), nz(e.channel()), Values.source(e.source()), nz(e.recordId()),
                    nz(e.detail()), e.amount() == null ? "" : Values.number(e.amount())});
        }
        printRows(out, new String[] {"time", "event", "channel", "source", "record", "detail", "amount"}, rows);
    }

    /** Aligned columns, two spaces apart, indented; the last column is not padded. */
    private static void printRows(PrintWriter out, String[] header, List<String[]> rows) {
        List<String[]> all = new ArrayList<>();
        if (header != null) {
            all.add(header);
        }
        all.addAll(rows);
        if (all.isEmpty()) {
            out.println("  (none)");
            return;
        }
        int columns = all.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : all) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], Math.min(48, row[c].length()));
            }
        }
        for (String[] row : all) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                if (c < columns - 1) {
                    cell = cell.length() > 48 ? cell.substring(0, 47) + "…" : cell;
                    line.append(' ').append(cell).append(" ".repeat(widths[c] - cell.length())).append(' ');
                } else {
                    line.append(' ').append(cell);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String json(ProfileCard card, IdentityGraph graph, List<TimelineEvent> events) {
        StringBuilder sb = new StringBuilder("{\"customer360_id\":").append(Json.string(card.customer360Id()));
        sb.append(",\"fields\":[");
        boolean first = true;
        for (ProfileFields.Field field : ProfileFields.all()) {
            if (!card.fields().containsKey(field.column())) {
                continue;
            }
            sb.append(first ? "" : ",");
            first = false;
            Object value = card.fields().get(field.column());
            sb.append("{\"field\":").append(Json.string(field.column())).append(",\"group\":").append(Json.string(field.group()))
                    .append(",\"value\":").append(jsonValue(value));
            ProfileFields.originOf(card, field).ifPresentOrElse(o -> sb.append(",\"origin\":").append(json(o)),
                    () -> sb.append(",\"derivation\":").append(Json.value(field.derivation())));
            sb.append('}');
        }
        sb.append("],\"records\":[");
        first = true;
        for (SourceRecord record : card.records()) {
            sb.append(first ? "" : ",");
            first = false;
            sb.append("{\"source\":").append(Json.string(record.source())).append(",\"record_id\":").append(Json.string(record.recordId()))
                    .append(",\"linked_by\":").append(Json.value(record.linkedBy())).append(",\"identifiers\":{");
            boolean firstId = true;
            for (Map.Entry<String, String> id : record.identifiers().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                sb.append(firstId ? "" : ",").append(Json.string(id.getKey())).append(':').append(Json.string(id.getValue()));
                firstId = false;
            }
            sb.append("}}");
        }
        sb.append("],\"guards\":[").append(String.join(",", card.guards().stream().map(Json::string).toList())).append(']');
        if (graph != null) {
            var g = graph.graph();
            List<IdentityGraph.Node> nodes = List.copyOf(g.vertexSet());
            sb.append(",\"graph\":{\"nodes\":[");
            for (int i = 0; i < nodes.size(); i++) {
                IdentityGraph.Node node = nodes.get(i);
                sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"kind\":")
                        .append(Json.string(node.kind().name().toLowerCase(java.util.Locale.ROOT))).append(",\"label\":")
                        .append(Json.string(node.label())).append(",\"blocked\":").append(node.blocked()).append('}');
            }
            sb.append("],\"edges\":[");
            first = true;
            for (DefaultEdge edge : g.edgeSet()) {
                sb.append(first ? "" : ",").append('[').append(nodes.indexOf(g.getEdgeSource(edge))).append(',')
                        .append(nodes.indexOf(g.getEdgeTarget(edge))).append(']');
                first = false;
            }
            sb.append("]}");
        }
        if (events != null) {
            sb.append(",\"timeline\":[");
            first = true;
            for (TimelineEvent e : events) {
                sb.append(first ? "" : ",").append("{\"time\":").append(Json.value(e.time() == null ? null : e.time().toString()))
                        .append(",\"event\":").append(Json.value(e.type())).append(",\"channel\":").append(Json.value(e.channel()))
                        .append(",\"source\":").append(Json.value(e.source())).append(",\"record_id\":").append(Json.value(e.recordId()))
                        .append(",\"detail\":").append(Json.value(e.detail())).append(",\"amount\":").append(Json.value(e.amount()))
                        .append('}');
                first = false;
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    private static String json(FieldOrigin origin) {
        StringBuilder sb = new StringBuilder("{\"source\":").append(Json.string(origin.source())).append(",\"record_id\":")
                .append(Json.string(origin.recordId())).append(",\"rule\":").append(Json.string(origin.rule()))
                .append(",\"candidates\":[");
        boolean first = true;
        for (FieldOrigin.Candidate c : origin.candidates()) {
            sb.append(first ? "" : ",").append("{\"value\":").append(Json.value(c.value())).append(",\"source\":")
                    .append(Json.string(c.source())).append(",\"record_id\":").append(Json.string(c.recordId()))
                    .append(",\"frequency\":").append(c.frequency()).append(",\"trust\":").append(c.trust()).append('}');
            first = false;
        }
        return sb.append("]}").toString();
    }

    private static String jsonValue(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(",", list.stream().map(ProfileCommand::jsonValue).toList()) + "]";
        }
        if (value instanceof Double || value instanceof Float || value instanceof Number || value instanceof Boolean || value == null) {
            return Json.value(value);
        }
        return Json.string(Values.text(value));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
