package org.c360.app.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --workspace WS} option shared by the commands that work on a workspace. */
public final class WorkspaceOption {
    @Option(names = {"-w", "--workspace"}, required = true, paramLabel = "WS",
            description = "Workspace file (*.c360); created if it does not exist.")
    Path workspace;

    public Path path() {
        return workspace;
    }
}
