package dev.flywheel.reach;

import java.time.Instant;
import java.util.List;

/**
 * A message text for one channel with its copy variants. Bodies and subjects use variables
 * {@code ${customer.<field>}}, {@code ${tenant.name}} and {@code ${value.<key>}} (values given with
 * the send request: campaign values, coupon codes …).
 *
 * @param bestTime MARKETING messages from this template are sent at the customer's best contact
 *     hour (or, in the experiment's other arm, the tenant's fixed hour)
 * @param goalEvent the event type that counts as "converted" in the variant results (null: none)
 */
public record MessageTemplate(
    long id,
    String key,
    Channel channel,
    int version,
    boolean bestTime,
    String goalEvent,
    List<Variant> variants,
    Instant updatedAt) {

  public MessageTemplate {
    variants = List.copyOf(variants);
  }

  /** A copy variant; customers are split by {@code weight} (sticky per customer). */
  public record Variant(String name, int weight, String subject, String body) {}

  /** What a save asks for. */
  public record Draft(String key, Channel channel, boolean bestTime, String goalEvent, List<Variant> variants) {
    public Draft {
      variants = variants == null ? List.of() : List.copyOf(variants);
    }
  }
}
