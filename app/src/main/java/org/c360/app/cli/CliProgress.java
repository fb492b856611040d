package org.c360.app.cli;

import org.c360.analytics.work.Progress;

import picocli.CommandLine.Model.CommandSpec;

/** Progress on stderr, one line per step, only when a person is watching (a terminal). */
final class CliProgress {
    private CliProgress() {
    }

    static Progress forStderr(CommandSpec spec) {
        if (System.console() == null) {
            return Progress.none();
        }
        var err = spec.commandLine().getErr();
        String[] last = {""};
        return new Progress((fraction, message) -> {
            if (!message.equals(last[0])) {
                last[0] = message;
                err.println(fraction >= 0 ? String.format("[%3.0f%%] %s", fraction * 100, message) : "       " + message);
            }
        });
    }
}
