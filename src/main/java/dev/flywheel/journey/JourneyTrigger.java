package dev.flywheel.journey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How customers enter; the fields a {@link TriggerKind} does not use stay null.
 *
 * @param condition CEL over {@code event} and {@code customer} (EVENT triggers only)
 * @param stages stage names ({@code LOAN_STAGE}: e.g. FUNDER_APPROVED; {@code LIFECYCLE_STAGE}:
 *     e.g. DORMANT)
 * @param dailyAt {@code HH:mm} in the tenant's time zone (SCHEDULE)
 */
public record JourneyTrigger(
    TriggerKind kind,
    @JsonProperty("event_type") String eventType,
    String condition,
    @JsonProperty("segment_id") Long segmentId,
    List<String> stages,
    @JsonProperty("daily_at") String dailyAt) {

  public static JourneyTrigger event(String eventType, String condition) {
    return new JourneyTrigger(TriggerKind.EVENT, eventType, condition, null, null, null);
  }

  public static JourneyTrigger loanStage(String... stages) {
    return new JourneyTrigger(TriggerKind.LOAN_STAGE, null, null, null, List.of(stages), null);
  }

  public static JourneyTrigger lifecycleStage(String... stages) {
    return new JourneyTrigger(TriggerKind.LIFECYCLE_STAGE, null, null, null, List.of(stages), null);
  }
}
