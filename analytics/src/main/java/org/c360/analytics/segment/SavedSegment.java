package org.c360.analytics.segment;

import java.time.LocalDateTime;

/** A segment saved in the workspace: its expression and its members as of the last refresh. */
public record SavedSegment(long id, String name, String expression, LocalDateTime createdAt, LocalDateTime refreshedAt,
                           long size) {

    /** One refresh: the size then, and how many people joined and left since the refresh before. */
    public record Refresh(LocalDateTime at, long size, long added, long removed, String expression, long millis) {
    }
}
