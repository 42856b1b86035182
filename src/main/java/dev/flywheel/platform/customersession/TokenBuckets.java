package dev.flywheel.platform.customersession;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets by key (one per customer or IP), refilled from the injected clock, so
 * tests move time instead of sleeping. Per node: a cluster of n nodes lets through up to n times
 * the rate (documented). Keys whose bucket is full again are dropped when the map grows large.
 */
public final class TokenBuckets {
  private static final int PRUNE_ABOVE = 100_000;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final int capacity;
  private final double perMilli;
  private final Clock clock;

  public TokenBuckets(CustomerSessionProperties.Bucket limits, Clock clock) {
    if (limits.capacity() < 1 || limits.perSecond() <= 0) {
      throw new IllegalArgumentException("a bucket needs capacity >= 1 and a positive refill rate");
    }
    this.capacity = limits.capacity();
    this.perMilli = limits.perSecond() / 1000.0;
    this.clock = clock;
  }

  /** 0 when a request may pass (one token taken); else the seconds until one token is back. */
  public long take(String key) {
    long now = clock.millis();
    if (buckets.size() > PRUNE_ABOVE) {
      buckets.values().removeIf(b -> b.fullAt(now));
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now)).take(now);
  }

  private final class Bucket {
    private double tokens;
    private long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000.0));
    }

    synchronized boolean fullAt(long now) {
      refill(now);
      return tokens >= capacity;
    }

    private void refill(long now) {
      if (now > at) {
        tokens = Math.min(capacity, tokens + (now - at) * perMilli);
        at = now;
      }
    }
  }
}
