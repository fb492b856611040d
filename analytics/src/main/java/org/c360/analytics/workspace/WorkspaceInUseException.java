package org.c360.analytics.workspace;

import java.nio.file.Path;

import org.c360.analytics.work.C360Exception;

/** Another process (or window) already has this workspace open. */
public final class WorkspaceInUseException extends C360Exception {
    public WorkspaceInUseException(Path file, String holderPid) {
        super("Workspace " + file + " is already open in another Customer 360 Workbench"
                + (holderPid == null || holderPid.isBlank() ? "" : " (process " + holderPid + ")")
                + "; close it there first.");
    }
}
