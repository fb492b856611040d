package org.c360.analytics.profile;

import java.time.LocalDateTime;

/** One event of a person's timeline (UTC). */
public record TimelineEvent(LocalDateTime time, String type, String channel, String source, String recordId,
                            String detail, Double amount) {
}
