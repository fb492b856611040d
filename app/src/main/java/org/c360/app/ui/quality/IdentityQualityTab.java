package org.c360.app.ui.quality;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.c360.analytics.identity.IdentityQuality;
import org.c360.analytics.identity.ReviewQueue;
import org.c360.analytics.identity.StandardizationSamples;
import org.c360.analytics.profile.Profiles;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.text.Values;
import org.c360.app.ui.identity.ResolveAction;
import org.c360.app.ui.task.Tasks;

/**
 * Identity quality: what resolution did with each source (rows rejected at import, records resolved, how
 * many met another source, values refused and why), the size of people, the guards that fired with
 * examples, the pairs waiting for the analyst (weight, probability, the evidence as a waterfall, Accept
 * and Reject), and every standardisation rule with before/after samples of this workspace's own values.
 * It reads when it is shown, not on every change.
 */
public final class IdentityQualityTab extends Tab {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int PAIRS = 500;
    private static final int SAMPLES = 12;

    /** Everything the tab shows, read in one background task. */
    record Data(IdentityQuality.Report report, IdentityQuality.Run run, List<ReviewQueue.Pair> pairs,
                List<ReviewQueue.Decided> decisions, List<StandardizationSamples.RuleSamples> rules) {
    }

    private final Tasks tasks;
    private final ResolveAction resolve;
    private final StackPane stack = new StackPane();
    private final VBox message = new VBox(12);
    private final Label messageText = new Label();
    private final TabPane sections = new TabPane();
    private final Tab overviewTab = new Tab("Sources");
    private final Tab reviewTab = new Tab("Review queue");
    private final Tab rulesTab = new Tab("Standardisation");

    private final Label runLabel = new Label();
    private final TableView<IdentityQuality.SourceQuality> sources = new TableView<>();
    private final BarChart<String, Number> sizes = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final TableView<IdentityQuality.Finding> guards = new TableView<>();
    private final VBox findings = new VBox(4);

    private final TableView<ReviewQueue.Pair> pairs = new TableView<>();
    private final Label pairLeft = new Label();
    private final Label pairRight = new Label();
    private final Label pairFigures = new Label();
    private final EvidenceChart evidence = new EvidenceChart();
    private final Button accept = new Button("Accept: same person");
    private final Button reject = new Button("Reject: different people");
    private final Label decisionNote = new Label();
    private final ListView<ReviewQueue.Decided> decisions = new ListView<>();

    private final ListView<StandardizationSamples.RuleSamples> rules = new ListView<>();
    private final Label ruleTitle = new Label();
    private final Label ruleDescription = new Label();
    private final TableView<StandardizationSamples.Sample> samples = new TableView<>();

    private Workspace workspace;
    private boolean stale = true;
    private long generation;

    public IdentityQualityTab(Tasks tasks, ResolveAction resolve) {
        super("Identity quality");
        this.tasks = tasks;
        this.resolve = resolve;
        setId("tab-quality");
        setClosable(false);

        Label title = new Label("Nothing resolved yet");
        title.getStyleClass().add("title-2");
        messageText.setWrapText(true);
        messageText.setMaxWidth(620);
        messageText.setId("quality-message");
        Button resolveButton = new Button("Resolve identities");
        resolveButton.setId("quality-resolve");
        resolveButton.getStyleClass().add("accent");
        resolveButton.setOnAction(e -> resolve.run());
        resolveButton.disableProperty().bind(resolve.runningProperty().isNotNull());
        message.getChildren().addAll(title, messageText, resolveButton);
        message.setPadding(new Insets(40, 48, 40, 48));

        sections.setId("quality-sections");
        sections.getTabs().addAll(overviewTab, reviewTab, rulesTab);
        sections.getTabs().forEach(t -> t.setClosable(false));
        sections.getStyleClass().add("floating");
        overviewTab.setId("quality-overview");
        reviewTab.setId("quality-review");
        rulesTab.setId("quality-rules");
        overviewTab.setContent(buildOverview());
        reviewTab.setContent(buildReview());
        rulesTab.setContent(buildRules());
        stack.getChildren().addAll(message, sections);
        setContent(stack);
        showMessage("No workspace open.");
        selectedProperty().addListener((obs, old, selected) -> {
            if (selected && stale) {
                load();
            }
        });
    }

    /** The workspace or its data changed: read again now if shown, else when next shown. */
    public void reload(Workspace workspace) {
        this.workspace = workspace;
        stale = true;
        if (workspace == null) {
            showMessage("No workspace open.");
            return;
        }
        if (isSelected()) {
            load();
        }
    }

    /** Shows one section: 0 sources and people, 1 review queue, 2 standardisation. */
    public void showSection(int index) {
        sections.getSelectionModel().select(index);
    }

    private void showMessage(String text) {
        messageText.setText(text);
        message.setVisible(true);
        sections.setVisible(false);
    }

    private void load() {
        Workspace ws = workspace;
        if (ws == null) {
            return;
        }
        stale = false;
        long mine = ++generation;
        tasks.run("Reading the identity quality", progress -> {
            if (!new Profiles(ws).resolved()) {
                return null;
            }
            IdentityQuality quality = new IdentityQuality(ws);
            IdentityQuality.Report report = quality.read();
            progress.throwIfCancelled();
            ReviewQueue queue = new ReviewQueue(ws);
            List<ReviewQueue.Pair> waiting = queue.pairs(false, PAIRS);
            List<ReviewQueue.Decided> decided = queue.decisions(PAIRS);
            progress.throwIfCancelled();
            return new Data(report, quality.lastRun().orElse(null), waiting, decided, new StandardizationSamples(ws).read(SAMPLES));
        }).onSuccess(data -> {
            if (mine != generation || ws != workspace) {
                return;
            }
            if (data == null) {
                showMessage("Identity quality describes a resolution: rows rejected per source, match rates, the size of "
                        + "people, the guards that fired, the pairs waiting for review and the standardisation rules with "
                        + "samples. Resolve the workspace's identities first.");
                return;
            }
            show(data);
        }).start();
    }

    // ---------------------------------------------------------------- sources and people

    private Node buildOverview() {
        runLabel.getStyleClass().add("dim");
        runLabel.setId("quality-run");
        runLabel.setWrapText(true);
        runLabel.setMinHeight(Region.USE_PREF_SIZE);
        sources.setId("quality-sources");
        TableColumn<IdentityQuality.SourceQuality, String> source = text("Source", s -> Values.source(s.source()), 140);
        source.setMinWidth(135);
        sources.getColumns().add(source);
        sources.getColumns().add(tip(count("Rejected", IdentityQuality.SourceQuality::rejectedRows),
                "rows of this source rejected at import (see Overview)"));
        sources.getColumns().add(tip(count("Records", IdentityQuality.SourceQuality::records), "identity records resolved"));
        sources.getColumns().add(tip(count("Placed", IdentityQuality.SourceQuality::placed), "records placed with a person"));
        sources.getColumns().add(tip(count("Matched", IdentityQuality.SourceQuality::matchedAcross),
                "records whose person another source knows too"));
        TableColumn<IdentityQuality.SourceQuality, String> rate = tip(text("Match rate", s -> Values.percent(s.matchRate()), 96),
                "matched records / records");
        rate.setStyle("-fx-alignment: CENTER-RIGHT;");
        rate.setMinWidth(92);
        sources.getColumns().add(rate);
        sources.getColumns().add(tip(count("Refused", IdentityQuality.SourceQuality::refusedValues),
                "identifier values standardisation refused (placeholders, impossible numbers...)"));
        sources.getColumns().add(text("Refused, for example", s -> s.refusedExamples() == null ? "" : s.refusedExamples(), 360));
        sources.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        sources.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        sources.setRowFactory(t -> tooltipRow(q -> Values.source(q.source()) + ": " + Values.count(q.records()) + " records, "
                + Values.percent(q.matchRate()) + " met another source" + (q.refusedExamples() == null ? ""
                : "\nRefused: " + q.refusedExamples().replace("; ", "\n  "))));
        sources.setPrefHeight(200);
        sources.setMinHeight(120);

        sizes.setId("quality-sizes");
        sizes.setTitle("People by number of records");
        sizes.setAnimated(false);
        sizes.setLegendVisible(false);
        sizes.getYAxis().setLabel("people");
        sizes.setPrefHeight(260);
        sizes.setMinWidth(300);
        sizes.setPrefWidth(380);

        guards.setId("quality-guards");
        guards.getColumns().add(text("Guard", IdentityQuality.Finding::what, 200));
        guards.getColumns().add(count("Fired", IdentityQuality.Finding::count));
        guards.getColumns().add(text("Examples", f -> f.examples() == null ? "" : f.examples(), 420));
        guards.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        guards.setPlaceholder(new Label("No guard fired."));
        guards.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        guards.setPrefHeight(260);
        guards.setRowFactory(t -> tooltipRow(f -> f.what() + ": " + f.count() + "\n" + (f.examples() == null ? "" : f.examples().replace("; ", "\n"))));
        VBox guardBox = new VBox(4, sectionTitle("Guards fired (values kept from linking people)"), guards);
        HBox.setHgrow(guardBox, Priority.ALWAYS);
        VBox.setVgrow(guards, Priority.ALWAYS);
        HBox middle = new HBox(16, sizes, guardBox);

        findings.setId("quality-findings");
        VBox content = new VBox(10, runLabel, sectionTitle("Sources"), sources, middle, sectionTitle("Worth knowing"), findings);
        content.setPadding(new Insets(12, 16, 16, 16));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        return scroll;
    }

    // ---------------------------------------------------------------- review queue

    private Node buildReview() {
        pairs.setId("review-pairs");
        TableColumn<ReviewQueue.Pair, String> weight = text("Weight", p -> String.format(Locale.ROOT, "%.2f", p.weight()), 64);
        weight.setStyle("-fx-alignment: CENTER-RIGHT;");
        weight.setMinWidth(60);
        TableColumn<ReviewQueue.Pair, String> probability = text("P", p -> String.format(Locale.ROOT, "%.3f", p.probability()), 52);
        probability.setStyle("-fx-alignment: CENTER-RIGHT;");
        probability.setMinWidth(54);
        pairs.getColumns().add(weight);
        pairs.getColumns().add(probability);
        pairs.getColumns().add(text("Record", p -> p.left() == null ? p.leftKey() : p.left(), 220));
        pairs.getColumns().add(text("Other record", p -> p.right() == null ? p.rightKey() : p.right(), 220));
        pairs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pairs.setPlaceholder(new Label("No pair waits for review."));
        pairs.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        pairs.getSelectionModel().selectedItemProperty().addListener((obs, old, pair) -> showPair(pair));

        pairLeft.setId("review-left");
        pairRight.setId("review-right");
        pairFigures.setId("review-figures");
        for (Label label : List.of(pairLeft, pairRight)) {
            label.setWrapText(true);
            label.getStyleClass().add("review-record");
            label.setMaxWidth(Double.MAX_VALUE);
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        pairFigures.getStyleClass().add("dim");
        pairFigures.setWrapText(true);
        pairFigures.setMinHeight(Region.USE_PREF_SIZE);
        accept.setId("review-accept");
        accept.getStyleClass().add("success");
        reject.setId("review-reject");
        reject.getStyleClass().add("danger");
        accept.setOnAction(e -> decide(ReviewQueue.Decision.ACCEPT));
        reject.setOnAction(e -> decide(ReviewQueue.Decision.REJECT));
        Button resolveNow = new Button("Resolve again to apply");
        resolveNow.setId("review-resolve");
        resolveNow.setOnAction(e -> resolve.run());
        resolveNow.disableProperty().bind(resolve.runningProperty().isNotNull());
        decisionNote.setId("review-note");
        decisionNote.setWrapText(true);
        decisionNote.getStyleClass().add("dim");
        HBox buttons = new HBox(8, accept, reject);
        buttons.setAlignment(Pos.CENTER_LEFT);
        GridPane records = new GridPane();
        records.setHgap(10);
        records.setVgap(4);
        records.addRow(0, new Label("Record"), pairLeft);
        records.addRow(1, new Label("Other record"), pairRight);
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        records.getColumnConstraints().addAll(names, values);
        evidence.setPrefHeight(230);
        evidence.setMinHeight(160);

        decisions.setId("review-decisions");
        decisions.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ReviewQueue.Decided d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : (d.decision() == ReviewQueue.Decision.ACCEPT ? "accepted  " : "rejected  ")
                        + nz(d.left(), d.leftKey()) + "  ⟷  " + nz(d.right(), d.rightKey()));
            }
        });
        decisions.setPlaceholder(new Label("No decision recorded yet."));
        decisions.setPrefHeight(110);
        HBox decisionsHeader = new HBox(10, sectionTitle("Decisions recorded"), resolveNow);
        decisionsHeader.setAlignment(Pos.CENTER_LEFT);
        VBox detail = new VBox(8, sectionTitle("The pair"), records, pairFigures, sectionTitle("Evidence"), evidence, buttons,
                decisionNote, decisionsHeader, decisions);
        detail.setPadding(new Insets(12, 16, 12, 12));
        VBox.setVgrow(evidence, Priority.ALWAYS);
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detailScroll.setFitToHeight(true);
        VBox list = new VBox(6, sectionTitle("Pairs the model was unsure about, strongest first"), pairs);
        list.setPadding(new Insets(12, 8, 12, 16));
        VBox.setVgrow(pairs, Priority.ALWAYS);
        SplitPane split = new SplitPane(list, detailScroll);
        split.setDividerPositions(0.5);
        showPair(null);
        return split;
    }

    private void showPair(ReviewQueue.Pair pair) {
        accept.setDisable(pair == null);
        reject.setDisable(pair == null);
        if (pair == null) {
            pairLeft.setText("");
            pairRight.setText("");
            pairFigures.setText(pairs.getItems().isEmpty() ? "No pair waits for review." : "Choose a pair on the left.");
            evidence.show(Evidence.parse(null));
            return;
        }
        pairLeft.setText(nz(pair.left(), "") + "\n" + pair.leftKey());
        pairRight.setText(nz(pair.right(), "") + "\n" + pair.rightKey());
        pairFigures.setText(String.format(Locale.ROOT, "Match weight %.2f, probability %.3f: between the model's review and "
                + "auto-merge thresholds, so it waits for you.", pair.weight(), pair.probability()));
        evidence.show(Evidence.parse(pair.evidence()));
    }

    private void decide(ReviewQueue.Decision decision) {
        ReviewQueue.Pair pair = pairs.getSelectionModel().getSelectedItem();
        Workspace ws = workspace;
        if (pair == null || ws == null) {
            return;
        }
        accept.setDisable(true);
        reject.setDisable(true);
        int index = pairs.getSelectionModel().getSelectedIndex();
        tasks.run(decision == ReviewQueue.Decision.ACCEPT ? "Accepting a pair" : "Rejecting a pair", progress -> {
            ReviewQueue queue = new ReviewQueue(ws);
            queue.decide(pair.leftKey(), pair.rightKey(), decision);
            return queue.decisions(PAIRS);
        }).onSuccess(decided -> {
            pairs.getItems().remove(pair);
            decisions.getItems().setAll(decided);
            reviewTab.setText("Review queue (" + Values.count(pairs.getItems().size()) + ")");
            decisionNote.setText((decision == ReviewQueue.Decision.ACCEPT ? "Accepted: " : "Rejected: ")
                    + nz(pair.left(), pair.leftKey()) + " and " + nz(pair.right(), pair.rightKey())
                    + (decision == ReviewQueue.Decision.ACCEPT ? " are one person" : " are different people")
                    + ". Decisions apply when identities are resolved next.");
            if (!pairs.getItems().isEmpty()) {
                pairs.getSelectionModel().select(Math.min(index, pairs.getItems().size() - 1));
            } else {
                showPair(null);
            }
        }).andFinally(() -> {
            ReviewQueue.Pair selected = pairs.getSelectionModel().getSelectedItem();
            accept.setDisable(selected == null);
            reject.setDisable(selected == null);
        }).start();
    }

    // ---------------------------------------------------------------- standardisation

    private Node buildRules() {
        rules.setId("quality-rule-list");
        rules.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(StandardizationSamples.RuleSamples rule, boolean empty) {
                super.updateItem(rule, empty);
                setText(empty || rule == null ? null : rule.name() + "\n" + Values.count(rule.values()) + " values · "
                        + Values.count(rule.changed()) + " changed · " + Values.count(rule.refused()) + " refused");
            }
        });
        rules.getSelectionModel().selectedItemProperty().addListener((obs, old, rule) -> showRule(rule));
        ruleTitle.getStyleClass().add("title-4");
        ruleTitle.setId("quality-rule-title");
        ruleDescription.setWrapText(true);
        ruleDescription.setId("quality-rule-description");
        ruleDescription.setMinHeight(Region.USE_PREF_SIZE);
        samples.setId("quality-samples");
        samples.getColumns().add(text("Before", s -> nz(s.before(), ""), 260));
        samples.getColumns().add(text("After", s -> s.after() == null ? "" : s.after(), 220));
        samples.getColumns().add(text("Refused because", s -> s.problem() == null ? "" : s.problem(), 240));
        samples.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        samples.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        samples.setPlaceholder(new Label("This rule changed and refused nothing here."));
        VBox detail = new VBox(8, ruleTitle, ruleDescription, sectionTitle("Before and after, from this workspace"), samples);
        detail.setPadding(new Insets(12, 16, 12, 12));
        VBox.setVgrow(samples, Priority.ALWAYS);
        VBox list = new VBox(6, sectionTitle("Rules"), rules);
        list.setPadding(new Insets(12, 8, 12, 16));
        VBox.setVgrow(rules, Priority.ALWAYS);
        SplitPane split = new SplitPane(list, detail);
        split.setDividerPositions(0.26);
        return split;
    }

    private void showRule(StandardizationSamples.RuleSamples rule) {
        if (rule == null) {
            ruleTitle.setText("");
            ruleDescription.setText("");
            samples.getItems().clear();
            return;
        }
        ruleTitle.setText(rule.name() + " (" + rule.role().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        ruleDescription.setText(rule.description() + "\n" + Values.count(rule.values()) + " distinct values, "
                + Values.count(rule.changed()) + " changed, " + Values.count(rule.refused()) + " refused.");
        samples.getItems().setAll(rule.samples());
    }

    // ---------------------------------------------------------------- showing

    private void show(Data data) {
        message.setVisible(false);
        sections.setVisible(true);
        IdentityQuality.Report report = data.report();
        IdentityQuality.Run run = data.run();
        runLabel.setText(run == null ? "Run " + report.runId() : run.title() + ", finished " + WHEN.format(run.finishedAt())
                + ": " + Values.count(run.records()) + " records resolved into " + Values.count(run.persons()) + " people, "
                + Values.count(run.guardsFired()) + " guards fired, " + Values.count(run.probabilisticLinks())
                + " merged probabilistically, " + Values.count(report.reviewPairs()) + " pairs waiting for review.");
        sources.getItems().setAll(report.sources());
        sizes.getData().clear();
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (IdentityQuality.Finding size : report.personSizes()) {
            XYChart.Data<String, Number> bar = new XYChart.Data<>(size.what().replace(" records", "").replace(" record", ""), size.count());
            bar.nodeProperty().addListener((obs, old, node) -> {
                if (node != null) {
                    Tooltip.install(node, new Tooltip(size.what() + ": " + Values.count(size.count()) + " people"
                            + (size.examples() == null ? "" : "\nfor example " + size.examples())));
                }
            });
            series.getData().add(bar);
        }
        ((CategoryAxis) sizes.getXAxis()).setLabel("records per person");
        sizes.getData().add(series);
        guards.getItems().setAll(report.guards());
        findings.getChildren().clear();
        if (report.problems().isEmpty()) {
            findings.getChildren().add(dim("Nothing else stood out."));
        }
        for (IdentityQuality.Finding problem : report.problems()) {
            Label line = new Label("• " + problem.what() + ": " + Values.count(problem.count())
                    + (problem.examples() == null ? "" : " (for example " + problem.examples() + ")"));
            line.setWrapText(true);
            findings.getChildren().add(line);
        }

        ReviewQueue.Pair selected = pairs.getSelectionModel().getSelectedItem();
        pairs.getItems().setAll(data.pairs());
        reviewTab.setText("Review queue (" + Values.count(data.pairs().size()) + ")");
        decisions.getItems().setAll(data.decisions());
        decisionNote.setText(data.decisions().isEmpty() ? "Accept or reject the pair; the next resolution applies your decision."
                : "Your decisions win over the model from the next resolution on.");
        if (!data.pairs().isEmpty()) {
            int index = selected == null ? 0 : Math.max(0, data.pairs().stream().map(p -> p.leftKey() + p.rightKey()).toList()
                    .indexOf(selected.leftKey() + selected.rightKey()));
            pairs.getSelectionModel().select(index);
        } else {
            showPair(null);
        }

        String rule = rules.getSelectionModel().getSelectedItem() == null ? null : rules.getSelectionModel().getSelectedItem().role();
        rules.getItems().setAll(data.rules());
        rules.getItems().stream().filter(r -> r.role().equals(rule)).findFirst()
                .ifPresentOrElse(r -> rules.getSelectionModel().select(r), () -> rules.getSelectionModel().selectFirst());
    }

    public TableView<ReviewQueue.Pair> pairs() {
        return pairs;
    }

    public ListView<ReviewQueue.Decided> decisions() {
        return decisions;
    }

    public TableView<IdentityQuality.SourceQuality> sources() {
        return sources;
    }

    public BarChart<String, Number> sizes() {
        return sizes;
    }

    // ---------------------------------------------------------------- helpers

    private static <T> TableColumn<T, String> text(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static <T> TableColumn<T, Long> count(String title, Function<T, Long> value) {
        TableColumn<T, Long> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : Values.count(n));
            }
        });
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        column.setPrefWidth(Math.max(72, title.length() * 8.5));
        column.setMinWidth(Math.max(68, title.length() * 8.5));
        return column;
    }

    /** A header that explains itself on hover. */
    private static <T, V> TableColumn<T, V> tip(TableColumn<T, V> column, String text) {
        Label header = new Label(column.getText());
        header.setTooltip(new Tooltip(text));
        column.setGraphic(header);
        column.setText(null);
        return column;
    }

    private static <T> javafx.scene.control.TableRow<T> tooltipRow(Function<T, String> text) {
        return new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null ? null : new Tooltip(text.apply(item)));
            }
        };
    }

    private static Label sectionTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static Label dim(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("dim");
        return label;
    }

    private static String nz(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }
}
