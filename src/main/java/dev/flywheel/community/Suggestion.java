package dev.flywheel.community;

import java.util.List;
import java.util.Map;

/**
 * Whom to invite into a community to move its tag mix towards a target.
 *
 * @param target the target share per tag (normalised to sum to 1)
 * @param invitees in the order picked, each with the target tags they hold
 * @param before the community's mix over the target tags now
 * @param after the mix once every invitee joined
 */
public record Suggestion(Map<String, Double> target, List<Invitee> invitees, TagMix before, TagMix after) {

  public record Invitee(String customerId, List<String> tags) {}
}
