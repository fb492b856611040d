package org.c360.app.ui.grid;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;

import org.c360.analytics.browse.BrowseSpec;
import org.c360.analytics.browse.Filter;
import org.c360.analytics.browse.Page;
import org.c360.analytics.browse.SortKey;
import org.c360.analytics.browse.TableBrowser;
import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.task.BackgroundTask;
import org.c360.app.ui.task.Failures;
import org.c360.app.ui.task.Tasks;

/**
 * The state of the data grid: which table, sorted and filtered how (a {@link BrowseSpec}), which page,
 * and that page's rows, never more. Every change becomes a background task; a newer request cancels an
 * older one still running, so fast clicking never piles up queries. A spec that fails (a typo in a filter
 * value) is reported in {@link #errorProperty()} and the grid keeps showing the last good one. FX thread only.
 */
public final class DataGridModel {
    public static final int PAGE_SIZE = 100;

    private final Tasks tasks;
    private Workspace workspace;
    private TableBrowser browser;
    private BackgroundTask<?> running;

    private final ReadOnlyObjectWrapper<BrowseSpec> spec = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper matchingRows = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyLongWrapper tableRows = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    /** Bumped when a load fails, so the view can restore its sort arrows to {@link #specProperty()}. */
    private final LongProperty failures = new SimpleLongProperty();

    public DataGridModel(Tasks tasks) {
        this.tasks = tasks;
    }

    public void setWorkspace(Workspace workspace) {
        cancelRunning();
        this.workspace = workspace;
        browser = null;
        spec.set(null);
        page.set(null);
        matchingRows.set(-1);
        tableRows.set(-1);
        error.set("");
    }

    /** Shows {@code table} from its first row, unsorted and unfiltered. */
    public void open(String table) {
        tableRows.set(-1);
        apply(BrowseSpec.of(table), true);
    }

    /** Shows {@code newSpec} from its first page. */
    public void apply(BrowseSpec newSpec) {
        apply(newSpec, spec.get() == null || !spec.get().table().equals(newSpec.table()));
    }

    private void apply(BrowseSpec newSpec, boolean newTable) {
        if (workspace == null) {
            return;
        }
        Workspace ws = workspace;
        long knownTableRows = newTable ? -1 : tableRows.get();
        start(tasks.run("Loading " + newSpec.table(), progress -> {
            TableBrowser opened = TableBrowser.open(ws, newSpec);
            long total = opened.count(progress);
            long all = knownTableRows >= 0 ? knownTableRows
                    : newSpec.isFiltered() ? TableBrowser.open(ws, BrowseSpec.of(newSpec.table())).count(progress) : total;
            Page first = opened.page(0, PAGE_SIZE, progress);
            return new Loaded(opened, total, all, first);
        }).onSuccess(loaded -> {
            browser = loaded.browser;
            spec.set(loaded.browser.spec());
            tableRows.set(loaded.tableRows);
            matchingRows.set(loaded.matchingRows);
            page.set(loaded.page);
            error.set("");
        }).onError(this::failed));
    }

    private record Loaded(TableBrowser browser, long matchingRows, long tableRows, Page page) {
    }

    /** Goes to page {@code index} (0-based), clamped to the pages there are. */
    public void goTo(long index) {
        if (browser == null) {
            return;
        }
        long target = Math.max(0, Math.min(index, pageCount() - 1));
        TableBrowser current = browser;
        start(tasks.run("Reading page " + CellFormat.count(target + 1) + " of " + current.spec().table(),
                progress -> current.page(target, PAGE_SIZE, progress))
                .onSuccess(loaded -> {
                    if (browser == current) {
                        page.set(loaded);
                        error.set("");
                    }
                }).onError(this::failed));
    }

    public void next() {
        goTo(currentPage() + 1);
    }

    public void previous() {
        goTo(currentPage() - 1);
    }

    public void first() {
        goTo(0);
    }

    public void last() {
        goTo(pageCount() - 1);
    }

    public void sortBy(List<SortKey> keys) {
        if (spec.get() != null && !keys.equals(spec.get().sort())) {
            apply(spec.get().withSort(keys));
        }
    }

    public void addFilter(Filter filter) {
        if (spec.get() != null) {
            apply(spec.get().withFilter(filter));
        }
    }

    public void removeFilter(Filter filter) {
        if (spec.get() != null) {
            List<Filter> rest = new ArrayList<>(spec.get().filters());
            rest.remove(filter);
            apply(spec.get().withFilters(rest));
        }
    }

    public void clearFilters() {
        if (spec.get() != null) {
            apply(spec.get().withFilters(List.of()).withSearch(""));
        }
    }

    public void search(String text) {
        if (spec.get() != null && !text.strip().equals(spec.get().search())) {
            apply(spec.get().withSearch(text));
        }
    }

    /** Reloads the current view from the database (after the data changed). */
    public void refresh() {
        if (spec.get() != null) {
            apply(spec.get(), true);
        }
    }

    public long currentPage() {
        return page.get() == null ? 0 : page.get().index();
    }

    public long pageCount() {
        long rows = matchingRows.get();
        return rows <= 0 ? 1 : (rows + PAGE_SIZE - 1) / PAGE_SIZE;
    }

    private void start(Tasks.Builder<?> builder) {
        cancelRunning();
        loading.set(true);
        BackgroundTask<?>[] self = new BackgroundTask<?>[1];
        self[0] = builder.andFinally(() -> {
            if (running == self[0]) {
                running = null;
                loading.set(false);
            }
        }).start();
        running = self[0];
    }

    private void cancelRunning() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        loading.set(false);
    }

    private void failed(Throwable failure) {
        error.set(Failures.message(failure));
        failures.set(failures.get() + 1);
    }

    public ReadOnlyObjectProperty<BrowseSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** Rows matching the filters; -1 until known. */
    public ReadOnlyLongProperty matchingRowsProperty() {
        return matchingRows.getReadOnlyProperty();
    }

    /** Rows of the whole table; -1 until known. */
    public ReadOnlyLongProperty tableRowsProperty() {
        return tableRows.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The last failure's sentence, empty after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    LongProperty failuresProperty() {
        return failures;
    }

    public Workspace workspace() {
        return workspace;
    }
}
