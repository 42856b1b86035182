package dev.flywheel.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How many times the campaign may apply to one customer (one application = one event that met a
 * rule) per calendar day and ISO week in the tenant's zone, and over the whole campaign. Null = no
 * cap. Enforced by the evaluator (next slice) in SQL, not here.
 */
public record Caps(
    @JsonProperty("per_day") Integer perDay,
    @JsonProperty("per_week") Integer perWeek,
    @JsonProperty("per_campaign") Integer perCampaign) {

  public static final Caps NONE = new Caps(null, null, null);

  public static Caps perDay(int n) {
    return new Caps(n, null, null);
  }

  public static Caps perCampaign(int n) {
    return new Caps(null, null, n);
  }
}
