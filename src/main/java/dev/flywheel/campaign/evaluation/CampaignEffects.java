package dev.flywheel.campaign.evaluation;

import dev.flywheel.event.EventEffects;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The campaign module's answer to the event module's {@link EventEffects}: per event, the grants
 * ({@code campaign_id}, {@code campaign}, {@code rule}, {@code asset}, {@code amount},
 * {@code customer_id} = recipient, {@code status} {@code granted}/{@code pending},
 * {@code available_at}, {@code coupon_codes}, {@code grant_id}), {@code tags} added and
 * {@code signals} sent by the campaigns that applied, as committed with the event — so a replay
 * answers the original's effects. One indexed read per request.
 */
@Component
class CampaignEffects implements EventEffects {
  private final DecisionStore store;
  private final Clock clock;

  CampaignEffects(DecisionStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Map<String, Map<String, Object>> effectsOf(long tenantId, List<String> eventIds) {
    return store.effectsOf(tenantId, eventIds, clock.instant());
  }
}
