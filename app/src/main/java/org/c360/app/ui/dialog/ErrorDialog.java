package org.c360.app.ui.dialog;

import java.io.PrintWriter;
import java.io.StringWriter;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

import org.c360.analytics.ingest.ImportException;
import org.c360.analytics.work.C360Exception;
import org.c360.app.ui.task.Failures;
import org.c360.app.ui.theme.Theme;

/**
 * An error as the user reads it: the engine's one-sentence message, and the technical details (the cause
 * chain and stack trace) folded away under "Show details". Never blocks: tests and queued work go on.
 */
public final class ErrorDialog {
    private ErrorDialog() {
    }

    public static Alert show(Window owner, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle("Customer 360 Workbench");
        alert.setHeaderText(Failures.message(error));
        alert.setContentText(where(error));
        alert.getDialogPane().setId("error-dialog");
        TextArea details = new TextArea(details(error));
        details.setEditable(false);
        details.setWrapText(false);
        details.getStyleClass().add("monospace");
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        alert.getDialogPane().setPrefWidth(640);
        Theme.style(alert.getDialogPane());
        alert.show();
        return alert;
    }

    /** For import errors: the file, row and column, each on its own line; null for other errors. */
    static String where(Throwable error) {
        if (!(error instanceof ImportException failed)) {
            return null;
        }
        StringBuilder text = new StringBuilder("File: ").append(failed.file());
        failed.row().ifPresent(row -> text.append("\nRow: ").append(row));
        failed.column().ifPresent(column -> text.append("\nColumn: ").append(column));
        return text.toString();
    }

    static String details(Throwable error) {
        StringBuilder text = new StringBuilder();
        if (error instanceof C360Exception c360 && !c360.details().isEmpty()) {
            text.append(c360.details()).append("\n\n");
        }
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return text.append(trace).toString();
    }
}
