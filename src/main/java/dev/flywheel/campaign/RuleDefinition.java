package dev.flywheel.campaign;

import java.util.List;

/**
 * One rule as an operator writes it.
 *
 * @param id stable within the campaign ({@code [a-z0-9_-]{1,64}}); grants are unique per
 *     (campaign, rule id, source event)
 * @param trigger the event type the rule listens to; must exist in the event-type registry
 * @param condition CEL {@code bool}; blank means {@code true}
 */
public record RuleDefinition(String id, String name, String trigger, String condition,
    List<EffectDefinition> effects) {
  public RuleDefinition {
    effects = effects == null ? List.of() : List.copyOf(effects);
  }
}
