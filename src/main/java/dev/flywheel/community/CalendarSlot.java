package dev.flywheel.community;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A slot of one community's calendar in one week, from a template or a library export.
 *
 * @param status PLANNED, REMINDED (a TASK slot whose reminder went out), DONE or SKIPPED (a slot
 *     the community could not take, e.g. archived: no post, no reminder)
 * @param doneBy who closed the slot: the manager, or {@code auto} for an AUTO post
 * @param skipReason why a SKIPPED slot was skipped ({@code community-archived}, {@code community-gone},
 *     {@code not-posted}); null otherwise
 * @param overdue due, and not DONE or SKIPPED
 * @param postId the chat post an AUTO slot made
 */
public record CalendarSlot(long id, long communityId, LocalDate weekStart, Instant dueAt, SopSlotKind kind,
    SopMode mode, String title, String body, String status, Instant firedAt, Instant doneAt, String doneBy,
    String skipReason, Long postId, Long templateId, Long exportId, boolean overdue) {

  public boolean done() {
    return "DONE".equals(status);
  }
}
