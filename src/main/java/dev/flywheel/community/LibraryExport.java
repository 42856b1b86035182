package dev.flywheel.community;

import java.time.Instant;
import java.util.List;

/**
 * An activity pulled into a community's calendar: the version it took and the copy of its
 * content as calendar slots (one per script message).
 *
 * @param game the (possibly customised) game, null for a plain activity
 * @param gameId the games desk's prepared game, null when not prepared
 */
public record LibraryExport(long id, long communityId, long activityId, int version, Instant startsAt,
    List<CalendarSlot> slots, GameSpec game, Long gameId, String exportedBy) {}
