package org.c360.app.ui.importing;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javafx.stage.Window;

import org.c360.analytics.ingest.CsvOptions;
import org.c360.analytics.ingest.ImportResult;
import org.c360.analytics.ingest.Importer;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.dialog.ErrorDialog;
import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.task.Tasks;

/**
 * Imports data files into the open workspace as one background task (one transaction: Cancel or a bad
 * file leaves the workspace as it was), then shows what landed and what was rejected.
 */
public final class ImportRunner {
    private final Tasks tasks;
    private final Window owner;
    private final Consumer<ImportResult> onImported;
    private final BiConsumer<Long, String> onOpenRejected;

    /**
     * @param onImported     after a successful import (remember the files, reload views)
     * @param onOpenRejected opens the rejected rows of (import id, source file) in the data grid
     */
    public ImportRunner(Tasks tasks, Window owner, Consumer<ImportResult> onImported,
                        BiConsumer<Long, String> onOpenRejected) {
        this.tasks = tasks;
        this.owner = owner;
        this.onImported = onImported;
        this.onOpenRejected = onOpenRejected;
    }

    public BackgroundTask<ImportResult> start(Workspace workspace, List<Path> files) {
        return start(workspace, files, CsvOptions.DETECT);
    }

    /** Imports with CSV settings the user chose (null fields are detected). */
    public BackgroundTask<ImportResult> start(Workspace workspace, List<Path> files, CsvOptions csvOptions) {
        String title = files.size() == 1 ? "Importing " + files.getFirst().getFileName()
                : "Importing " + files.size() + " files";
        return tasks.run(title, progress -> new Importer(workspace, csvOptions).importFiles(files, progress))
                .onSuccess(result -> {
                    onImported.accept(result);
                    ImportSummaryDialog.show(owner, result, onOpenRejected);
                })
                .onError(error -> ErrorDialog.show(owner, error))
                .start();
    }
}
