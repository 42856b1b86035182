package dev.flywheel.reach;

import dev.flywheel.customer.LoanStage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's contact rules, applied when a message is planned and again when it is dispatched.
 *
 * @param channelCaps per channel: at most {@code perDay} in any 24 hours and {@code perWeek} in
 *     any 7 days (null: no cap)
 * @param totalPerDay touches over all channels in any 24 hours (null: no cap)
 * @param totalPerWeek touches over all channels in any 7 days (null: no cap)
 * @param minIntervalMinutes least time between two touches of one customer, any channel
 * @param quietHours when {@code channels} stay silent, in the tenant's time zone
 * @param stageChannels channels each loan stage may be reached through
 * @param h5OnlyChannels channels for customers registered on H5 only (never logged into the app),
 *     on top of their stage's list (seed 002: SMS and robocall, no manual calls)
 * @param optOutText appended to every SMS, e.g. "Reply TD to unsubscribe"
 * @param fixedSendHour the send hour of the fixed-hour arm of the best-contact-time experiment
 */
public record ContactPolicy(
    Map<Channel, Caps> channelCaps,
    Integer totalPerDay,
    Integer totalPerWeek,
    int minIntervalMinutes,
    QuietHours quietHours,
    Map<LoanStage, Set<Channel>> stageChannels,
    Set<Channel> h5OnlyChannels,
    String optOutText,
    int fixedSendHour) {

  public ContactPolicy {
    channelCaps = Map.copyOf(channelCaps);
    stageChannels = Map.copyOf(stageChannels);
    h5OnlyChannels = h5OnlyChannels.isEmpty() ? Set.of() : Set.copyOf(h5OnlyChannels);
  }

  /** Caps of one channel; null = no cap. */
  public record Caps(Integer perDay, Integer perWeek) {}

  /** Silent from {@code start} to {@code end} (wrapping midnight when end ≤ start) for {@code channels}. */
  public record QuietHours(LocalTime start, LocalTime end, Set<Channel> channels) {
    public QuietHours {
      channels = Set.copyOf(channels);
    }

    /** The first moment at or after {@code at} when {@code channel} may be used. */
    public Instant nextAllowed(Channel channel, Instant at, ZoneId zone) {
      if (!channels.contains(channel) || start.equals(end)) {
        return at;
      }
      ZonedDateTime local = at.atZone(zone);
      LocalTime time = local.toLocalTime();
      boolean wraps = !end.isAfter(start);
      boolean quiet = wraps ? !time.isBefore(start) || time.isBefore(end)
          : !time.isBefore(start) && time.isBefore(end);
      if (!quiet) {
        return at;
      }
      ZonedDateTime endToday = local.with(end);
      return (endToday.isAfter(local) ? endToday : local.plusDays(1).with(end)).toInstant();
    }
  }

  public static final String DEFAULT_OPT_OUT_TEXT = "Reply TD to unsubscribe";

  /** The rules a new tenant starts with (seed 002/003). */
  public static ContactPolicy defaults() {
    Map<Channel, Caps> caps = new EnumMap<>(Channel.class);
    caps.put(Channel.PUSH, new Caps(1, null));
    caps.put(Channel.SMS, new Caps(null, 2));
    Map<LoanStage, Set<Channel>> stages = new EnumMap<>(LoanStage.class);
    Arrays.stream(LoanStage.values()).forEach(s -> stages.put(s, EnumSet.allOf(Channel.class)));
    return new ContactPolicy(caps, null, 4, 60,
        new QuietHours(LocalTime.of(21, 0), LocalTime.of(9, 0),
            EnumSet.of(Channel.SMS, Channel.PHONE_TASK, Channel.ROBOCALL)),
        stages, EnumSet.of(Channel.SMS, Channel.ROBOCALL), DEFAULT_OPT_OUT_TEXT, 10);
  }

  /** Whether a customer in {@code stage} (H5-only or not) may be reached through {@code channel}. */
  public boolean allows(LoanStage stage, boolean h5Only, Channel channel) {
    Set<Channel> allowed = stageChannels.getOrDefault(stage, Set.of());
    return allowed.contains(channel) && (!h5Only || h5OnlyChannels.contains(channel));
  }

  public Caps caps(Channel channel) {
    return channelCaps.getOrDefault(channel, new Caps(null, null));
  }

  public Duration minInterval() {
    return Duration.ofMinutes(minIntervalMinutes);
  }
}
