package dev.flywheel.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * API keys this node verified against the database recently, by the SHA-256 of the presented
 * secret: a bounded cache with a short time to live, so authentication does not read
 * {@code api_keys} on every request. Only keys the database answered as active are kept (a wrong
 * or revoked secret is looked up every time and never cached). A revocation on this node removes
 * the key at once; another node keeps serving it until its entry expires, at most {@code ttl}
 * after it was verified there.
 *
 * <p>A lookup that raced a revocation (read the row before the revocation committed) must not
 * re-insert the key afterwards: every revocation bumps a counter, and a lookup that sees the
 * counter move while it ran drops what it cached.
 */
final class VerifiedKeys {
  private final Cache<ByteBuffer, ApiKey> verified;
  private final AtomicLong revocations = new AtomicLong();

  VerifiedKeys(Duration ttl, long maxKeys, Clock clock) {
    this.verified = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .expireAfterWrite(ttl)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .build();
  }

  /** The cached active key for this hash, else what {@code lookup} finds (cached when active). */
  Optional<ApiKey> get(byte[] hash, Supplier<Optional<ApiKey>> lookup) {
    ByteBuffer id = ByteBuffer.wrap(hash);
    ApiKey cached = verified.getIfPresent(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    long before = revocations.get();
    Optional<ApiKey> found = lookup.get();
    found.filter(ApiKey::active).ifPresent(key -> {
      verified.put(id, key);
      if (revocations.get() != before) {
        verified.invalidate(id);
      }
    });
    return found;
  }

  /** Replaces a cached key (its last-used time moved), unless it was dropped meanwhile. */
  void refresh(byte[] hash, ApiKey key) {
    verified.asMap().computeIfPresent(ByteBuffer.wrap(hash), (h, old) -> old.id() == key.id() ? key : old);
  }

  /** Forgets the key with this id at once; lookups in flight will not cache it again. */
  void revoked(long keyId) {
    revocations.incrementAndGet();
    verified.asMap().values().removeIf(key -> key.id() == keyId);
  }

  boolean holds(byte[] hash) {
    return verified.getIfPresent(ByteBuffer.wrap(hash)) != null;
  }

  long size() {
    verified.cleanUp();
    return verified.estimatedSize();
  }
}
