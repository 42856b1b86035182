package dev.flywheel.reach.delivery.provider;

import dev.flywheel.reach.Channel;

/**
 * One message as a provider sends it: links already tracked. {@code messageId} is also the
 * idempotency key every provider is given, so a retried send can be recognised by the receiver.
 *
 * @param recipient e-mail address, phone number or push token; null when the channel needs none
 */
public record Parcel(long tenantId, long messageId, String customerId, Channel channel,
    String recipient, String subject, String body, int attempt) {

  public String idempotencyKey() {
    return Long.toString(messageId);
  }
}
