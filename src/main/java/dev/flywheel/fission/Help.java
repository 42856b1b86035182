package dev.flywheel.fission;

import java.time.Instant;
import java.util.List;

/** A recorded help: {@code status} COUNTED, HELD (for review, with the anti-fraud {@code flags}) or REJECTED. */
public record Help(long id, long activityId, long taskId, String helperId, String status, List<String> flags,
    boolean isNew, Instant createdAt) {}
