package org.c360.app.ui.generate;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import org.c360.analytics.work.C360Exception;
import org.c360.app.ui.theme.Theme;
import org.c360.datasets.ecommerce.DataFormat;
import org.c360.datasets.ecommerce.GeneratorOptions;

/**
 * Settings for a synthetic e-commerce dataset (as {@code c360 generate}): scale, seed, format and folder,
 * whether to write the source systems' exports too (as {@code --sources}), and whether to import it when it
 * is written.
 */
public final class GenerateDialog {

    /** What the user asked for. */
    public record Request(GeneratorOptions options, boolean importWhenDone) {
    }

    private GenerateDialog() {
    }

    /** Asks for the settings; empty when the user cancelled. */
    public static Optional<Request> ask(Window owner, Path defaultFolder) {
        Dialog<Request> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Generate sample data");
        dialog.setHeaderText("A synthetic shop: customers, products, transactions and interactions.");
        dialog.getDialogPane().setId("generate-dialog");

        TextField scale = new TextField("0.1");
        scale.setId("generate-scale");
        Label size = new Label();
        size.getStyleClass().add("dim");
        scale.textProperty().addListener((obs, old, text) -> size.setText(describe(text)));
        size.setText(describe(scale.getText()));
        TextField seed = new TextField("42");
        seed.setId("generate-seed");
        ComboBox<DataFormat> format = new ComboBox<>();
        format.setId("generate-format");
        format.getItems().addAll(DataFormat.values());
        format.setValue(DataFormat.parquet);
        TextField folder = new TextField(defaultFolder.toString());
        folder.setId("generate-folder");
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the generated files");
            File chosen = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
            if (chosen != null) {
                folder.setText(chosen.getPath());
            }
        });
        CheckBox sources = new CheckBox("Also the same customers as the CRM, loyalty, web, order, help desk and billing "
                + "systems export them, to resolve into people (Customers › Resolve identities)");
        sources.setId("generate-sources");
        sources.setWrapText(true);
        CheckBox importWhenDone = new CheckBox("Import into the open workspace when done");
        importWhenDone.setId("generate-import");
        importWhenDone.setSelected(true);
        Label error = new Label();
        error.setId("generate-error");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        size.setWrapText(true);
        size.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        grid.addRow(0, new Label("Scale"), new VBox(2, scale, size));
        grid.addRow(1, new Label("Seed"), seed);
        grid.addRow(2, new Label("Format"), format);
        grid.addRow(3, new Label("Folder"), new HBox(8, folder, browse));
        dialog.getDialogPane().setContent(new VBox(12, grid, sources, importWhenDone, error));
        dialog.getDialogPane().setPrefWidth(560);

        ButtonType generate = new ButtonType("Generate", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(generate, ButtonType.CANCEL);
        Request[] built = new Request[1];
        dialog.getDialogPane().lookupButton(generate).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            try {
                double s = parseScale(scale.getText());
                long n;
                try {
                    n = Long.parseLong(seed.getText().strip());
                } catch (NumberFormatException e) {
                    throw new C360Exception("The seed must be a whole number, not '" + seed.getText().strip() + "'.");
                }
                if (folder.getText().isBlank()) {
                    throw new C360Exception("Choose a folder for the generated files.");
                }
                built[0] = new Request(new GeneratorOptions(s, n, format.getValue(), Path.of(folder.getText().strip()),
                        sources.isSelected()), importWhenDone.isSelected());
            } catch (C360Exception | java.nio.file.InvalidPathException e) {
                error.setText(e.getMessage());
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == generate ? built[0] : null);
        Theme.style(dialog.getDialogPane());
        return dialog.showAndWait();
    }

    private static double parseScale(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new C360Exception("The scale must be a number such as 0.1, not '" + text.strip() + "'.");
        }
    }

    /** "0.1" -> "100,000 customers, about 730,000 transactions and 2.7 million interactions". */
    static String describe(String scaleText) {
        try {
            double scale = Double.parseDouble(scaleText.strip());
            if (scale <= 0) {
                return "";
            }
            long customers = Math.round(scale * GeneratorOptions.CUSTOMERS_AT_SCALE_1);
            return String.format("%,d customers, about %,d transactions and %,d interactions", customers,
                    Math.round(customers * 7.3), Math.round(customers * 27.0));
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
