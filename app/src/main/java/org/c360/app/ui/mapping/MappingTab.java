package org.c360.app.ui.mapping;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.c360.analytics.entity.Entity;
import org.c360.analytics.entity.Field;
import org.c360.analytics.link.LinkSuggestions;
import org.c360.analytics.link.Suggestion;
import org.c360.analytics.mapping.Mappings;
import org.c360.analytics.mapping.SourceColumn;
import org.c360.analytics.mapping.TableMapping;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.task.Tasks;

/**
 * Column roles: which imported table feeds which canonical entity, and which of its columns plays which
 * role. Detection proposes a mapping at import; here the analyst reviews it with sample values, corrects
 * it, and saves it, which rebuilds the entity in the background. Suggested links (columns whose values are
 * found among known identifiers) are listed with their evidence, to approve or reject.
 */
public final class MappingTab extends Tab {
    /** "Not mapped" in the entity and column choosers. */
    static final String NONE = "—";
    private static final int SAMPLES = 3;

    private final Tasks tasks;
    private final Runnable onRebuilt;
    private final ListView<Row> tables = new ListView<>();
    private final VBox editor = new VBox(14);
    private final LinksPane links;
    private Workspace workspace;
    /** What the last save or unmap did, shown above the editor it reloads. */
    private String notice;
    /** Whether links of newly imported tables are being looked for. */
    private boolean lookingAtNew;

    /** One raw table, its saved mapping and how many suggested links wait for a decision, in the list on the left. */
    record Row(String rawTable, Optional<TableMapping> mapping, int pendingLinks) {
    }

    /** What the list needs, read in the background: the rows, and the tables an import made that were not looked at. */
    record Listing(List<Row> rows, List<String> unscanned) {
    }

    /** What the editor needs of one raw table, read in the background. */
    record Draft(String rawTable, List<SourceColumn> columns, Optional<TableMapping> saved,
                 Optional<TableMapping> suggested, List<Suggestion> links, boolean linksStale) {
    }

    /** @param onRebuilt runs after a mapping was saved and its entity rebuilt (reload catalog, overview) */
    public MappingTab(Tasks tasks, Runnable onRebuilt) {
        super("Mapping");
        this.tasks = tasks;
        this.onRebuilt = onRebuilt;
        setId("tab-mapping");
        setClosable(false);
        this.links = new LinksPane(tasks, approval -> {
            notice = approval.describe();
            reload(workspace);
            onRebuilt.run();
        });

        tables.setId("mapping-tables");
        tables.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(row.rawTable());
                Label mapping = new Label(row.mapping().map(m -> "→ " + m.entity().table()
                        + (m.confirmed() ? "  ✓ confirmed" : "  (detected)")).orElse("not mapped"));
                name.setMinWidth(0);
                mapping.setMinWidth(0);
                VBox text = new VBox(name, mapping);
                text.setMinWidth(0);
                HBox.setHgrow(text, Priority.ALWAYS);
                HBox cell = new HBox(6, text);
                cell.setAlignment(Pos.CENTER_LEFT);
                if (row.pendingLinks() > 0) {
                    Label pending = new Label(Integer.toString(row.pendingLinks()));
                    pending.getStyleClass().add("link-score");
                    pending.setMinWidth(Region.USE_PREF_SIZE);
                    String links = row.pendingLinks() + " suggested link" + (row.pendingLinks() == 1 ? "" : "s") + " to review";
                    pending.setTooltip(new javafx.scene.control.Tooltip(links));
                    pending.setAccessibleText(links);
                    cell.getChildren().add(pending);
                }
                setGraphic(cell);
            }
        });
        tables.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                load(row.rawTable());
            }
        });
        editor.setPadding(new Insets(16, 20, 20, 20));
        ScrollPane scroll = new ScrollPane(editor);
        scroll.setFitToWidth(true);
        VBox left = new VBox(8, heading("Imported tables"), tables);
        left.setPadding(new Insets(16, 8, 8, 12));
        VBox.setVgrow(tables, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, scroll);
        split.setDividerPositions(0.24);
        setContent(split);
        showHint("Import files to map their columns.");
    }

    /** Lists the raw tables of {@code workspace} and their mappings (in the background). */
    public void reload(Workspace workspace) {
        this.workspace = workspace;
        if (workspace == null) {
            tables.getItems().clear();
            showHint("No workspace open.");
            return;
        }
        String selected = Optional.ofNullable(tables.getSelectionModel().getSelectedItem()).map(Row::rawTable).orElse(null);
        tasks.run("Reading the column mappings", progress -> {
            Mappings mappings = new Mappings(workspace);
            Map<String, TableMapping> saved = new LinkedHashMap<>();
            mappings.all().forEach(m -> saved.put(m.rawTable(), m));
            LinkSuggestions suggestions = new LinkSuggestions(workspace);
            Map<String, Integer> pending = suggestions.pending();
            List<Row> rows = mappings.rawTables().stream()
                    .map(t -> new Row(t, Optional.ofNullable(saved.get(t)), pending.getOrDefault(t, 0))).toList();
            return new Listing(rows, suggestions.unscanned());
        }).quiet().onSuccess(listing -> {
            List<Row> rows = listing.rows();
            lookAtNewTables(workspace, listing.unscanned());
            tables.getItems().setAll(rows);
            if (rows.isEmpty()) {
                showHint("Import files to map their columns.");
            }
            rows.stream().filter(r -> r.rawTable().equals(selected)).findFirst()
                    .or(() -> rows.stream().findFirst())
                    .ifPresent(r -> tables.getSelectionModel().select(r));
        }).start();
    }

    /**
     * After an import: looks for links of the tables it made (those never looked at), in one background task,
     * then shows how many wait. The import itself is done by then and is not slowed.
     */
    private void lookAtNewTables(Workspace ws, List<String> unscanned) {
        if (unscanned.isEmpty() || lookingAtNew) {
            return;
        }
        lookingAtNew = true;
        tasks.run("Looking for links in " + (unscanned.size() == 1 ? unscanned.getFirst() : unscanned.size() + " new tables"),
                progress -> new LinkSuggestions(ws).refreshStale(unscanned, progress))
                .onSuccess(scans -> {
                    if (ws == workspace && scans.stream().anyMatch(scan -> scan.drafts() > 0)) {
                        reload(ws);
                    }
                })
                .onError(error -> { }) // the Mapping tab looks again when the table is opened, and says why it failed
                .andFinally(() -> lookingAtNew = false)
                .start();
    }

    /** Selects a raw table and opens it in the editor. */
    public void show(String rawTable) {
        tables.getItems().stream().filter(r -> r.rawTable().equals(rawTable)).findFirst()
                .ifPresentOrElse(r -> tables.getSelectionModel().select(r), () -> load(rawTable));
    }

    private void load(String rawTable) {
        Workspace ws = workspace;
        tasks.run("Reading the columns of " + rawTable, progress -> {
            Mappings mappings = new Mappings(ws);
            LinkSuggestions suggestions = new LinkSuggestions(ws);
            return new Draft(rawTable, mappings.sourceColumns(rawTable, SAMPLES), mappings.saved(rawTable),
                    mappings.suggest(rawTable), suggestions.list(rawTable, true), suggestions.isStale(rawTable));
        }).quiet().onSuccess(this::edit).start();
    }

    private void edit(Draft draft) {
        Label title = heading(draft.rawTable());
        title.setId("mapping-title");
        Label status = new Label(draft.saved().map(m -> m.confirmed()
                ? "Confirmed: feeds " + m.entity().table() + "."
                : "Detected automatically: feeds " + m.entity().table() + ". Check it and save to confirm.")
                .orElse("Not mapped: choose the entity this table holds, if any."));
        if (notice != null) {
            status.setText(notice + " " + status.getText());
            notice = null;
        }
        status.setId("mapping-status");
        status.getStyleClass().add("dim");
        status.setWrapText(true);

        ComboBox<String> entity = new ComboBox<>();
        entity.setId("mapping-entity");
        entity.getItems().add(NONE);
        for (Entity e : Entity.values()) {
            entity.getItems().add(e.table());
        }
        Optional<TableMapping> start = draft.saved().or(draft::suggested);
        entity.setValue(start.map(m -> m.entity().table()).orElse(NONE));

        GridPane fields = new GridPane();
        fields.setId("mapping-fields");
        fields.setHgap(14);
        fields.setVgap(6);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        grow.setMinWidth(0);
        fields.getColumnConstraints().addAll(fixed(), fixed(), fixed(), grow);
        Map<Field, ComboBox<String>> choosers = new LinkedHashMap<>();

        Button save = new Button("Save and rebuild");
        save.setId("mapping-save");
        save.getStyleClass().add("accent");
        Button detect = new Button("Detect again");
        detect.setId("mapping-detect");
        Button unmap = new Button("Don't map this table");
        unmap.setId("mapping-unmap");
        unmap.setDisable(draft.saved().isEmpty());

        Runnable layout = () -> {
            choosers.clear();
            fields.getChildren().clear();
            Optional<Entity> chosen = Entity.byTable(entity.getValue());
            save.setDisable(chosen.isEmpty());
            if (chosen.isEmpty()) {
                return;
            }
            fields.addRow(0, header("Column"), header("Kind"), header("From source column"), header("Sample values"));
            Map<String, String> initial = initialColumns(chosen.get(), draft);
            int row = 1;
            for (Field field : chosen.get().fields()) {
                ComboBox<String> source = new ComboBox<>();
                source.setId("mapping-source-" + field.name());
                source.getItems().add(NONE);
                draft.columns().forEach(c -> source.getItems().add(c.name()));
                source.setValue(initial.getOrDefault(field.name(), NONE));
                source.setPrefWidth(220);
                Label samples = new Label();
                samples.getStyleClass().add("dim");
                samples.setMinWidth(0);
                Label linked = new Label();
                linked.setId("mapping-linked-" + field.name());
                linked.getStyleClass().add("link-approved");
                linked.setMinWidth(Region.USE_PREF_SIZE);
                String canonical = chosen.get().table() + "." + field.name();
                Runnable showSamples = () -> {
                    samples.setText(draft.columns().stream()
                            .filter(c -> c.name().equals(source.getValue())).findFirst()
                            .map(c -> c.type() + ": " + String.join(", ", c.samples())).orElse(""));
                    // an approved link that set this column, shown while the column is still the one it set
                    Optional<Suggestion> link = draft.links().stream()
                            .filter(l -> l.status() == Suggestion.Status.APPROVED && canonical.equals(l.plan().entityColumn())
                                    && l.column().equals(source.getValue()))
                            .findFirst();
                    linked.setText(link.map(l -> "✓ linked").orElse(""));
                    linked.setTooltip(link.map(l -> new javafx.scene.control.Tooltip("Approved link: "
                            + Math.round(l.containment() * 100) + "% of its values are in " + l.target() + ".")).orElse(null));
                };
                source.valueProperty().addListener((obs, old, value) -> showSamples.run());
                showSamples.run();
                Label name = new Label(field.name() + (field.isMandatory() ? " *" : ""));
                HBox sampleCell = new HBox(10, linked, samples);
                HBox.setHgrow(samples, Priority.ALWAYS); // shrinks (with an ellipsis) where the pane is narrow
                sampleCell.setAlignment(Pos.CENTER_LEFT);
                sampleCell.setMinWidth(0);
                fields.addRow(row++, name, new Label(kind(field)), source, sampleCell);
                choosers.put(field, source);
            }
        };
        entity.valueProperty().addListener((obs, old, value) -> layout.run());
        layout.run();

        detect.setOnAction(e -> {
            draft.suggested().ifPresentOrElse(s -> {
                entity.setValue(s.entity().table());
                layout.run();
                choosers.forEach((field, chooser) -> chooser.setValue(s.source(field.name()).orElse(NONE)));
            }, () -> status.setText("Detection finds no entity in this table."));
        });
        save.setOnAction(e -> Entity.byTable(entity.getValue()).ifPresent(chosen -> {
            Map<String, String> columns = new LinkedHashMap<>();
            choosers.forEach((field, chooser) -> {
                if (!NONE.equals(chooser.getValue())) {
                    columns.put(field.name(), chooser.getValue());
                }
            });
            TableMapping mapping = new TableMapping(draft.rawTable(), chosen, columns, true);
            Workspace ws = workspace;
            tasks.run("Rebuilding " + chosen.table(), progress -> new Mappings(ws).save(mapping, progress))
                    .onSuccess(rows -> {
                        status.setText("Saved. " + describe(rows));
                        notice = status.getText();
                        unmap.setDisable(false);
                        reload(ws);
                        onRebuilt.run();
                    }).start();
        }));
        unmap.setOnAction(e -> {
            Workspace ws = workspace;
            tasks.run("Removing the mapping of " + draft.rawTable(),
                    progress -> new Mappings(ws).unmap(draft.rawTable(), progress))
                    .onSuccess(rows -> {
                        status.setText("Not mapped any more. " + describe(rows));
                        notice = status.getText();
                        entity.setValue(NONE);
                        unmap.setDisable(true);
                        reload(ws);
                        onRebuilt.run();
                    }).start();
        });

        HBox entityRow = new HBox(10, new Label("Holds"), entity);
        entityRow.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(10, save, detect, unmap);
        Label legend = new Label("* required: rows without it go to rejected_rows. Values that cannot be converted "
                + "(text in a number column, say) are rejected too, with the reason.");
        legend.getStyleClass().add("dim");
        legend.setWrapText(true);
        editor.getChildren().setAll(title, status, entityRow, buttons, links, fields, legend);
        links.show(workspace, draft.rawTable(), draft.links(), draft.linksStale());
    }

    /** The mapping to show for an entity: the saved one, else the detected one, else by column names. */
    private static Map<String, String> initialColumns(Entity entity, Draft draft) {
        for (Optional<TableMapping> candidate : List.of(draft.saved(), draft.suggested())) {
            if (candidate.isPresent() && candidate.get().entity() == entity) {
                return candidate.get().columns();
            }
        }
        Map<String, String> byName = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        for (Field field : entity.fields()) {
            draft.columns().stream().map(SourceColumn::name)
                    .filter(name -> !used.contains(name) && field.recognises(name))
                    .findFirst().ifPresent(name -> {
                        byName.put(field.name(), name);
                        used.add(name);
                    });
        }
        return byName;
    }

    private static String describe(Map<Entity, Long> rows) {
        Map<Entity, Long> sorted = new EnumMap<>(Entity.class);
        sorted.putAll(rows);
        List<String> parts = new ArrayList<>();
        sorted.forEach((entity, n) -> parts.add(String.format("%s rebuilt: %,d rows.", entity.table(), n)));
        return String.join(" ", parts);
    }

    private static String kind(Field field) {
        return switch (field.kind()) {
            case ID -> field.isKey() ? "key" : "id";
            case TEXT -> "text";
            case NUMBER -> "number";
            case INTEGER -> "whole number";
            case TIMESTAMP -> "date/time";
        };
    }

    private void showHint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().add("dim");
        editor.getChildren().setAll(heading("Column roles"), hint);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("title-3");
        return label;
    }

    private static ColumnConstraints fixed() {
        ColumnConstraints column = new ColumnConstraints();
        column.setMinWidth(Region.USE_PREF_SIZE);
        return column;
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-bold");
        return label;
    }
}
