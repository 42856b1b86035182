package dev.flywheel.campaign;

import java.util.List;
import java.util.Map;

/**
 * A running campaign's approved version, compiled: what the evaluator meets an event with.
 * Immutable, thread-safe; built once per (campaign, version) and cached.
 */
public record ActiveCampaign(long tenantId, long campaignId, int version, String name, int priority,
    boolean exclusive, Window window, Long segmentId, Caps caps, Map<Asset, Long> budget, List<RuleProgram> rules) {

  /** The rules listening to {@code eventType}, in plan order. */
  public List<RuleProgram> rulesFor(String eventType) {
    return rules.stream().filter(r -> r.trigger().equals(eventType)).toList();
  }
}
