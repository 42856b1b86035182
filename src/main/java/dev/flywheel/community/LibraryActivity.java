package dev.flywheel.community;

import java.time.Instant;

/** One version of a library activity; {@code currentVersion} is the one the library offers now. */
public record LibraryActivity(long id, int version, int currentVersion, ActivityScript script, String editedBy,
    Instant editedAt) {}
