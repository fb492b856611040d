package org.c360.app.cli;

import java.util.concurrent.Callable;

import org.c360.analytics.work.C360Exception;

import picocli.CommandLine.Command;

/** {@code c360 app} (being written). */
@Command(name = "app", mixinStandardHelpOptions = true, description = "(being written)")
public final class AppCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new C360Exception("'app' is not available in this build yet.");
    }
}
