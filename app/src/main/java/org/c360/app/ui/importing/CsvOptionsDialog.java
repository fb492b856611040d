package org.c360.app.ui.importing;

import java.util.Optional;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.c360.analytics.ingest.CsvOptions;
import org.c360.app.ui.theme.Theme;

/**
 * How to read CSV files when detection guesses wrong: delimiter, quote, header, encoding and date layouts.
 * Everything left on "Detect" is still sniffed from the file.
 */
public final class CsvOptionsDialog {
    static final String DETECT = "Detect";

    private CsvOptionsDialog() {
    }

    /** Asks for the options; empty when the user cancelled. */
    public static Optional<CsvOptions> ask(Window owner) {
        Dialog<CsvOptions> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Import CSV with options");
        dialog.setHeaderText("Read the CSV files you choose next with these settings.");
        dialog.getDialogPane().setId("csv-options");

        ComboBox<String> delimiter = editable("csv-delimiter", DETECT, ",", ";", "Tab", "|");
        ComboBox<String> quote = editable("csv-quote", DETECT, "\"", "'");
        ComboBox<String> header = choice("csv-header", DETECT, "Yes", "No");
        ComboBox<String> encoding = editable("csv-encoding", DETECT, "UTF-8", "windows-1252", "ISO-8859-1", "UTF-16");
        TextField dateFormat = field("csv-date-format", "detect, e.g. %d/%m/%Y");
        TextField timestampFormat = field("csv-timestamp-format", "detect, e.g. %d/%m/%Y %H:%M");
        Label error = new Label();
        error.setId("csv-options-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMaxWidth(420);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Delimiter"), delimiter);
        grid.addRow(1, new Label("Quote"), quote);
        grid.addRow(2, new Label("First line is a header"), header);
        grid.addRow(3, new Label("Encoding"), encoding);
        grid.addRow(4, new Label("Date layout"), dateFormat);
        grid.addRow(5, new Label("Timestamp layout"), timestampFormat);
        dialog.getDialogPane().setContent(new VBox(12, grid, error));

        ButtonType choose = new ButtonType("Choose files…", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(choose, ButtonType.CANCEL);
        CsvOptions[] built = new CsvOptions[1];
        // Invalid settings keep the dialog open with the reason, instead of failing later in the import.
        dialog.getDialogPane().lookupButton(choose).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            try {
                built[0] = new CsvOptions(delimiterOf(delimiter.getValue()), valueOf(quote.getValue()),
                        switch (header.getValue()) {
                            case "Yes" -> Boolean.TRUE;
                            case "No" -> Boolean.FALSE;
                            default -> null;
                        },
                        valueOf(encoding.getValue()), blankToNull(dateFormat.getText()),
                        blankToNull(timestampFormat.getText()));
            } catch (IllegalArgumentException e) {
                error.setText(e.getMessage());
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == choose ? built[0] : null);
        Theme.style(dialog.getDialogPane());
        return dialog.showAndWait();
    }

    static String delimiterOf(String value) {
        String v = valueOf(value);
        return "Tab".equals(v) ? "\t" : v;
    }

    private static String valueOf(String value) {
        return value == null || value.isEmpty() || DETECT.equals(value) ? null : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ComboBox<String> editable(String id, String... values) {
        ComboBox<String> box = choice(id, values);
        box.setEditable(true);
        return box;
    }

    private static ComboBox<String> choice(String id, String... values) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.getItems().addAll(values);
        box.setValue(values[0]);
        box.setPrefWidth(260);
        return box;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(260);
        return field;
    }
}
