package dev.flywheel.ledger;

import java.time.Instant;

/** What a points-mall exchange did. */
public sealed interface ExchangeOutcome {

  /** @param replayed true when this request id had already exchanged (nothing new happened) */
  record Exchanged(long exchangeId, long itemId, int quantity, long points, Instant at, boolean replayed)
      implements ExchangeOutcome {}

  /**
   * Nothing was written. {@code code}: {@code item-not-found}, {@code out-of-stock},
   * {@code insufficient-points}, {@code request-id-reused} (same request id, different exchange).
   */
  record Refused(String code, String detail) implements ExchangeOutcome {}
}
