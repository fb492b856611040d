package org.c360.app.ui.segments;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import org.c360.analytics.segment.SegmentExport;
import org.c360.analytics.segment.Segments;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.task.Tasks;

/**
 * Export a segment: format (CSV, Parquet, XLSX, or a hashed audience for an ad platform), the profile
 * columns, whether people who opted out go too (they do not by default; the dialog says how many that
 * leaves out), and the file. An existing file is replaced only after the analyst confirms. The export runs
 * in the background with progress and Cancel in the status bar; a failure leaves no partial file.
 */
final class ExportDialog {
    private static final String AUDIENCE = "Hashed audience (CSV: SHA-256 of e-mail and phone)";

    private final Window owner;
    private final Tasks tasks;
    private final Workspace workspace;
    private final SegmentExport.Selection selection;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ChoiceBox<String> format = new ChoiceBox<>();
    private final List<CheckBox> columns = new ArrayList<>();
    private final CheckBox optedOut = new CheckBox("Include people who opted out of marketing");
    private final TextField file = new TextField();

    ExportDialog(Window owner, Tasks tasks, Workspace workspace, SegmentExport.Selection selection, String what, long optedOutCount,
                 List<String> profileColumns) {
        this.owner = owner;
        this.tasks = tasks;
        this.workspace = workspace;
        this.selection = selection;
        dialog.initOwner(owner);
        dialog.setTitle("Export segment");
        dialog.setHeaderText("Export " + what);
        dialog.getDialogPane().setId("segment-export-dialog");
        format.getItems().addAll("CSV", "Parquet", "XLSX", AUDIENCE);
        format.getSelectionModel().select(0);
        format.setId("export-format");
        FlowPane columnBoxes = new FlowPane(10, 4);
        columnBoxes.setPrefWrapLength(520);
        for (String column : profileColumns) {
            CheckBox box = new CheckBox(column);
            box.setSelected(Segments.DEFAULT_COLUMNS.contains(column));
            box.setId("export-column-" + column);
            columns.add(box);
            columnBoxes.getChildren().add(box);
        }
        ScrollPane columnScroll = new ScrollPane(columnBoxes);
        columnScroll.setFitToWidth(true);
        columnScroll.setPrefViewportHeight(150);
        columnScroll.disableProperty().bind(format.valueProperty().isEqualTo(AUDIENCE));
        optedOut.setId("export-opted-out");
        Label consent = new Label(optedOutCount < 0 ? "People who opted out are left out unless you include them."
                : String.format("%,d people of this segment opted out; they are left out unless you include them.", optedOutCount));
        consent.setId("export-consent");
        consent.getStyleClass().add("dim");
        consent.setWrapText(true);
        file.setId("export-file");
        file.setPromptText("File to write");
        HBox.setHgrow(file, Priority.ALWAYS);
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> choose());
        GridPane grid = new GridPane(10, 8);
        grid.addRow(0, new Label("Format"), format);
        grid.addRow(1, new Label("Columns"), columnScroll);
        grid.addRow(2, new Label("Consent"), new VBox(4, optedOut, consent));
        grid.addRow(3, new Label("File"), new HBox(6, file, choose));
        grid.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(grid);
        ButtonType exportButton = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(exportButton, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(exportButton);
        ok.setId("export-ok");
        ok.disableProperty().bind(file.textProperty().isEmpty());
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            // the dialog closes only once the file is settled; a refusal keeps it open
            if (!confirmTarget()) {
                e.consume();
            }
        });
        format.valueProperty().addListener((obs, old, f) -> fixExtension());
    }

    void show() {
        dialog.show();
    }

    private SegmentExport.Format chosenFormat() {
        return switch (format.getSelectionModel().getSelectedIndex()) {
            case 1 -> SegmentExport.Format.PARQUET;
            case 2 -> SegmentExport.Format.XLSX;
            case 3 -> SegmentExport.Format.AUDIENCE;
            default -> SegmentExport.Format.CSV;
        };
    }

    private void fixExtension() {
        String text = file.getText();
        if (text == null || text.isBlank()) {
            return;
        }
        String extension = "." + chosenFormat().extension();
        int dot = text.lastIndexOf('.');
        int slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
        file.setText((dot > slash ? text.substring(0, dot) : text) + extension);
    }

    private void choose() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export segment to");
        String extension = chosenFormat().extension();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase() + " files", "*." + extension));
        chooser.setInitialFileName("segment." + extension);
        File chosen = chooser.showSaveDialog(owner);
        if (chosen != null) {
            file.setText(chosen.getPath());
        }
    }

    /** Asks before replacing a file; then starts the export. False keeps the dialog open. */
    private boolean confirmTarget() {
        Path target = Path.of(file.getText().strip());
        if (Files.exists(target)) {
            Alert replace = new Alert(Alert.AlertType.CONFIRMATION, target + " exists. Replace it?", ButtonType.YES, ButtonType.NO);
            replace.initOwner(dialog.getDialogPane().getScene().getWindow());
            replace.setHeaderText(null);
            replace.getDialogPane().setId("export-replace-confirm");
            replace.resultProperty().addListener((obs, old, answer) -> {
                if (answer == ButtonType.YES) {
                    dialog.close();
                    start(target, true);
                }
            });
            replace.show();
            return false;
        }
        start(target, false);
        return true;
    }

    private void start(Path target, boolean overwrite) {
        List<String> chosen = columns.stream().filter(CheckBox::isSelected).map(CheckBox::getText).toList();
        SegmentExport.Request request = new SegmentExport.Request(selection, target, chosenFormat(), chosen,
                optedOut.isSelected(), overwrite);
        tasks.run("Exporting to " + target.getFileName(), progress -> new SegmentExport(workspace).export(request, progress))
                .onSuccess(result -> {
                    Alert done = new Alert(Alert.AlertType.INFORMATION, String.format("Exported %,d people to %s.%s%s", result.rows(),
                            result.file(), request.includeOptedOut() ? "" : String.format(" %,d who opted out were left out.",
                                    result.excludedOptedOut()), result.format() == SegmentExport.Format.AUDIENCE
                                    ? String.format(" %,d without an e-mail or phone were skipped.", result.withoutContact()) : ""));
                    done.initOwner(owner);
                    done.setHeaderText("Export finished");
                    done.getDialogPane().setId("export-done");
                    done.show();
                }).start();
    }
}
