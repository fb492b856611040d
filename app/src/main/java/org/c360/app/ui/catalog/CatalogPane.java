package org.c360.app.ui.catalog;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.c360.analytics.workspace.Catalog;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.grid.CellFormat;
import org.c360.app.ui.task.Tasks;

/**
 * The workspace's tables by layer (sources, entities, rejected rows, the user's own, bookkeeping folded
 * away) with their row counts. Double-click or Enter opens a table in the data grid.
 */
public final class CatalogPane extends VBox {

    /** One line of the tree: a layer heading ({@code table} null) or a table. */
    public record Entry(String label, String table, long rows) {
    }

    private final TreeView<Entry> tree = new TreeView<>();
    private final Tasks tasks;
    private final Consumer<String> onOpenTable;

    public CatalogPane(Tasks tasks, Consumer<String> onOpenTable) {
        this.tasks = tasks;
        this.onOpenTable = onOpenTable;
        getStyleClass().add("catalog-pane");
        Label title = new Label("Catalog");
        title.getStyleClass().add("pane-title");
        tree.setId("catalog-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new EntryCell(tree));
        tree.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        tree.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(title, tree);
        show(List.of());
    }

    /** Reads the catalog of {@code workspace} in the background and shows it (empty when null). */
    public void reload(Workspace workspace) {
        if (workspace == null) {
            show(List.of());
            return;
        }
        tasks.run("Reading the catalog", progress -> workspace.catalog().tables()).quiet()
                .onSuccess(this::show).start();
    }

    private void openSelected() {
        TreeItem<Entry> item = tree.getSelectionModel().getSelectedItem();
        if (item != null && item.getValue().table() != null) {
            onOpenTable.accept(item.getValue().table());
        }
    }

    private void show(List<Catalog.TableInfo> tables) {
        Map<Catalog.Layer, TreeItem<Entry>> layers = new EnumMap<>(Catalog.Layer.class);
        TreeItem<Entry> root = new TreeItem<>(new Entry("", null, 0));
        for (Catalog.TableInfo table : tables) {
            TreeItem<Entry> layer = layers.computeIfAbsent(table.layer(), l -> {
                TreeItem<Entry> heading = new TreeItem<>();
                heading.setExpanded(l != Catalog.Layer.SYSTEM);
                return heading;
            });
            layer.getChildren().add(new TreeItem<>(new Entry(table.name(), table.name(), table.rows())));
        }
        for (Map.Entry<Catalog.Layer, TreeItem<Entry>> layer : layers.entrySet()) {
            long rows = layer.getValue().getChildren().stream().mapToLong(i -> i.getValue().rows()).sum();
            layer.getValue().setValue(new Entry(layer.getKey().title(), null, rows));
            root.getChildren().add(layer.getValue());
        }
        tree.setRoot(root);
    }

    /** A table with its row count right-aligned; a layer heading in bold. */
    private static final class EntryCell extends TreeCell<Entry> {
        /** Room left of the graphic per tree level (indent plus disclosure arrow), and for a scroll bar. */
        private static final double LEVEL_WIDTH = 18;
        private static final double SCROLL_BAR = 16;

        private final TreeView<Entry> tree;
        private final Label name = new Label();
        private final Label rows = new Label();
        private final HBox line;

        EntryCell(TreeView<Entry> tree) {
            this.tree = tree;
            rows.getStyleClass().add("dim");
            rows.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinWidth(0);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            line = new HBox(6, name, spacer, rows);
            line.setAlignment(Pos.CENTER_LEFT);
            // A cell lays its graphic out at the graphic's preferred width: make that the room the tree has,
            // so counts line up on the right and long names end in "…" instead of pushing them out of view.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Entry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(entry.label());
            name.getStyleClass().remove("layer");
            if (entry.table() == null) {
                name.getStyleClass().add("layer");
            }
            rows.setText(CellFormat.count(entry.rows()));
            int level = tree.getTreeItemLevel(getTreeItem());
            line.setPrefWidth(Math.max(80, tree.getWidth() - level * LEVEL_WIDTH - SCROLL_BAR - 12));
            setText(null);
            setGraphic(line);
        }
    }
}
