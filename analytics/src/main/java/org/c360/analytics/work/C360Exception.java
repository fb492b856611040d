package org.c360.analytics.work;

/**
 * An error meant for the user: its message is one clear sentence (what went wrong and where), shown as
 * is by the app's dialog and the CLI. The cause, if any, carries the technical details.
 */
public class C360Exception extends RuntimeException {
    public C360Exception(String message) {
        super(message);
    }

    public C360Exception(String message, Throwable cause) {
        super(message, cause);
    }

    /** The technical details behind the message (the cause chain), for "show details". */
    public String details() {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append("\ncaused by: ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }
}
