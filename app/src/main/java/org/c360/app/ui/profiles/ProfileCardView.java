package org.c360.app.ui.profiles;

import java.util.List;
import java.util.Optional;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import org.c360.analytics.profile.FieldOrigin;
import org.c360.analytics.profile.ProfileCard;
import org.c360.analytics.profile.ProfileFields;
import org.c360.app.text.Origins;
import org.c360.app.text.Values;

/**
 * A person's profile card: every column of {@code customer360_profiles} under its group, with the value,
 * the source record it came from and the survivorship rule that chose it, or how it is derived. A row's
 * tooltip, and the line under the table for the selected row, name the values that lost.
 */
public final class ProfileCardView extends VBox {

    /** One line: a group heading ({@code field} null) or a field. */
    public record Row(String group, ProfileFields.Field field, String value, Optional<FieldOrigin> origin) {
        String name() {
            return field == null ? group : field.column();
        }

        /** Where the value came from and by which rule, or how it is derived. */
        public String from() {
            if (field == null) {
                return "";
            }
            return origin.map(o -> {
                List<String> lost = Origins.lost(o);
                return Origins.record(o.source(), o.recordId()) + " · " + o.rule()
                        + (lost.isEmpty() ? "" : " · " + lost.size() + " lost");
            }).orElse(field.survives() ? "no record has a value" : "derived: " + field.derivation());
        }

        /** The explanation on one line, for the line under the table. */
        public String summary() {
            if (field == null) {
                return group;
            }
            return field.column() + " = " + (value.isEmpty() ? "(empty)" : value) + " · "
                    + origin.map(Origins::summary).orElse(field.survives() ? "none of the person's records has a value"
                    : "derived: " + field.derivation());
        }

        /** The full explanation, for the tooltip. */
        public String explanation() {
            if (field == null) {
                return group;
            }
            return field.column() + " = " + (value.isEmpty() ? "(empty)" : value) + "\n"
                    + origin.map(Origins::explain).orElse(field.survives() ? "None of the person's records has a value."
                    : "Derived: " + field.derivation() + ".");
        }
    }

    private final TreeTableView<Row> table = new TreeTableView<>();
    private final Label detail = new Label();

    public ProfileCardView() {
        getStyleClass().add("profile-card");
        table.setId("profile-card");
        table.setShowRoot(false);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Field", Row::name, 150));
        TreeTableColumn<Row, Row> value = new TreeTableColumn<>("Value · from record · rule");
        value.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue().getValue()));
        value.setCellFactory(c -> new ValueCell());
        value.setSortable(false);
        value.setPrefWidth(260);
        table.getColumns().add(value);
        table.getStyleClass().add(Styles.DENSE);
        table.setRowFactory(t -> new TreeTableRow<>() {
            private final Tooltip tooltip = new Tooltip();

            {
                tooltip.setShowDelay(Duration.millis(300));
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(480);
            }

            @Override
            protected void updateItem(Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("group-row");
                if (empty || row == null) {
                    setTooltip(null);
                    return;
                }
                if (row.field() == null) {
                    getStyleClass().add("group-row");
                    setTooltip(null);
                } else {
                    tooltip.setText(row.explanation());
                    setTooltip(tooltip);
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, item) ->
                detail.setText(item == null || item.getValue().field() == null
                        ? "Select a field to see where its value came from." : item.getValue().summary()));
        detail.setId("profile-field-detail");
        detail.setWrapText(true);
        detail.getStyleClass().add("field-detail");
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(table, detail);
        show(null);
    }

    /** The value on the first line, where it came from (dim, smaller) on the second. */
    private static final class ValueCell extends javafx.scene.control.TreeTableCell<Row, Row> {
        private final Label value = new Label();
        private final Label from = new Label();
        private final VBox box = new VBox(0, value, from);

        ValueCell() {
            from.getStyleClass().addAll("dim", "field-origin");
            value.setMinWidth(0);
            from.setMinWidth(0);
        }

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null || row.field() == null) {
                setGraphic(null);
                return;
            }
            value.setText(row.value().isEmpty() ? "—" : row.value());
            value.getStyleClass().remove("dim");
            if (row.value().isEmpty()) {
                value.getStyleClass().add("dim");
            }
            from.setText(row.from());
            setGraphic(box);
        }
    }

    private static TreeTableColumn<Row, String> column(String title, java.util.function.Function<Row, String> value, double width) {
        TreeTableColumn<Row, String> column = new TreeTableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getValue() == null ? ""
                : value.apply(cell.getValue().getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    public void show(ProfileCard card) {
        TreeItem<Row> root = new TreeItem<>();
        if (card != null) {
            for (String group : ProfileFields.GROUPS) {
                TreeItem<Row> heading = new TreeItem<>(new Row(group, null, "", Optional.empty()));
                heading.setExpanded(true);
                for (ProfileFields.Field field : ProfileFields.all()) {
                    if (field.group().equals(group) && card.fields().containsKey(field.column())) {
                        heading.getChildren().add(new TreeItem<>(new Row(group, field, Values.text(card.fields().get(field.column())),
                                ProfileFields.originOf(card, field))));
                    }
                }
                if (!heading.getChildren().isEmpty()) {
                    root.getChildren().add(heading);
                }
            }
            // columns a newer engine added that this card does not know yet: shown, not hidden
            TreeItem<Row> other = new TreeItem<>(new Row("Other", null, "", Optional.empty()));
            card.fields().forEach((column, value) -> {
                if (ProfileFields.of(column).isEmpty()) {
                    other.getChildren().add(new TreeItem<>(new Row("Other", new ProfileFields.Field(column, "Other", null,
                            "a profile column"), Values.text(value), Optional.empty())));
                }
            });
            if (!other.getChildren().isEmpty()) {
                other.setExpanded(true);
                root.getChildren().add(other);
            }
        }
        table.setRoot(root);
        table.setPlaceholder(new Label(card == null ? "Choose a person." : "No fields."));
        detail.setText(card == null ? "" : "Select a field to see where its value came from; hover one for the values that lost.");
    }

    /** The row of {@code column}, if the card shows it (for tests and the screenshot). */
    public Optional<Row> row(String column) {
        if (table.getRoot() == null) {
            return Optional.empty();
        }
        return table.getRoot().getChildren().stream().flatMap(g -> g.getChildren().stream()).map(TreeItem::getValue)
                .filter(r -> r.field() != null && r.field().column().equals(column)).findFirst();
    }

    /** Selects the row of {@code column}, which shows its explanation below the table. */
    public void select(String column) {
        if (table.getRoot() == null) {
            return;
        }
        table.getRoot().getChildren().stream().flatMap(g -> g.getChildren().stream())
                .filter(i -> i.getValue().field() != null && i.getValue().field().column().equals(column)).findFirst()
                .ifPresent(i -> {
                    table.getSelectionModel().select(i);
                    table.scrollTo(Math.max(0, table.getRow(i) - 3));
                });
    }

    public TreeTableView<Row> table() {
        return table;
    }
}
