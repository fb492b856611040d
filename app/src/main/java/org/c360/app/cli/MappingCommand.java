package org.c360.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.mapping.Mappings;
import org.c360.analytics.mapping.TableMapping;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.work.Progress;
import org.c360.analytics.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code c360 mapping}: show, correct and confirm which source column plays which canonical role. */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = {"Show the column-role mappings of a workspace, or correct one and rebuild its entity.",
                "  c360 mapping -w WS                          list every raw table and its mapping",
                "  c360 mapping -w WS raw_clients --set name=label --set email=   correct and confirm",
                "  c360 mapping -w WS raw_items --entity products --confirm       map to another entity",
                "  c360 mapping -w WS raw_items --unmap"})
public final class MappingCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOption workspace;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RAW_TABLE", description = "The raw table to show or change.")
    String rawTable;

    @Option(names = "--entity", description = "Map the table to this entity: ${COMPLETION-CANDIDATES}.")
    String entity;

    @Option(names = "--set", paramLabel = "COLUMN=SOURCE",
            description = "Use SOURCE for the canonical COLUMN (empty SOURCE: leave it out). Repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--confirm", description = "Confirm the mapping as it is (or as changed) and rebuild.")
    boolean confirm;

    @Option(names = "--unmap", description = "Stop mapping the table to any entity.")
    boolean unmap;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace ws = Workspace.open(workspace.path())) {
            Mappings mappings = new Mappings(ws);
            if (rawTable == null) {
                if (entity != null || !set.isEmpty() || confirm || unmap) {
                    throw new ParameterException(spec.commandLine(), "Name the RAW_TABLE to change.");
                }
                List<String> tables = mappings.rawTables();
                if (tables.isEmpty()) {
                    out.println("No imported tables yet: c360 import --workspace " + workspace.path() + " FILE...");
                }
                for (String table : tables) {
                    print(out, table, mappings.saved(table));
                }
                return 0;
            }
            if (!mappings.rawTables().contains(rawTable)) {
                throw new C360Exception("There is no imported table '" + rawTable + "' (see: c360 mapping -w "
                        + workspace.path() + ").");
            }
            if (unmap) {
                mappings.unmap(rawTable, Progress.none());
                out.println(rawTable + " is no longer mapped.");
                return 0;
            }
            if (entity == null && set.isEmpty() && !confirm) {
                print(out, rawTable, mappings.saved(rawTable));
                mappings.suggest(rawTable).ifPresent(s -> {
                    if (!mappings.saved(rawTable).map(TableMapping::columns).equals(Optional.of(s.columns()))) {
                        out.println("Detection would propose:");
                        print(out, rawTable, Optional.of(s));
                    }
                });
                return 0;
            }
            TableMapping mapping = start(mappings);
            for (Map.Entry<String, String> change : set.entrySet()) {
                if (mapping.entity().field(change.getKey()).isEmpty()) {
                    throw new ParameterException(spec.commandLine(), mapping.entity().table() + " has no column '"
                            + change.getKey() + "' (it has " + String.join(", ",
                            mapping.entity().fields().stream().map(Field::name).toList()) + ").");
                }
                mapping = mapping.withColumn(change.getKey(), change.getValue());
            }
            Map<Entity, Long> rows = mappings.save(mapping, Progress.none());
            print(out, rawTable, mappings.saved(rawTable));
            rows.forEach((e, n) -> out.printf("%s rebuilt: %,d rows%n", e.table(), n));
        }
        return 0;
    }

    private TableMapping start(Mappings mappings) {
        Optional<TableMapping> saved = mappings.saved(rawTable);
        if (entity == null) {
            return saved.or(() -> mappings.suggest(rawTable)).orElseThrow(() -> new C360Exception(
                    rawTable + " is not mapped and does not look like any entity; choose one with --entity."));
        }
        Entity chosen = Entity.byTable(entity).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Unknown entity '" + entity + "' (expected one of: "
                        + String.join(", ", java.util.Arrays.stream(Entity.values()).map(Entity::table).toList()) + ")."));
        if (saved.isPresent() && saved.get().entity() == chosen) {
            return saved.get();
        }
        return mappings.suggest(rawTable).filter(s -> s.entity() == chosen)
                .orElse(new TableMapping(rawTable, chosen, Map.of(), false));
    }

    private static void print(PrintWriter out, String table, Optional<TableMapping> mapping) {
        if (mapping.isEmpty()) {
            out.println(table + ": not mapped");
            return;
        }
        TableMapping m = mapping.get();
        out.println(table + " -> " + m.entity().table() + (m.confirmed() ? " (confirmed)" : " (detected, not confirmed)"));
        for (Field field : m.entity().fields()) {
            out.printf("  %-18s <- %s%n", field.name(), m.source(field.name()).orElse("-"));
        }
    }
}
