package org.c360.app.cli;

import java.util.concurrent.Callable;

import org.c360.analytics.work.C360Exception;

import picocli.CommandLine.Command;

/** {@code c360 browse} (being written). */
@Command(name = "browse", mixinStandardHelpOptions = true, description = "(being written)")
public final class BrowseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new C360Exception("'browse' is not available in this build yet.");
    }
}
