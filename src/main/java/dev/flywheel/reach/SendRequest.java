package dev.flywheel.reach;

import java.time.Instant;
import java.util.Map;

/**
 * Ask reach to send one message to one customer.
 *
 * @param templateKey a template saved in reach for {@code channel}; its variants are assigned
 *     per customer by a sticky experiment
 * @param values extra template values (campaign values, coupon codes …), next to the customer's
 *     own fields
 * @param source who asks, as a path operators can read and reports can group by, e.g.
 *     {@code journey/12/v3/step/2}, {@code campaign/5}, {@code api}
 * @param dedupeKey unique per tenant: asking twice with the same key returns the first message
 *     (exactly once across retries and restarts)
 * @param notBefore earliest send time (null: now)
 * @param expiresAt a message not sent by then is dropped with reason {@code expired} (null: never)
 */
public record SendRequest(
    long tenantId,
    String customerId,
    Channel channel,
    MessageCategory category,
    String templateKey,
    Map<String, Object> values,
    String source,
    String dedupeKey,
    Instant notBefore,
    Instant expiresAt) {

  public SendRequest {
    values = values == null ? Map.of() : Map.copyOf(values);
  }
}
