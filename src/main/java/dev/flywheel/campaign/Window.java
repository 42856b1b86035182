package dev.flywheel.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * When a campaign runs: {@code [startsAt, endsAt)}. The optional warm-up starts before
 * {@code startsAt} (promotion only: no rule applies then); the optional detonation period is the
 * peak inside the window, {@code [detonationStartsAt, detonationEndsAt)}.
 */
public record Window(
    @JsonProperty("starts_at") Instant startsAt,
    @JsonProperty("ends_at") Instant endsAt,
    @JsonProperty("warm_up_starts_at") Instant warmUpStartsAt,
    @JsonProperty("detonation_starts_at") Instant detonationStartsAt,
    @JsonProperty("detonation_ends_at") Instant detonationEndsAt) {

  public static Window of(Instant startsAt, Instant endsAt) {
    return new Window(startsAt, endsAt, null, null, null);
  }

  /** True when both windows are complete and share at least one instant. */
  public boolean overlaps(Window other) {
    return startsAt != null && endsAt != null && other.startsAt != null && other.endsAt != null
        && startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
  }
}
