package dev.flywheel.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * What a rule does when its condition holds. In JSON each effect has a {@code type}:
 * {@code grant}, {@code add_tag} or {@code signal}. Expressions are CEL over the same variables as
 * the condition.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EffectDefinition.Grant.class, name = "grant"),
    @JsonSubTypes.Type(value = EffectDefinition.AddTag.class, name = "add_tag"),
    @JsonSubTypes.Type(value = EffectDefinition.Signal.class, name = "signal")})
public sealed interface EffectDefinition {

  /**
   * Grants an asset from the campaign budget.
   *
   * @param amount CEL {@code int} expression: units of the asset (fen for money); zero or less
   *     grants nothing
   * @param couponTemplate the coupon template to issue, required for {@link Asset#COUPON}
   * @param pendingDays optional CEL {@code int} expression: the grant is pending (locked up) for
   *     that many days, e.g. {@code event.attributes.term_days} for "at maturity"
   * @param recipient optional CEL {@code string} expression: who receives it (default the event's
   *     customer), e.g. {@code customer.invited_by}
   */
  record Grant(Asset asset, String amount,
      @JsonProperty("coupon_template") String couponTemplate,
      @JsonProperty("pending_days") String pendingDays,
      String recipient) implements EffectDefinition {

    public static Grant of(Asset asset, String amount) {
      return new Grant(asset, amount, null, null, null);
    }
  }

  /** Adds a tag to the customer's profile. */
  record AddTag(String tag) implements EffectDefinition {}

  /**
   * An outbound signal for another system (e.g. {@code credit_line_raise} for the lending system).
   *
   * @param payload key → CEL expression of any type
   */
  record Signal(String name, Map<String, String> payload) implements EffectDefinition {}
}
