package org.c360.app.ui.main;

import java.nio.file.Path;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import org.c360.analytics.workspace.Workspace;
import org.c360.app.ui.task.Tasks;

/**
 * The workspace the window works on, opened and closed in the background, and a version number that goes
 * up whenever its tables may have changed (imports, SQL), so the catalog and overview know to reload.
 * FX thread only.
 */
public final class WorkspaceSession {
    private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper dataVersion = new ReadOnlyIntegerWrapper();
    private final Tasks tasks;
    private final RecentFiles recent;

    public WorkspaceSession(Tasks tasks, RecentFiles recent) {
        this.tasks = tasks;
        this.recent = recent;
    }

    public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    public Workspace workspace() {
        return workspace.get();
    }

    public ReadOnlyIntegerProperty dataVersionProperty() {
        return dataVersion.getReadOnlyProperty();
    }

    /** Tables may have changed: views that show them reload. */
    public void dataChanged() {
        dataVersion.set(dataVersion.get() + 1);
    }

    /** Closes the current workspace (after cancelling its work), opens {@code file}, then runs {@code then}. */
    public void open(Path file, Runnable then) {
        Workspace old = detach();
        String name = file.getFileName().toString();
        tasks.run("Opening workspace " + name, progress -> {
            if (old != null) {
                old.close();
            }
            progress.throwIfCancelled();
            return Workspace.open(file);
        }).onSuccess(opened -> {
            workspace.set(opened);
            recent.addWorkspace(opened.file());
            then.run();
        }).start();
    }

    /** Cancels the workspace's work and closes it in the background; {@code then} runs afterwards. */
    public void close(Runnable then) {
        Workspace old = detach();
        if (old == null) {
            then.run();
            return;
        }
        tasks.run("Closing workspace " + old.name(), progress -> {
            old.close();
            return null;
        }).andFinally(then).start();
    }

    private Workspace detach() {
        tasks.cancelAll();
        Workspace old = workspace.get();
        workspace.set(null);
        return old;
    }
}
