package org.c360.app.cli;

import java.util.concurrent.Callable;

import org.c360.analytics.work.C360Exception;

import picocli.CommandLine.Command;

/** {@code c360 generate} (being written). */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "(being written)")
public final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new C360Exception("'generate' is not available in this build yet.");
    }
}
