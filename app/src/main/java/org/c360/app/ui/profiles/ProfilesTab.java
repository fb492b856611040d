package org.c360.app.ui.profiles;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.c360.analytics.identity.IdentityQuality;
import org.c360.analytics.identity.ResolveResult;
import org.c360.analytics.profile.IdentityGraph;
import org.c360.analytics.profile.ProfileCard;
import org.c360.analytics.profile.ProfileMatch;
import org.c360.analytics.profile.Profiles;
import org.c360.analytics.profile.TimelineEvent;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.text.Values;
import org.c360.app.ui.identity.ResolveAction;
import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.task.Tasks;

/**
 * Profiles: find a person by name, e-mail, phone or any source id, and see them whole: the profile card
 * with where every field came from, the identity graph of their records and identifiers, and their
 * timeline across sources. Before identities are resolved, it says so and offers to resolve them.
 */
public final class ProfilesTab extends Tab {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int RESULTS = 100;
    /** The box the graph is laid out in; the view fits it to its canvas. */
    private static final double LAYOUT_WIDTH = 1000;
    private static final double LAYOUT_HEIGHT = 620;

    /** What the tab shows before anyone is chosen. */
    record Overview(boolean resolved, Optional<IdentityQuality.Run> run, List<ProfileMatch> people) {
    }

    /** Everything about one person, read in one background task. */
    record Person(ProfileCard card, IdentityGraph graph, Map<IdentityGraph.Node, double[]> layout, List<TimelineEvent> events) {
    }

    private final Tasks tasks;
    private final ResolveAction resolve;
    private final StackPane stack = new StackPane();
    private final VBox unresolved = new VBox(12);
    private final Label unresolvedText = new Label();
    private final Button resolveButton = new Button("Resolve identities");
    private final BorderPane browser = new BorderPane();
    private final TextField search = new TextField();
    private final Label summary = new Label();
    private final Label resultsCaption = new Label();
    private final ListView<ProfileMatch> results = new ListView<>();
    private final Label personTitle = new Label();
    private final Label personDetail = new Label();
    private final ProfileCardView card = new ProfileCardView();
    private final IdentityGraphView graph = new IdentityGraphView();
    private final TimelineView timeline = new TimelineView();
    private final PauseTransition typing = new PauseTransition(Duration.millis(300));

    private Workspace workspace;
    /** Counts loads, so an answer that arrives after a newer question is dropped. */
    private long searchGeneration;
    private long personGeneration;
    private String shownPerson;
    private String pendingPerson;
    private Person person;

    public ProfilesTab(Tasks tasks, ResolveAction resolve) {
        super("Profiles");
        this.tasks = tasks;
        this.resolve = resolve;
        setId("tab-profiles");
        setClosable(false);
        buildUnresolved();
        buildBrowser();
        stack.getChildren().addAll(unresolved, browser);
        setContent(stack);
        showMessage("No workspace open.", false);
    }

    private void buildUnresolved() {
        Label title = new Label("No profiles yet");
        title.getStyleClass().add("title-2");
        title.setId("profiles-empty-title");
        unresolvedText.setWrapText(true);
        unresolvedText.setMaxWidth(620);
        unresolvedText.setId("profiles-empty-text");
        resolveButton.setId("profiles-resolve");
        resolveButton.getStyleClass().add("accent");
        resolveButton.setOnAction(e -> resolve.run());
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(320);
        Label message = new Label();
        message.getStyleClass().add("dim");
        Button cancel = new Button("Cancel");
        cancel.setId("profiles-resolve-cancel");
        HBox running = new HBox(10, progress, cancel);
        running.setAlignment(Pos.CENTER_LEFT);
        VBox runningBox = new VBox(6, running, message);
        resolve.runningProperty().addListener((obs, old, task) -> bindRunning(task, progress, message, cancel, runningBox));
        bindRunning(resolve.runningProperty().get(), progress, message, cancel, runningBox);
        unresolved.getChildren().addAll(title, unresolvedText, resolveButton, runningBox);
        unresolved.setPadding(new Insets(40, 48, 40, 48));
        unresolved.setAlignment(Pos.TOP_LEFT);
        unresolved.getStyleClass().add("profiles-empty");
    }

    private void bindRunning(BackgroundTask<ResolveResult> task, ProgressBar progress, Label message, Button cancel, VBox box) {
        progress.progressProperty().unbind();
        message.textProperty().unbind();
        box.setVisible(task != null);
        box.setManaged(task != null);
        resolveButton.setDisable(task != null || workspace == null);
        if (task != null) {
            progress.progressProperty().bind(task.progressProperty());
            message.textProperty().bind(task.messageProperty());
            cancel.setOnAction(e -> task.cancel());
        }
    }

    private void buildBrowser() {
        search.setId("profiles-search");
        search.setPromptText("Find a person by name, e-mail, phone or any source id");
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setOnAction(e -> {
            typing.stop();
            runSearch();
        });
        typing.setOnFinished(e -> runSearch());
        search.textProperty().addListener((obs, old, text) -> typing.playFromStart());
        Button find = new Button("Search");
        find.setId("profiles-search-button");
        find.setOnAction(e -> runSearch());
        Button again = new Button("Resolve again");
        again.setId("profiles-resolve-again");
        again.disableProperty().bind(resolve.runningProperty().isNotNull());
        again.setOnAction(e -> resolve.run());
        summary.getStyleClass().add("dim");
        summary.setId("profiles-summary");
        HBox bar = new HBox(8, search, find, again);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, bar, summary);
        top.setPadding(new Insets(10, 12, 8, 12));

        results.setId("profiles-results");
        results.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        results.setCellFactory(list -> new MatchCell());
        results.getSelectionModel().selectedItemProperty().addListener((obs, old, match) -> {
            if (match != null) {
                open(match.customer360Id());
            }
        });
        resultsCaption.getStyleClass().add("dim");
        resultsCaption.setId("profiles-results-caption");
        resultsCaption.setWrapText(true);
        results.setPrefHeight(130);
        results.setMinHeight(90);
        personTitle.getStyleClass().add("title-3");
        personTitle.setId("profile-title");
        personTitle.setWrapText(true);
        personDetail.getStyleClass().add("dim");
        personDetail.setId("profile-detail");
        personDetail.setWrapText(true);
        personDetail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox header = new VBox(2, personTitle, personDetail);
        header.setPadding(new Insets(8, 0, 4, 0));
        VBox left = new VBox(4, resultsCaption, results, header, card);
        left.setPadding(new Insets(0, 6, 8, 12));
        VBox.setVgrow(card, Priority.ALWAYS);
        left.setMinWidth(300);

        SplitPane right = new SplitPane(titled("Identity graph", graph), titled("Timeline", timeline));
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.47);
        right.setPadding(new Insets(0, 12, 8, 0));

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.42);
        browser.setTop(top);
        browser.setCenter(split);
    }

    private static VBox titled(String title, javafx.scene.Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        VBox box = new VBox(4, label, content);
        box.setPadding(new Insets(0, 0, 0, 6));
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    /** Reads whether the workspace is resolved and who is in it, in the background; keeps the person shown. */
    public void reload(Workspace workspace) {
        boolean changed = this.workspace != workspace;
        this.workspace = workspace;
        resolveButton.setDisable(workspace == null || resolve.runningProperty().get() != null);
        if (workspace == null) {
            showMessage("No workspace open.", false);
            clearPerson();
            return;
        }
        if (changed) {
            clearPerson();
            search.clear();
        }
        Workspace ws = workspace;
        tasks.run("Reading the profiles", progress -> {
            Profiles profiles = new Profiles(ws);
            if (!profiles.resolved()) {
                return new Overview(false, Optional.empty(), List.of());
            }
            return new Overview(true, new IdentityQuality(ws).lastRun(), profiles.mostLinked(RESULTS));
        }).quiet().onSuccess(overview -> {
            if (ws != this.workspace) {
                return;
            }
            show(overview);
        }).start();
    }

    private void show(Overview overview) {
        if (!overview.resolved()) {
            showMessage("Resolution links the records of every imported source (CRM, loyalty, web, orders, help desk, "
                    + "billing...) into people, each with a stable customer360 id, a profile chosen field by field, an "
                    + "identity graph and a timeline. It runs in the background and can be cancelled.", true);
            clearPerson();
            return;
        }
        unresolved.setVisible(false);
        browser.setVisible(true);
        summary.setText(overview.run().map(run -> Values.count(run.persons()) + " people from " + Values.count(run.records())
                + " records · resolved " + WHEN.format(run.finishedAt()) + " (" + run.title().replaceFirst("^Run", "run") + ") · "
                + Values.count(run.reviewPairs()) + " pairs waiting for review").orElse(""));
        if (search.getText().isBlank()) {
            searchGeneration++;
            showResults("People with the most records; search to find anyone.", overview.people());
        } else {
            runSearch();
        }
        String again = pendingPerson != null ? pendingPerson : shownPerson;
        if (again != null) {
            pendingPerson = null;
            shownPerson = null;
            open(again);
        }
    }

    private void showMessage(String text, boolean offerResolve) {
        unresolvedText.setText(text);
        resolveButton.setVisible(offerResolve);
        resolveButton.setManaged(offerResolve);
        unresolved.setVisible(true);
        browser.setVisible(false);
    }

    private void runSearch() {
        Workspace ws = workspace;
        if (ws == null || !browser.isVisible()) {
            return;
        }
        String text = search.getText().strip();
        long generation = ++searchGeneration;
        tasks.run("Searching profiles", progress -> text.isEmpty() ? new Profiles(ws).mostLinked(RESULTS)
                        : new Profiles(ws).search(text, RESULTS)).quiet()
                .onSuccess(found -> {
                    if (generation != searchGeneration) {
                        return;
                    }
                    showResults(text.isEmpty() ? "People with the most records; search to find anyone."
                            : found.isEmpty() ? "Nobody matches \"" + text + "\"."
                            : (found.size() >= RESULTS ? "The first " + RESULTS : Values.count(found.size()))
                            + (found.size() == 1 ? " person matches" : " people match") + " \"" + text + "\".", found);
                    if (found.size() == 1) {
                        results.getSelectionModel().selectFirst();
                    }
                }).start();
    }

    private void showResults(String caption, List<ProfileMatch> people) {
        resultsCaption.setText(caption);
        results.getItems().setAll(people);
        if (shownPerson != null) {
            people.stream().filter(p -> p.customer360Id().equals(shownPerson)).findFirst()
                    .ifPresent(p -> results.getSelectionModel().select(p));
        }
    }

    /** Shows the person with this customer360 id (once the tab knows the workspace is resolved). */
    public void open(String customer360Id) {
        if (customer360Id.equals(shownPerson)) {
            return;
        }
        Workspace ws = workspace;
        if (ws == null || !browser.isVisible()) {
            pendingPerson = customer360Id;
            return;
        }
        shownPerson = customer360Id;
        long generation = ++personGeneration;
        tasks.run("Reading the profile of " + customer360Id, progress -> {
            Profiles profiles = new Profiles(ws);
            ProfileCard found = profiles.card(customer360Id).orElseThrow(() -> new C360Exception("There is no person "
                    + customer360Id + " any more: resolution merged them into another. Search again."));
            progress.throwIfCancelled();
            IdentityGraph identities = profiles.graph(customer360Id);
            Map<IdentityGraph.Node, double[]> layout = identities.layout(LAYOUT_WIDTH, LAYOUT_HEIGHT);
            progress.throwIfCancelled();
            return new Person(found, identities, layout, profiles.timeline(customer360Id, TimelineView.LIMIT));
        }).quiet().onSuccess(loaded -> {
            if (generation == personGeneration) {
                showPerson(loaded);
            }
        }).onError(error -> {
            if (generation == personGeneration) {
                clearPerson();
                personDetail.setText(error.getMessage());
            }
        }).start();
    }

    /** Finds {@code text} and opens the first person found (for the screenshot mode). */
    public void openFirstMatch(String text) {
        search.setText(text);
        typing.stop();
        Workspace ws = workspace;
        if (ws == null) {
            return;
        }
        tasks.run("Searching profiles", progress -> new Profiles(ws).search(text, 1)).quiet()
                .onSuccess(found -> found.stream().findFirst().ifPresent(m -> open(m.customer360Id()))).start();
    }

    private void showPerson(Person loaded) {
        person = loaded;
        ProfileCard c = loaded.card();
        Object name = c.fields().get("full_name");
        personTitle.setText(name == null ? c.customer360Id() : name + "  ·  " + c.customer360Id());
        long sources = c.fields().get("sources") instanceof List<?> list ? list.size() : 0;
        personDetail.setText(Values.text(c.fields().get("records")) + " records from " + sources + " sources ("
                + String.join(", ", c.records().stream().map(r -> Values.source(r.source())).distinct().toList()) + ")"
                + (c.guards().isEmpty() ? "" : " · " + c.guards().size() + (c.guards().size() == 1 ? " guard" : " guards")
                + " fired on their identifiers"));
        card.show(c);
        graph.show(loaded.graph(), loaded.layout(), c.guards());
        timeline.show(loaded.events());
    }

    private void clearPerson() {
        person = null;
        shownPerson = null;
        personGeneration++;
        personTitle.setText("Choose a person");
        personDetail.setText("Their profile, identity graph and timeline show here.");
        card.show(null);
        graph.show(null, Map.of(), List.of());
        timeline.show(List.of());
    }

    /** The person shown, or null (for tests). */
    public ProfileCard shownCard() {
        return person == null ? null : person.card();
    }

    public ProfileCardView card() {
        return card;
    }

    public IdentityGraphView graph() {
        return graph;
    }

    public TimelineView timeline() {
        return timeline;
    }

    public TextField searchField() {
        return search;
    }

    public ListView<ProfileMatch> results() {
        return results;
    }

    /** A found person: name, then id, contact and what matched. */
    private static final class MatchCell extends ListCell<ProfileMatch> {
        private final Label name = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(1, name, detail);

        MatchCell() {
            name.getStyleClass().add("match-name");
            detail.getStyleClass().add("dim");
            detail.setMinWidth(0);
            name.setMinWidth(0);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ProfileMatch match, boolean empty) {
            super.updateItem(match, empty);
            if (empty || match == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(match.name() == null ? "(no name)" : match.name());
            StringBuilder sb = new StringBuilder(match.customer360Id());
            if (match.email() != null) {
                sb.append(" · ").append(match.email());
            } else if (match.phone() != null) {
                sb.append(" · ").append(match.phone());
            }
            sb.append(" · ").append(match.matchedBy());
            detail.setText(sb.toString());
            setText(null);
            setGraphic(box);
        }
    }
}
