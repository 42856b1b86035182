package dev.flywheel.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * A retention question: customers grouped into cohorts by the week (Monday, UTC) or month of their
 * first-ever {@code firstEvent}, for cohorts starting in {@code [from, to)}; cell n counts those
 * with a {@code returnEvent} in the n-th period after their cohort's (n = 0 is the cohort period).
 */
public record RetentionQuery(@JsonProperty("first_event") String firstEvent,
    @JsonProperty("return_event") String returnEvent, Grain grain, LocalDate from, LocalDate to) {
  public enum Grain { WEEK, MONTH }
}
