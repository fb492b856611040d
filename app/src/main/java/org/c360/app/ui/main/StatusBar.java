package org.c360.app.ui.main;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.task.Tasks;

/**
 * The bottom line of the window: the open workspace on the left; on the right the oldest running task
 * with its message, progress (indeterminate when the amount of work is unknown) and Cancel, and how many
 * more wait behind it.
 */
final class StatusBar extends HBox {
    private final Label workspace = new Label("No workspace open");
    private final Label taskMessage = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final Label queued = new Label();
    private final Tasks tasks;

    StatusBar(Tasks tasks) {
        this.tasks = tasks;
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        setPadding(new Insets(4, 10, 4, 10));
        workspace.setId("status-workspace");
        taskMessage.setId("status-task");
        progress.setId("status-progress");
        progress.setPrefWidth(180);
        cancel.setId("status-cancel");
        cancel.getStyleClass().add("small");
        queued.getStyleClass().add("dim");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(workspace, spacer, taskMessage, progress, cancel, queued);
        tasks.shown().addListener((ListChangeListener<BackgroundTask<?>>) change -> showFirst());
        showFirst();
    }

    void setWorkspace(String text) {
        workspace.setText(text);
    }

    private void showFirst() {
        boolean busy = !tasks.shown().isEmpty();
        for (var node : new javafx.scene.Node[] {taskMessage, progress, cancel, queued}) {
            node.setVisible(busy);
            node.setManaged(busy);
        }
        taskMessage.textProperty().unbind();
        progress.progressProperty().unbind();
        if (!busy) {
            return;
        }
        BackgroundTask<?> first = tasks.shown().getFirst();
        taskMessage.textProperty().bind(Bindings.when(first.messageProperty().isEmpty())
                .then(first.titleProperty()).otherwise(first.messageProperty()));
        progress.progressProperty().bind(first.progressProperty());
        cancel.setOnAction(e -> first.cancel());
        int more = tasks.shown().size() - 1;
        queued.setText(more > 0 ? "+" + more + " more" : "");
        queued.setVisible(more > 0);
        queued.setManaged(more > 0);
    }
}
