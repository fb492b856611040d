package org.c360.analytics.work;

/** Thrown when the user cancelled the work; whatever it was doing has been rolled back. */
public final class CancelledException extends C360Exception {
    public CancelledException() {
        super("Cancelled.");
    }
}
