package org.c360.app.ui.identity;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.c360.analytics.identity.ResolveOptions;
import org.c360.analytics.identity.ResolveResult;
import org.c360.analytics.identity.Resolver;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.text.Values;
import org.c360.app.ui.dialog.ErrorDialog;
import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.task.Tasks;
import org.c360.app.ui.theme.Theme;

/**
 * "Resolve identities": identity resolution of the open workspace as one background task (progress and
 * Cancel in the status bar and wherever {@link #runningProperty()} is shown), then a summary of what it
 * did. One run at a time; the views that show people reload through {@code onResolved}.
 */
public final class ResolveAction {

    /** Where the summary's buttons lead. */
    public enum Next { PROFILES, QUALITY }

    private final Tasks tasks;
    private final Supplier<Window> owner;
    private final Supplier<Workspace> workspace;
    private final Runnable onResolved;
    private final Consumer<Next> onNext;
    private final ReadOnlyObjectWrapper<BackgroundTask<ResolveResult>> running = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ResolveResult> last = new ReadOnlyObjectWrapper<>();

    /**
     * @param onResolved runs on the FX thread after a successful run (reload what shows profiles)
     * @param onNext     opens the view a summary button names
     */
    public ResolveAction(Tasks tasks, Supplier<Window> owner, Supplier<Workspace> workspace, Runnable onResolved,
                         Consumer<Next> onNext) {
        this.tasks = Objects.requireNonNull(tasks);
        this.owner = owner;
        this.workspace = workspace;
        this.onResolved = onResolved;
        this.onNext = onNext;
    }

    /** The resolution running now, or null. */
    public ReadOnlyObjectProperty<BackgroundTask<ResolveResult>> runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What the latest run of this window did, or null. */
    public ReadOnlyObjectProperty<ResolveResult> lastResultProperty() {
        return last.getReadOnlyProperty();
    }

    /** Starts a full resolution of the open workspace, unless one runs already. FX thread. */
    public void run() {
        run(false);
    }

    /**
     * Starts an incremental resolution: only the tables imported since the last run. FX thread. When the
     * engine refuses (no earlier run, a mapping changed), its reason is shown and nothing changes.
     */
    public void runIncremental() {
        run(true);
    }

    private void run(boolean incremental) {
        if (running.get() != null) {
            return;
        }
        Workspace ws = workspace.get();
        if (ws == null) {
            ErrorDialog.show(owner.get(), new C360Exception("Open a workspace with imported customer data before resolving identities."));
            return;
        }
        ResolveOptions options = incremental ? ResolveOptions.DEFAULTS.incrementally() : ResolveOptions.DEFAULTS;
        BackgroundTask<ResolveResult> task = tasks.run(incremental ? "Resolving new data" : "Resolving identities",
                        progress -> new Resolver(ws).resolve(options, progress))
                .onSuccess(result -> {
                    last.set(result);
                    onResolved.run();
                    showSummary(result);
                })
                .andFinally(() -> running.set(null))
                .start();
        running.set(task);
    }

    private void showSummary(ResolveResult result) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner.get());
        alert.setTitle("Identities resolved");
        alert.setHeaderText(result.incremental()
                ? Values.count(result.records()) + " new records resolved; " + Values.count(result.persons()) + " people in all"
                : Values.count(result.records()) + " records resolved into " + Values.count(result.persons()) + " people");
        alert.getDialogPane().setId("resolve-summary");
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        int row = 0;
        row = figure(grid, row, "records", result.incremental() ? "New records" : "Records", result.records());
        row = figure(grid, row, "persons", "People", result.persons());
        row = figure(grid, row, "new", "New people", result.newPersons());
        row = figure(grid, row, "merged", "Merged into an older person", result.merged());
        row = figure(grid, row, "splits", "Split off", result.splits());
        row = figure(grid, row, "guards", "Guards fired", result.guardsFired());
        row = figure(grid, row, "pairs", "Candidate pairs compared", result.candidatePairs());
        row = figure(grid, row, "auto", "Merged probabilistically", result.autoMerged());
        figure(grid, row, "review", "Pairs waiting for review", result.reviewPairs());
        Label time = new Label(String.format(java.util.Locale.ROOT, "Run %d%s took %.1f s.", result.runId(),
                result.incremental() ? " (new data only)" : "", result.elapsedMillis() / 1000.0));
        time.getStyleClass().add("dim");
        VBox content = new VBox(10, grid, time);
        if (result.model() != null && !result.model().converged()) {
            Label note = new Label("The probabilistic model did not converge: it merged nothing, and its pairs wait for review.");
            note.setWrapText(true);
            content.getChildren().add(note);
        }
        alert.getDialogPane().setContent(content);
        ButtonType profiles = new ButtonType("Show profiles", ButtonBar.ButtonData.OK_DONE);
        ButtonType quality = new ButtonType("Identity quality", ButtonBar.ButtonData.OTHER);
        alert.getButtonTypes().setAll(quality, profiles, ButtonType.CLOSE);
        alert.resultProperty().addListener((obs, old, button) -> {
            if (button == profiles) {
                onNext.accept(Next.PROFILES);
            } else if (button == quality) {
                onNext.accept(Next.QUALITY);
            }
        });
        Theme.style(alert.getDialogPane());
        alert.show();
    }

    private static int figure(GridPane grid, int row, String id, String name, long value) {
        Label number = new Label(Values.count(value));
        number.setId("resolve-summary-" + id);
        number.setMaxWidth(Double.MAX_VALUE);
        number.setAlignment(Pos.CENTER_RIGHT);
        grid.addRow(row, new Label(name), number);
        return row + 1;
    }
}
