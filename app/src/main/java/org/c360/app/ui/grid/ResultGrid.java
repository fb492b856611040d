package org.c360.app.ui.grid;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import atlantafx.base.theme.Styles;

/**
 * A {@link TableView} of rows read from DuckDB ({@code Object[]} per row): one column per result column,
 * numbers right-aligned, nulls shown as a dimmed NULL. It holds exactly the rows it is given: a page
 * in the data grid, a capped result in the SQL console.
 */
public final class ResultGrid {
    private static final int MIN_WIDTH = 70;
    private static final int MAX_WIDTH = 320;
    private static final double CHAR_WIDTH = 8.0;

    private final TableView<Object[]> table = new TableView<>();
    private final boolean sortable;
    private List<String> shownColumns = List.of();
    private List<String> shownTypes = List.of();

    public ResultGrid(boolean sortable, String placeholder) {
        this.sortable = sortable;
        table.getStyleClass().addAll("result-grid", Styles.DENSE, Styles.STRIPED);
        table.setPlaceholder(new Label(placeholder));
    }

    public TableView<Object[]> view() {
        return table;
    }

    /** The column name a grid column shows. */
    public static String columnName(TableColumn<Object[], ?> column) {
        return (String) column.getUserData();
    }

    /** Shows these rows; the columns are rebuilt only when the names or types changed. */
    public void show(List<String> columns, List<String> types, List<Object[]> rows) {
        if (!columns.equals(shownColumns) || !types.equals(shownTypes)) {
            List<TableColumn<Object[], Object>> built = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                built.add(column(i, columns.get(i), types.get(i), rows));
            }
            table.getSortOrder().clear();
            table.getColumns().setAll(built);
            shownColumns = List.copyOf(columns);
            shownTypes = List.copyOf(types);
        }
        table.setItems(FXCollections.observableArrayList(rows));
        table.scrollTo(0);
    }

    public void clear(String placeholder) {
        table.getSortOrder().clear();
        table.getColumns().clear();
        table.getItems().clear();
        shownColumns = List.of();
        shownTypes = List.of();
        table.setPlaceholder(new Label(placeholder));
    }

    private TableColumn<Object[], Object> column(int index, String name, String type, List<Object[]> rows) {
        TableColumn<Object[], Object> column = new TableColumn<>(name);
        column.setUserData(name);
        column.setSortable(sortable);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()[index]));
        boolean numeric = CellFormat.isNumeric(type);
        column.setCellFactory(c -> new ValueCell(numeric));
        int chars = name.length() + 1;
        for (int r = 0; r < Math.min(rows.size(), 50); r++) {
            chars = Math.max(chars, CellFormat.text(rows.get(r)[index]).length());
        }
        column.setPrefWidth(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, chars * CHAR_WIDTH + 28)));
        return column;
    }

    private static final class ValueCell extends TableCell<Object[], Object> {
        ValueCell(boolean numeric) {
            if (numeric) {
                setAlignment(Pos.CENTER_RIGHT);
            }
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("null-cell");
            if (empty) {
                setText(null);
            } else if (item == null) {
                setText("NULL");
                getStyleClass().add("null-cell");
            } else {
                setText(CellFormat.text(item));
            }
        }
    }
}
