package org.c360.app.ui.task;

import org.c360.analytics.work.C360Exception;

/** The sentence a user reads for a failure of background work. */
public final class Failures {
    private Failures() {
    }

    /** The engine's own sentence for its errors; for anything else, a generic one naming the cause. */
    public static String message(Throwable error) {
        if (error instanceof C360Exception c360) {
            return c360.getMessage();
        }
        return "Something went wrong that the workbench did not expect: " + error;
    }
}
