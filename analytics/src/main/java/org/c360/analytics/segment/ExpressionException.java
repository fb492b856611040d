package org.c360.analytics.segment;

import org.c360.analytics.work.C360Exception;

/**
 * A segment expression that cannot be read or does not fit the workspace: what is wrong, the position
 * (1-based, as an editor counts columns) and, for an unknown name, the closest known one.
 */
public final class ExpressionException extends C360Exception {
    private final String expression;
    private final int offset;
    private final int length;
    private final String suggestion;

    ExpressionException(String problem, String expression, int offset, int length, String suggestion) {
        super(problem + " at position " + (offset + 1)
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)") + ".");
        this.expression = expression;
        this.offset = offset;
        this.length = Math.max(1, length);
        this.suggestion = suggestion;
    }

    /** 0-based offset of the offending text. */
    public int offset() {
        return offset;
    }

    /** 1-based position, as shown in the message. */
    public int position() {
        return offset + 1;
    }

    public int length() {
        return length;
    }

    /** The closest known name, or null. */
    public String suggestion() {
        return suggestion;
    }

    /** The expression with a line of carets under the offending part, for a terminal. */
    public String pointer() {
        return expression + "\n" + " ".repeat(Math.min(offset, expression.length())) + "^".repeat(length);
    }
}
