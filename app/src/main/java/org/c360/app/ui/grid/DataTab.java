package org.c360.app.ui.grid;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.c360.analytics.browse.BrowseSpec;
import org.c360.analytics.browse.Filter;
import org.c360.analytics.browse.Page;
import org.c360.analytics.browse.SortKey;
import org.c360.app.ui.profile.ProfilePane;
import org.c360.app.ui.task.Tasks;

/**
 * The data grid: one page of a table at a time, sorted by clicking headers (an ORDER BY in DuckDB, not a
 * sort of the page in memory), narrowed by filters and a text search, with the column profile beside it.
 */
public final class DataTab extends Tab {
    private final DataGridModel model;
    private final ResultGrid grid = new ResultGrid(true, "Double-click a table in the catalog to browse it.");
    private final ProfilePane profile;

    private final Label title = new Label("No table open");
    private final ComboBox<String> filterColumn = new ComboBox<>();
    private final ComboBox<Filter.Operator> filterOperator = new ComboBox<>(
            FXCollections.observableArrayList(Filter.Operator.values()));
    private final TextField filterValue = new TextField();
    private final TextField filterValue2 = new TextField();
    private final Label and = new Label("and");
    private final Button addFilter = new Button("Add filter");
    private final TextField search = new TextField();
    private final FlowPane chips = new FlowPane(6, 6);
    private final Label error = new Label();

    private final Button first = new Button("«");
    private final Button previous = new Button("‹");
    private final TextField pageNumber = new TextField("1");
    private final Label pageCount = new Label("of 1");
    private final Button next = new Button("›");
    private final Button last = new Button("»");
    private final Label rowCount = new Label();
    private final Label timing = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();

    /** True while the view itself sets sort arrows, so that does not read as the user sorting. */
    private boolean syncingSort;

    public DataTab(Tasks tasks) {
        super("Data");
        setId("tab-data");
        setClosable(false);
        this.model = new DataGridModel(tasks);
        this.profile = new ProfilePane(tasks);

        title.getStyleClass().add("title-4");
        title.setId("data-title");
        Region titleSpacer = new Region();
        HBox.setHgrow(titleSpacer, Priority.ALWAYS);
        HBox titleRow = new HBox(8, title, titleSpacer, search);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, titleRow, filterBar(), chips, error);
        top.setPadding(new Insets(10, 12, 6, 12));
        chips.setId("filter-chips");
        error.setId("data-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.textProperty().bind(model.errorProperty());
        chips.managedProperty().bind(Bindings.isNotEmpty(chips.getChildren()));

        TableView<Object[]> table = grid.view();
        table.setId("data-grid");
        table.getSelectionModel().setCellSelectionEnabled(true);
        // Sorting happens in DuckDB: the header click only says what to sort by; the page stays as loaded.
        table.setSortPolicy(t -> true);
        table.getSortOrder().addListener((ListChangeListener<TableColumn<Object[], ?>>) c -> sortChanged());
        table.getColumns().addListener((ListChangeListener<TableColumn<Object[], ?>>) c -> {
            while (c.next()) {
                for (TableColumn<Object[], ?> column : c.getAddedSubList()) {
                    column.sortTypeProperty().addListener((obs, o, n) -> sortChanged());
                }
            }
        });
        table.getSelectionModel().getSelectedCells().addListener((ListChangeListener<TablePosition>) c -> {
            var cells = table.getSelectionModel().getSelectedCells();
            if (!cells.isEmpty() && cells.getFirst().getTableColumn() != null) {
                profile.profile(ResultGrid.columnName(cells.getFirst().getTableColumn()));
            }
        });

        VBox center = new VBox(top, table, pageBar());
        VBox.setVgrow(table, Priority.ALWAYS);
        profile.setMinWidth(260);
        profile.setPrefWidth(300);
        SplitPane split = new SplitPane(center, profile);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(profile, false);
        setContent(split);

        model.pageProperty().addListener((obs, old, page) -> showPage(page));
        model.specProperty().addListener((obs, old, spec) -> showSpec(spec));
        model.matchingRowsProperty().addListener((obs, old, n) -> showCounts());
        model.tableRowsProperty().addListener((obs, old, n) -> showCounts());
        model.failuresProperty().addListener((obs, old, n) -> syncSortArrows(model.specProperty().get()));
        busy.visibleProperty().bind(model.loadingProperty());
        showSpec(null);
    }

    public DataGridModel model() {
        return model;
    }

    public ProfilePane profile() {
        return profile;
    }

    private HBox filterBar() {
        filterColumn.setId("filter-column");
        filterColumn.setPromptText("Column");
        filterColumn.setPrefWidth(160);
        filterOperator.setId("filter-operator");
        filterOperator.setValue(Filter.Operator.EQUALS);
        filterOperator.setPrefWidth(115);
        filterValue.setId("filter-value");
        filterValue.setPromptText("value");
        filterValue.setPrefColumnCount(10);
        filterValue2.setId("filter-value2");
        filterValue2.setPromptText("value");
        filterValue2.setPrefColumnCount(8);
        addFilter.setId("filter-add");
        addFilter.setDefaultButton(false);
        addFilter.setOnAction(e -> addFilter());
        filterValue.setOnAction(e -> addFilter());
        filterValue2.setOnAction(e -> addFilter());
        filterOperator.valueProperty().addListener((obs, o, op) -> showOperatorValues(op));
        showOperatorValues(filterOperator.getValue());
        search.setId("data-search");
        search.setPromptText("Search text columns");
        search.setPrefColumnCount(16);
        search.setOnAction(e -> model.search(search.getText()));
        addFilter.setMinWidth(Region.USE_PREF_SIZE);
        and.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, filterColumn, filterOperator, filterValue, and, filterValue2, addFilter);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void showOperatorValues(Filter.Operator operator) {
        int arity = operator == null ? 1 : operator.arity();
        filterValue.setDisable(arity == 0);
        for (var node : List.of(and, filterValue2)) {
            node.setVisible(arity == 2);
            node.setManaged(arity == 2);
        }
    }

    private void addFilter() {
        String column = filterColumn.getValue();
        Filter.Operator operator = filterOperator.getValue();
        if (column == null || operator == null) {
            filterColumn.requestFocus();
            return;
        }
        List<String> values = switch (operator.arity()) {
            case 0 -> List.of();
            case 2 -> List.of(filterValue.getText(), filterValue2.getText());
            default -> List.of(filterValue.getText());
        };
        model.addFilter(new Filter(column, operator, values));
    }

    private HBox pageBar() {
        first.setId("page-first");
        previous.setId("page-previous");
        next.setId("page-next");
        last.setId("page-last");
        first.setTooltip(new Tooltip("First page"));
        previous.setTooltip(new Tooltip("Previous page"));
        next.setTooltip(new Tooltip("Next page"));
        last.setTooltip(new Tooltip("Last page"));
        first.setOnAction(e -> model.first());
        previous.setOnAction(e -> model.previous());
        next.setOnAction(e -> model.next());
        last.setOnAction(e -> model.last());
        pageNumber.setId("page-number");
        pageNumber.setPrefColumnCount(4);
        pageNumber.setOnAction(e -> {
            try {
                model.goTo(Long.parseLong(pageNumber.getText().replace(",", "").strip()) - 1);
            } catch (NumberFormatException ex) {
                pageNumber.setText(CellFormat.count(model.currentPage() + 1));
            }
        });
        pageCount.setId("page-count");
        rowCount.setId("row-count");
        timing.setId("page-timing");
        timing.getStyleClass().add("dim");
        busy.setPrefSize(18, 18);
        busy.setMaxSize(18, 18);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label pageLabel = new Label("Page");
        for (Label label : List.of(pageLabel, pageCount, rowCount, timing)) {
            label.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(6, first, previous, pageLabel, pageNumber, pageCount, next, last, busy, spacer,
                timing, rowCount);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        bar.getStyleClass().add("page-bar");
        return bar;
    }

    private void showSpec(BrowseSpec spec) {
        if (spec == null) {
            title.setText("No table open");
            grid.clear("Double-click a table in the catalog to browse it.");
            filterColumn.getItems().clear();
            chips.getChildren().clear();
            search.clear();
            pageNumber.setText("1");
            pageCount.setText("of 1");
            rowCount.setText("");
            timing.setText("");
            profile.show(model.workspace(), null, List.of());
            setNavigation(false);
            return;
        }
        title.setText(spec.table());
        search.setText(spec.search());
        chips.getChildren().clear();
        for (Filter filter : spec.filters()) {
            Button chip = new Button(filter.describe() + "  ✕");
            chip.getStyleClass().addAll("chip", "small");
            chip.setTooltip(new Tooltip("Remove this filter"));
            chip.setOnAction(e -> model.removeFilter(filter));
            chips.getChildren().add(chip);
        }
        if (spec.isFiltered()) {
            Button clear = new Button("Clear filters");
            clear.setId("filter-clear");
            clear.getStyleClass().addAll("flat", "small");
            clear.setOnAction(e -> model.clearFilters());
            chips.getChildren().add(clear);
        }
    }

    private void showPage(Page page) {
        if (page == null) {
            return;
        }
        BrowseSpec spec = model.specProperty().get();
        syncingSort = true;
        try {
            grid.show(page.columns(), page.types(), page.rows());
        } finally {
            syncingSort = false;
        }
        syncSortArrows(spec);
        if (!page.columns().equals(filterColumn.getItems())) {
            String chosen = filterColumn.getValue();
            filterColumn.setItems(FXCollections.observableArrayList(page.columns()));
            filterColumn.setValue(chosen != null && page.columns().contains(chosen) ? chosen : null);
        }
        pageNumber.setText(CellFormat.count(page.index() + 1));
        pageCount.setText("of " + CellFormat.count(model.pageCount()));
        timing.setText("page in " + page.elapsedMillis() + " ms");
        setNavigation(true);
        profile.show(model.workspace(), spec, page.columns());
    }

    private void showCounts() {
        long matching = model.matchingRowsProperty().get();
        long all = model.tableRowsProperty().get();
        if (matching < 0) {
            rowCount.setText("");
        } else if (all >= 0 && all != matching) {
            rowCount.setText(CellFormat.count(matching) + " of " + CellFormat.count(all) + " rows");
        } else {
            rowCount.setText(CellFormat.count(matching) + (matching == 1 ? " row" : " rows"));
        }
        pageCount.setText("of " + CellFormat.count(model.pageCount()));
    }

    private void setNavigation(boolean enabled) {
        for (var node : List.of(first, previous, next, last, pageNumber, addFilter, search)) {
            node.setDisable(!enabled);
        }
    }

    /** The user clicked a header: the grid's sort order becomes the query's ORDER BY. */
    private void sortChanged() {
        if (syncingSort) {
            return;
        }
        List<SortKey> keys = new ArrayList<>();
        for (TableColumn<Object[], ?> column : grid.view().getSortOrder()) {
            keys.add(new SortKey(ResultGrid.columnName(column), column.getSortType() == TableColumn.SortType.DESCENDING));
        }
        model.sortBy(keys);
    }

    /** Puts the header arrows where the loaded spec says (after a load, or when a sort was refused). */
    private void syncSortArrows(BrowseSpec spec) {
        if (spec == null) {
            return;
        }
        syncingSort = true;
        try {
            List<TableColumn<Object[], ?>> order = new ArrayList<>();
            for (SortKey key : spec.sort()) {
                for (TableColumn<Object[], ?> column : grid.view().getColumns()) {
                    if (key.column().equals(ResultGrid.columnName(column))) {
                        column.setSortType(key.descending() ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
                        order.add(column);
                    }
                }
            }
            if (!order.equals(grid.view().getSortOrder())) {
                grid.view().getSortOrder().setAll(order);
            }
        } finally {
            syncingSort = false;
        }
    }
}
