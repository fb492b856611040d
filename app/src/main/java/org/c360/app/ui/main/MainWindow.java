package org.c360.app.ui.main;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.c360.analytics.browse.BrowseSpec;
import org.c360.analytics.browse.Filter;
import org.c360.analytics.ingest.CsvOptions;
import org.c360.analytics.ingest.FileResult;
import org.c360.analytics.ingest.ImportResult;
import org.c360.analytics.work.C360Exception;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.cli.Version;
import org.c360.datasets.DemoData;
import org.c360.datasets.ecommerce.EcommerceGenerator;
import org.c360.datasets.sources.SourceFile;
import org.c360.app.ui.analysis.AnalysesTab;
import org.c360.app.ui.catalog.CatalogPane;
import org.c360.app.ui.dialog.ErrorDialog;
import org.c360.app.ui.grid.DataTab;
import org.c360.app.ui.ltv.LtvTab;
import org.c360.app.ui.generate.GenerateDialog;
import org.c360.app.ui.identity.ResolveAction;
import org.c360.app.ui.profiles.ProfilesTab;
import org.c360.app.ui.quality.IdentityQualityTab;
import org.c360.app.ui.segments.SegmentsTab;
import org.c360.app.ui.importing.CsvOptionsDialog;
import org.c360.app.ui.importing.ImportRunner;
import org.c360.app.ui.mapping.MappingTab;
import org.c360.app.ui.overview.OverviewTab;
import org.c360.app.ui.sql.SqlTab;
import org.c360.app.ui.task.AppExecutor;
import org.c360.app.ui.task.Tasks;
import org.c360.app.ui.theme.Theme;

/**
 * The main window: menu bar, the catalog on the left, the Overview, Data, Mapping, Profiles, Identity quality and
 * SQL tabs, and the status bar
 * with background work. Workspaces open and data files import from the menu, by dropping files on the
 * window and from the command line; the app's home folder remembers recent ones.
 */
public final class MainWindow {
    private static final double WIDTH = 1280;
    private static final double HEIGHT = 800;
    /** A screenshot is taken once no work has run for this many checks in a row. */
    private static final int SETTLED_TICKS = 4;

    private final Stage stage;
    private final Path appHome;
    private final Runnable onClosed;
    private final Tasks tasks;
    private final RecentFiles recent;
    private final WorkspaceSession session;
    private final CatalogPane catalog;
    private final OverviewTab overview;
    private final DataTab data;
    private final SqlTab sql;
    private final MappingTab mapping;
    private final ResolveAction resolve;
    private final ProfilesTab profiles;
    private final IdentityQualityTab quality;
    private final SegmentsTab segments;
    private final LtvTab ltv;
    private final AnalysesTab analyses;
    private final TabPane tabs;
    private final StatusBar statusBar;
    private final ImportRunner imports;
    private final Scene scene;

    /**
     * @param appHome  where recent files are kept and the default workspace lives
     * @param onClosed runs after the window closed and its workspace was closed (the app exits then)
     */
    public MainWindow(Stage stage, Path appHome, Runnable onClosed) {
        this.stage = stage;
        this.appHome = appHome;
        this.onClosed = onClosed;
        this.tasks = new Tasks(AppExecutor.get(), error -> ErrorDialog.show(stage, error));
        this.recent = new RecentFiles(appHome);
        this.session = new WorkspaceSession(tasks, recent);
        this.catalog = new CatalogPane(tasks, this::openTable);
        this.overview = new OverviewTab(tasks, this::openRejectedRows);
        this.data = new DataTab(tasks);
        this.sql = new SqlTab(tasks, session::dataChanged);
        this.mapping = new MappingTab(tasks, session::dataChanged);
        this.resolve = new ResolveAction(tasks, () -> stage, session::workspace, session::dataChanged,
                this::showAfterResolve);
        this.profiles = new ProfilesTab(tasks, resolve);
        this.quality = new IdentityQualityTab(tasks, resolve);
        this.analyses = new AnalysesTab(tasks, this::openInSqlConsole);
        this.segments = new SegmentsTab(tasks, () -> stage, resolve);
        this.ltv = new LtvTab(tasks);
        this.tabs = new TabPane(overview, data, mapping, profiles, quality, analyses, segments, ltv, sql);
        tabs.setId("main-tabs");
        this.statusBar = new StatusBar(tasks);
        this.imports = new ImportRunner(tasks, stage, this::imported, this::openRejectedRows);

        catalog.setMinWidth(180);
        catalog.setPrefWidth(260);
        SplitPane body = new SplitPane(catalog, tabs);
        body.setDividerPositions(0.23);
        SplitPane.setResizableWithParent(catalog, false);
        BorderPane root = new BorderPane(body);
        root.setTop(menuBar());
        root.setBottom(statusBar);
        root.setId("main-window");

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(WIDTH, screen.getWidth()), Math.min(HEIGHT, screen.getHeight()));
        Theme.style(scene);
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean files = e.getDragboard().hasFiles();
            if (files) {
                openFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(files);
            e.consume();
        });
        stage.setScene(scene);
        stage.setTitle("Customer 360 Workbench");
        stage.setOnCloseRequest(e -> {
            e.consume();
            close();
        });

        session.workspaceProperty().addListener((obs, old, workspace) -> workspaceChanged(workspace));
        session.dataVersionProperty().addListener((obs, old, version) -> {
            catalog.reload(session.workspace());
            overview.reload(session.workspace());
            mapping.reload(session.workspace());
            profiles.reload(session.workspace());
            quality.reload(session.workspace());
            segments.reload(session.workspace());
            ltv.reload(session.workspace());
        });
    }

    public void show() {
        stage.show();
    }

    /** Opens what the command line named: a workspace (by default the one in the app's home), then files. */
    public void start(StartOptions options) {
        List<Path> workspaces = options.files().stream().filter(MainWindow::isWorkspace).toList();
        boolean demo = options.workspace() == null && workspaces.isEmpty();
        Path workspace = options.workspace() != null ? options.workspace()
                : !workspaces.isEmpty() ? workspaces.getFirst() : appHome.resolve("demo" + Workspace.EXTENSION);
        session.open(workspace, () -> {
            if (demo) {
                fillDemo(() -> started(options));
            } else {
                started(options);
            }
        });
        if (options.screenshot() != null) {
            // The picture has the window's intended size, whatever the (headless) screen measures.
            stage.setWidth(WIDTH);
            stage.setHeight(HEIGHT);
            screenshotWhenSettled(options.screenshot());
        }
    }

    /**
     * On first start the demo workspace is empty: generate the demo data (once) and import it, in the
     * background with progress; later starts find it filled and skip this.
     */
    private void fillDemo(Runnable then) {
        Workspace workspace = session.workspace();
        Path dataDir = appHome.resolve("demo-data");
        tasks.run("Preparing the demo data", progress -> DemoData.fillIfEmpty(workspace, dataDir, progress))
                .onSuccess(result -> {
                    result.ifPresent(this::imported);
                    then.run();
                })
                .start();
    }

    private void started(StartOptions options) {
        List<Path> dataFiles = options.files().stream().filter(f -> !isWorkspace(f)).toList();
        if (!dataFiles.isEmpty()) {
            importFiles(dataFiles);
        }
        if (options.table() != null) {
            openTable(options.table());
            if (options.profile() != null) {
                data.profile().profileWhenShown(options.profile());
            }
        }
        if (options.sql() != null) {
            sql.editor().setText(options.sql());
            sql.run();
        }
        if (options.tab() != null) {
            tabs.getTabs().stream().filter(t -> t.getText().toLowerCase(Locale.ROOT)
                    .equals(options.tab().toLowerCase(Locale.ROOT))).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        }
        // an analysis or a segment named at start is shown in its tab, unless another tab was asked for
        if (options.analysis() != null) {
            if (options.tab() == null) {
                tabs.getSelectionModel().select(analyses);
            }
            analyses.openAndRun(options.analysis());
        }
        if (options.segment() != null) {
            if (options.tab() == null) {
                tabs.getSelectionModel().select(segments);
            }
            segments.show(options.segment());
        }
        if (options.person() != null) {
            profiles.openFirstMatch(options.person());
        }
        if (options.section() != null && tabs.getSelectionModel().getSelectedItem() == ltv) {
            if (options.section().equalsIgnoreCase("fit")) {
                ltv.fit();
            }
        } else if (options.section() != null) {
            String section = options.section().toLowerCase(Locale.ROOT);
            quality.showSection(section.startsWith("review") ? 1 : section.startsWith("standard") ? 2 : 0);
        }
    }

    /**
     * Opens dropped or named files: a workspace file ({@code .c360}) becomes the open workspace, data files
     * are imported into it (into the one just opened, when both come together).
     */
    public void openFiles(List<Path> files) {
        List<Path> dataFiles = files.stream().filter(f -> !isWorkspace(f)).toList();
        Runnable importData = () -> {
            if (!dataFiles.isEmpty()) {
                importFiles(dataFiles);
            }
        };
        files.stream().filter(MainWindow::isWorkspace).findFirst()
                .ifPresentOrElse(ws -> session.open(ws, importData), importData);
    }

    /** Imports data files into the open workspace in the background, then shows what came of it. */
    public void importFiles(List<Path> files) {
        Workspace workspace = session.workspace();
        if (workspace == null) {
            ErrorDialog.show(stage, new C360Exception("Open or create a workspace before importing files."));
            return;
        }
        imports.start(workspace, files);
    }

    private void imported(ImportResult result) {
        recent.addFiles(result.files().stream().map(FileResult::file).toList());
        session.dataChanged();
        data.model().refresh();
        tabs.getSelectionModel().select(overview);
    }

    public void openWorkspace(Path file) {
        session.open(file, () -> tabs.getSelectionModel().select(overview));
    }

    /** Shows {@code table} in the data grid. */
    public void openTable(String table) {
        data.model().open(table);
        tabs.getSelectionModel().select(data);
    }

    /** Shows the rows one import rejected from one file, in the data grid. */
    public void openRejectedRows(long importId, String sourceFile) {
        data.model().apply(BrowseSpec.of("rejected_rows")
                .withFilter(Filter.of("import_id", Filter.Operator.EQUALS, Long.toString(importId)))
                .withFilter(Filter.of("source_file", Filter.Operator.EQUALS, sourceFile)));
        tabs.getSelectionModel().select(data);
    }

    /** Cancels running work, closes the workspace in the background, then the window. */
    public void close() {
        session.close(() -> {
            stage.hide();
            onClosed.run();
        });
    }

    public Tasks tasks() {
        return tasks;
    }

    public WorkspaceSession session() {
        return session;
    }

    private void showAfterResolve(ResolveAction.Next next) {
        tabs.getSelectionModel().select(next == ResolveAction.Next.PROFILES ? profiles : quality);
    }

    public ResolveAction resolveAction() {
        return resolve;
    }

    public ProfilesTab profiles() {
        return profiles;
    }

    public IdentityQualityTab quality() {
        return quality;
    }

    public SegmentsTab segments() {
        return segments;
    }

    public LtvTab ltv() {
        return ltv;
    }

    public TabPane tabs() {
        return tabs;
    }

    private void workspaceChanged(Workspace workspace) {
        statusBar.setWorkspace(workspace == null ? "No workspace open" : "Workspace: " + workspace.file());
        stage.setTitle(workspace == null ? "Customer 360 Workbench" : workspace.name() + " – Customer 360 Workbench");
        catalog.reload(workspace);
        overview.reload(workspace);
        mapping.reload(workspace);
        profiles.reload(workspace);
        quality.reload(workspace);
        segments.reload(workspace);
        ltv.reload(workspace);
        data.model().setWorkspace(workspace);
        sql.setWorkspace(workspace);
        analyses.setWorkspace(workspace);
    }

    /** Puts an analysis's SQL in the SQL console, to change and run it there. */
    private void openInSqlConsole(String query) {
        sql.editor().setText(query);
        tabs.getSelectionModel().select(sql);
    }

    private MenuBar menuBar() {
        MenuItem newWorkspace = item("New workspace…", "menu-new", null, () -> chooseWorkspace(true));
        MenuItem openWorkspace = item("Open workspace…", "menu-open", "Shortcut+O", () -> chooseWorkspace(false));
        MenuItem importFiles = item("Import files…", "menu-import", "Shortcut+I", this::chooseFilesToImport);
        MenuItem importCsv = item("Import CSV with options…", "menu-import-csv", null, this::importCsvWithOptions);
        MenuItem generate = item("Generate sample data…", "menu-generate", null, this::generateSampleData);
        Menu openRecent = new Menu("Open recent");
        openRecent.setId("menu-recent");
        // Rebuilt each time it opens, from the list on disk.
        openRecent.getItems().add(new MenuItem("(none)"));
        openRecent.setOnShowing(e -> fillRecent(openRecent));
        MenuItem close = item("Close workspace", "menu-close", "Shortcut+W", () -> session.close(() -> { }));
        MenuItem quit = item("Quit", "menu-quit", "Shortcut+Q", this::close);
        Menu file = new Menu("File", null, newWorkspace, openWorkspace, importFiles, importCsv, openRecent,
                new SeparatorMenuItem(), generate, new SeparatorMenuItem(), close, new SeparatorMenuItem(), quit);
        file.setId("menu-file");
        MenuItem resolveItem = item("Resolve identities", "menu-resolve", "Shortcut+R", resolve::run);
        resolveItem.disableProperty().bind(resolve.runningProperty().isNotNull().or(session.workspaceProperty().isNull()));
        MenuItem resolveNew = item("Resolve new data only", "menu-resolve-new", "Shortcut+Shift+R", resolve::runIncremental);
        resolveNew.disableProperty().bind(resolveItem.disableProperty());
        Menu customers = new Menu("Customers", null, resolveItem, resolveNew, new SeparatorMenuItem(),
                item("Profiles", "menu-profiles", "Shortcut+P", () -> tabs.getSelectionModel().select(profiles)),
                item("Identity quality", "menu-quality", null, () -> tabs.getSelectionModel().select(quality)),
                item("Review queue", "menu-review", null, () -> {
                    quality.showSection(1);
                    tabs.getSelectionModel().select(quality);
                }));
        customers.setId("menu-customers");
        Menu help = new Menu("Help", null, item("About", "menu-about", null, this::about));
        MenuBar bar = new MenuBar(file, customers, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void fillRecent(Menu menu) {
        List<MenuItem> items = new ArrayList<>();
        for (Path workspace : recent.workspaces()) {
            items.add(item(workspace.getFileName() + "  —  " + workspace.getParent(), null, null,
                    () -> openWorkspace(workspace)));
        }
        if (!recent.files().isEmpty()) {
            if (!items.isEmpty()) {
                items.add(new SeparatorMenuItem());
            }
            for (Path file : recent.files()) {
                items.add(item("Import " + file.getFileName() + "  —  " + file.getParent(), null, null,
                        () -> importFiles(List.of(file))));
            }
        }
        if (items.isEmpty()) {
            MenuItem none = new MenuItem("Nothing opened yet");
            none.setDisable(true);
            items.add(none);
        }
        menu.getItems().setAll(items);
    }

    private void chooseWorkspace(boolean create) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(create ? "New workspace" : "Open workspace");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Workspaces (*.c360)", "*" + Workspace.EXTENSION));
        if (create) {
            chooser.setInitialFileName("customers" + Workspace.EXTENSION);
        }
        File chosen = create ? chooser.showSaveDialog(stage) : chooser.showOpenDialog(stage);
        if (chosen != null) {
            Path path = chosen.toPath();
            if (create && !isWorkspace(path)) {
                path = path.resolveSibling(path.getFileName() + Workspace.EXTENSION);
            }
            openWorkspace(path);
        }
    }

    private void chooseFilesToImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import files");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Data files (Parquet, CSV, JSON)", "*.parquet", "*.pq", "*.csv", "*.tsv",
                        "*.txt", "*.tab", "*.json", "*.ndjson", "*.jsonl", "*.gz"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> chosen = chooser.showOpenMultipleDialog(stage);
        if (chosen != null && !chosen.isEmpty()) {
            importFiles(chosen.stream().map(File::toPath).toList());
        }
    }

    /** CSV settings first (for files detection reads wrong), then the files. */
    private void importCsvWithOptions() {
        Workspace workspace = session.workspace();
        if (workspace == null) {
            ErrorDialog.show(stage, new C360Exception("Open or create a workspace before importing files."));
            return;
        }
        CsvOptionsDialog.ask(stage).ifPresent(options -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Import CSV files");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Text files (CSV, TSV)", "*.csv", "*.tsv", "*.txt", "*.tab", "*.gz"),
                    new FileChooser.ExtensionFilter("All files", "*.*"));
            List<File> chosen = chooser.showOpenMultipleDialog(stage);
            if (chosen != null && !chosen.isEmpty()) {
                importFiles(chosen.stream().map(File::toPath).toList(), options);
            }
        });
    }

    /** Imports files with CSV settings the user chose, in the background. */
    public void importFiles(List<Path> files, CsvOptions options) {
        Workspace workspace = session.workspace();
        if (workspace == null) {
            ErrorDialog.show(stage, new C360Exception("Open or create a workspace before importing files."));
            return;
        }
        imports.start(workspace, files, options);
    }

    /** Writes a synthetic dataset in the background (as {@code c360 generate}), then imports it if asked. */
    private void generateSampleData() {
        GenerateDialog.ask(stage, appHome.resolve("sample-data")).ifPresent(this::generate);
    }

    public void generate(GenerateDialog.Request request) {
        tasks.run("Generating sample data", progress -> EcommerceGenerator.generate(request.options(), progress))
                .onSuccess(dataset -> {
                    if (request.importWhenDone()) {
                        List<Path> files = new ArrayList<>(dataset.files());
                        // the source systems' exports, not their ground truth (that is for evaluation)
                        dataset.sources().stream()
                                .filter(t -> !t.name().equals(SourceFile.GROUND_TRUTH.table()))
                                .forEach(t -> files.add(t.file()));
                        importFiles(files);
                    }
                })
                .start();
    }

    private void about() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("About");
        alert.setHeaderText("Customer 360 Workbench");
        alert.setContentText(String.join("\n", new Version().getVersion())
                + "\n\nOne resolved view of every customer, on your own computer.\nDuckDB, JavaFX, AtlantaFX.");
        Theme.style(alert.getDialogPane());
        alert.show();
    }

    private static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (id != null) {
            item.setId(id);
        }
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static boolean isWorkspace(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(Workspace.EXTENSION);
    }

    /** Writes the screenshot once no background work has run for a moment, then closes the window. */
    private void screenshotWhenSettled(Path file) {
        int[] idleTicks = {0};
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(250), e -> {
            idleTicks[0] = tasks.isIdle() ? idleTicks[0] + 1 : 0;
            if (idleTicks[0] >= SETTLED_TICKS) {
                poll.stop();
                Screenshot.write(scene, file);
                close();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }
}
