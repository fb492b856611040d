package org.c360.app.ui.importing;

import java.util.function.BiConsumer;

import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import org.c360.analytics.ingest.FileResult;
import org.c360.analytics.ingest.ImportResult;
import org.c360.app.ui.grid.CellFormat;
import org.c360.app.ui.theme.Theme;

/**
 * What an import did, per file: the table it landed in, rows landed and rejected, the entity it feeds,
 * and for files with rejected rows a button that opens them in the data grid.
 */
final class ImportSummaryDialog {
    private ImportSummaryDialog() {
    }

    static Alert show(Window owner, ImportResult result, BiConsumer<Long, String> onOpenRejected) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Import finished");
        alert.setHeaderText(String.format("Import %d: %s rows landed, %s rejected, in %.1f s", result.importId(),
                CellFormat.count(result.rowsLanded()), CellFormat.count(result.rowsRejected()),
                result.elapsedMillis() / 1000.0));
        alert.getDialogPane().setId("import-summary");

        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        String[] headers = {"File", "Table", "Rows landed", "Rejected", "Feeds", ""};
        for (int i = 0; i < headers.length; i++) {
            Label header = new Label(headers[i]);
            header.getStyleClass().add("dim");
            grid.add(header, i, 0);
        }
        int row = 1;
        for (FileResult file : result.files()) {
            Label name = new Label(file.file().getFileName().toString());
            Label table = new Label(file.table());
            Label landed = number(file.rowsLanded());
            Label rejected = number(file.rowsRejected());
            Label feeds = new Label(file.entity().map(e -> e.table()).orElse("–"));
            grid.addRow(row, name, table, landed, rejected, feeds);
            if (file.rowsRejected() > 0) {
                Button open = new Button("Open rejected rows");
                open.getStyleClass().add("small");
                String source = file.file().toAbsolutePath().normalize().toString();
                open.setOnAction(e -> {
                    alert.close();
                    onOpenRejected.accept(result.importId(), source);
                });
                grid.add(open, 5, row);
            }
            row++;
        }
        alert.getDialogPane().setContent(grid);
        Theme.style(alert.getDialogPane());
        alert.show();
        return alert;
    }

    private static Label number(long value) {
        Label label = new Label(CellFormat.count(value));
        label.setMaxWidth(Double.MAX_VALUE);
        label.setAlignment(Pos.CENTER_RIGHT);
        return label;
    }
}
