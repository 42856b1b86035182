package dev.flywheel.reach.delivery.provider;

/** What a provider said about one send. A refusal is a value, not an exception. */
public sealed interface ProviderResult {

  /**
   * Accepted by the provider.
   *
   * @param provider the provider's label for {@code reach_deliveries.provider}
   * @param providerId its {@code reach_providers} id, or null for built-in channels
   * @param reference the provider's own id for the message, if it gave one
   * @param delivered true when accepting it is delivering it (inbox, phone desk)
   */
  record Sent(String provider, Long providerId, String reference, boolean delivered) implements ProviderResult {}

  /** The provider could not be reached or asked to come back later: retry with backoff. */
  record Unavailable(String provider, String error) implements ProviderResult {}

  /**
   * Will never work for this message; FAILED with {@code reason} (a stable code such as
   * {@code email-not-configured}, {@code no-provider}, {@code no-address}, {@code rejected-by-provider}).
   */
  record Refused(String provider, String reason, String detail) implements ProviderResult {}
}
