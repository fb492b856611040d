package org.c360.app.ui.profiles;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.c360.analytics.profile.TimelineEvent;
import org.c360.app.text.Values;

/**
 * A person's events from every source: a small chart of events per month (per quarter or year over longer
 * spans) by kind (web and app, orders, support, subscriptions), and a table sorted by time, newest first
 * (click a header to sort otherwise; hover a row for all of it).
 */
public final class TimelineView extends VBox {
    /** Events shown at most (the newest). */
    public static final int LIMIT = 1_000;
    private static final List<String> KINDS = List.of("web & app", "orders", "support", "subscriptions");

    private final TableView<TimelineEvent> table = new TableView<>();
    private final StackedBarChart<String, Number> chart;
    private final Label caption = new Label();

    public TimelineView() {
        super(4);
        getStyleClass().add("timeline");
        table.setId("profile-timeline");
        TableColumn<TimelineEvent, LocalDateTime> time = new TableColumn<>("Time (UTC)");
        time.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().time()));
        time.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(LocalDateTime value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : Values.time(value));
            }
        });
        time.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        time.setSortType(TableColumn.SortType.DESCENDING);
        time.setPrefWidth(140);
        time.setMinWidth(138);
        table.getColumns().add(time);
        table.getColumns().add(text("Event", TimelineEvent::type, 95));
        TableColumn<TimelineEvent, Double> amount = new TableColumn<>("Amount");
        amount.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().amount()));
        amount.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : Values.number(value));
            }
        });
        amount.setStyle("-fx-alignment: CENTER-RIGHT;");
        amount.setPrefWidth(70);
        table.getColumns().add(amount);
        table.getColumns().add(text("Source", e -> Values.source(e.source()), 90));
        table.getColumns().add(text("Record", TimelineEvent::recordId, 75));
        table.getColumns().add(text("Detail", e -> e.channel() == null ? e.detail()
                : e.detail() == null ? e.channel() : e.channel() + " · " + e.detail(), 70));
        table.getSortOrder().add(time);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().add(Styles.DENSE);
        table.setPlaceholder(new Label("No events."));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TimelineEvent e, boolean empty) {
                super.updateItem(e, empty);
                setTooltip(empty || e == null ? null : new Tooltip(Values.time(e.time()) + "  " + e.type()
                        + (e.amount() == null ? "" : "  " + Values.number(e.amount())) + "\n" + Values.source(e.source()) + " "
                        + e.recordId() + (e.channel() == null ? "" : " · " + e.channel()) + (e.detail() == null ? "" : "\n" + e.detail())));
            }
        });

        CategoryAxis periods = new CategoryAxis();
        // A category axis whose labels collide turns them upright and makes room for that, even where it
        // then draws every other label flat; a rotation that is not exactly 0 keeps it from doing either.
        periods.setTickLabelRotation(-0.01);
        NumberAxis counts = new NumberAxis();
        counts.setMinorTickVisible(false);
        counts.setTickLabelFormatter(new NumberAxis.DefaultFormatter(counts) {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : "";
            }
        });
        chart = new StackedBarChart<>(periods, counts);
        chart.setId("profile-timeline-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(2);
        chart.setMinHeight(125);
        chart.setPrefHeight(125);
        chart.setMaxHeight(125);
        table.setMinHeight(110);
        chart.setVerticalGridLinesVisible(false);
        caption.getStyleClass().add("dim");
        caption.setId("profile-timeline-caption");
        VBox.setVgrow(table, Priority.ALWAYS);
        // the chart's own legend takes a column or a row; this one sits beside the caption
        HBox legend = new HBox(8);
        legend.setAlignment(Pos.CENTER_LEFT);
        for (int i = 0; i < KINDS.size(); i++) {
            Rectangle swatch = new Rectangle(10, 10);
            swatch.getStyleClass().add("timeline-swatch-" + i);
            Label name = new Label(KINDS.get(i), swatch);
            name.getStyleClass().add("dim");
            name.setMinWidth(Region.USE_PREF_SIZE);
            legend.getChildren().add(name);
        }
        javafx.scene.layout.FlowPane header = new javafx.scene.layout.FlowPane(16, 2, caption, legend);
        header.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(header, chart, table);
        show(List.of());
    }

    private static TableColumn<TimelineEvent, String> text(String title, Function<TimelineEvent, String> value, double width) {
        TableColumn<TimelineEvent, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    public void show(List<TimelineEvent> events) {
        table.getItems().setAll(events);
        table.sort();
        chart.getData().clear();
        List<YearMonth> months = events.stream().filter(e -> e.time() != null).map(e -> YearMonth.from(e.time())).sorted().toList();
        chart.setVisible(!months.isEmpty());
        chart.setManaged(!months.isEmpty());
        if (months.isEmpty()) {
            caption.setText(events.isEmpty() ? "No events yet for this person." : Values.count(events.size()) + " events without a time.");
            return;
        }
        long span = months.getFirst().until(months.getLast(), java.time.temporal.ChronoUnit.MONTHS) + 1;
        Function<YearMonth, String> period = span <= 18 ? YearMonth::toString
                : span <= 72 ? m -> m.getYear() + " Q" + ((m.getMonthValue() - 1) / 3 + 1)
                : m -> Integer.toString(m.getYear());
        String per = span <= 18 ? "month" : span <= 72 ? "quarter" : "year";
        caption.setText((events.size() >= LIMIT ? "The newest " + Values.count(events.size()) + " events"
                : Values.count(events.size()) + (events.size() == 1 ? " event" : " events")) + ", " + months.getFirst()
                + " to " + months.getLast() + ", per " + per + ":");
        // every period from the first to the last, so quiet ones show as gaps
        List<String> categories = new ArrayList<>();
        for (YearMonth m = months.getFirst(); !m.isAfter(months.getLast()); m = m.plusMonths(1)) {
            String p = period.apply(m);
            if (categories.isEmpty() || !categories.getLast().equals(p)) {
                categories.add(p);
            }
        }
        Map<String, Map<String, Integer>> byKind = new LinkedHashMap<>();
        KINDS.forEach(kind -> byKind.put(kind, new TreeMap<>()));
        for (TimelineEvent event : events) {
            if (event.time() != null) {
                byKind.get(kind(event.type())).merge(period.apply(YearMonth.from(event.time())), 1, Integer::sum);
            }
        }
        ((CategoryAxis) chart.getXAxis()).setCategories(FXCollections.observableArrayList(categories));
        byKind.forEach((kind, counts) -> {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(kind);
            for (String p : categories) {
                series.getData().add(new XYChart.Data<>(p, counts.getOrDefault(p, 0)));
            }
            // every kind is a series, even an empty one, so each keeps its colour from person to person
            chart.getData().add(series);
        });
    }

    static String kind(String type) {
        if (type == null) {
            return "web & app";
        }
        return switch (type) {
            case "purchase", "refund", "order_cancelled" -> "orders";
            case "support_ticket" -> "support";
            case "subscription_started", "subscription_cancelled" -> "subscriptions";
            default -> "web & app";
        };
    }

    public TableView<TimelineEvent> table() {
        return table;
    }
}
