package dev.flywheel.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A campaign's plan, the fields of seed 000: purpose, theme, time, content, process, rules,
 * budget and division of labour, plus audience, promotion channels, priority/stacking and caps.
 * One plan is one version; approved versions are immutable.
 *
 * @param budget units per asset (see {@link Asset}); required and positive for every asset a
 *     rule grants
 * @param segmentId the audience; null means everyone
 * @param channels from {@link PromotionChannels#ALL}
 * @param priority (default 0) higher wins when exclusive campaigns compete for one event
 * @param exclusive when true, an event that this campaign applies to meets no other exclusive
 *     campaign of lower priority (non-exclusive campaigns stack with it)
 */
public record CampaignPlan(
    String name,
    String purpose,
    String theme,
    Window window,
    String content,
    String process,
    List<RuleDefinition> rules,
    Map<Asset, Long> budget,
    String owner,
    List<String> assignees,
    @JsonProperty("segment_id") Long segmentId,
    List<String> channels,
    Integer priority,
    Boolean exclusive,
    Caps caps) {

  public CampaignPlan {
    rules = rules == null ? List.of() : List.copyOf(rules);
    budget = budget == null ? Map.of() : Map.copyOf(budget);
    assignees = assignees == null ? List.of() : List.copyOf(assignees);
    channels = channels == null ? List.of() : List.copyOf(channels);
    caps = caps == null ? Caps.NONE : caps;
    priority = priority == null ? 0 : priority;
    exclusive = exclusive != null && exclusive;
  }

  public CampaignPlan withRules(List<RuleDefinition> newRules) {
    return new CampaignPlan(name, purpose, theme, window, content, process, newRules, budget, owner, assignees,
        segmentId, channels, priority, exclusive, caps);
  }

  public CampaignPlan withCaps(Caps newCaps) {
    return new CampaignPlan(name, purpose, theme, window, content, process, rules, budget, owner, assignees,
        segmentId, channels, priority, exclusive, newCaps);
  }

  /**
   * True when {@code other} differs in anything an approver signed off: rules, budget, window,
   * audience, caps, priority or stacking. Other fields (texts, people, channels) change without a
   * new approval.
   */
  public boolean needsApprovalComparedTo(CampaignPlan other) {
    return !rules.equals(other.rules) || !budget.equals(other.budget) || !java.util.Objects.equals(window, other.window)
        || !java.util.Objects.equals(segmentId, other.segmentId) || !caps.equals(other.caps)
        || !priority.equals(other.priority) || !exclusive.equals(other.exclusive);
  }
}
