package dev.flywheel.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that scenario tests and the simulator move by hand (daily caps, lifecycle thresholds,
 * follow-ups after N days) instead of sleeping. Thread-safe.
 */
public final class MovableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public MovableClock(Instant start) {
    this(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private MovableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  public void advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
  }

  public void set(Instant instant) {
    now.set(instant);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new MovableClock(now, newZone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
