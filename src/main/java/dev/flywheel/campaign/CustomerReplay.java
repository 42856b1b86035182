package dev.flywheel.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One customer during a dry run, in memory: the counters rules see and the campaign's cap slots.
 * Events must be fed in {@code (occurred_at, seq)} order. Not thread-safe.
 *
 * <p>Counters follow the live evaluator's definition ({@code evaluation.Counters}: events at or
 * before this one, days in the tenant's zone, the event itself included), but are counted
 * incrementally while events stream by instead of read back per event. Cap periods use the live
 * keys ({@code evaluation.CapSlots}: {@code D:<date>}, {@code W:<iso week>}, {@code C}).
 */
final class CustomerReplay {
  private final Activation.CustomerFacts facts;
  private final Set<String> seenTypes;
  private final Map<String, Long> today = new HashMap<>();
  private final Map<String, Integer> capsUsed = new HashMap<>();
  private final List<String> addedTags = new ArrayList<>();
  private LocalDate day;
  private Boolean inAudience;

  CustomerReplay(Activation.CustomerFacts facts, Collection<String> typesBefore) {
    this.facts = facts;
    this.seenTypes = new HashSet<>(typesBefore);
  }

  /** One event's counters. */
  record Count(Map<String, Long> today, boolean firstToday, boolean firstEver) {}

  /** Counts {@code type} at {@code at} and answers the counters as of that event. */
  Count count(String type, Instant at, ZoneId zone) {
    LocalDate d = LocalDate.ofInstant(at, zone);
    if (!d.equals(day)) {
      day = d;
      today.clear();
    }
    long n = today.merge(type, 1L, Long::sum);
    boolean firstEver = seenTypes.add(type);
    return new Count(Map.copyOf(today), n == 1, firstEver);
  }

  /** The facts rules see, with the tags this dry run's campaign added so far. */
  Activation.CustomerFacts facts() {
    if (addedTags.isEmpty()) {
      return facts;
    }
    List<String> tags = new ArrayList<>(facts.tags() == null ? List.of() : facts.tags());
    addedTags.stream().filter(t -> !tags.contains(t)).forEach(tags::add);
    return new Activation.CustomerFacts(facts.id(), List.copyOf(tags), facts.loanStage(), facts.lifecycleStage(),
        facts.acquisitionChannel(), facts.invitedBy(), facts.registeredAt(), facts.attributes());
  }

  void tagged(String tag) {
    addedTags.add(tag);
  }

  Boolean inAudience() {
    return inAudience;
  }

  void inAudience(boolean member) {
    this.inAudience = member;
  }

  /** Takes a slot of every cap, or none: the name of the cap that stopped it, or null when taken. */
  String takeCap(Caps caps, Instant at, ZoneId zone) {
    LocalDate d = LocalDate.ofInstant(at, zone);
    String[] keys = {"D:" + d, "W:" + d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
        "C"};
    Integer[] limits = {caps.perDay(), caps.perWeek(), caps.perCampaign()};
    String[] names = {"per_day", "per_week", "per_campaign"};
    for (int i = 0; i < keys.length; i++) {
      if (limits[i] != null && capsUsed.getOrDefault(keys[i], 0) >= limits[i]) {
        return names[i] + " cap of " + limits[i] + " reached (" + keys[i] + ")";
      }
    }
    for (int i = 0; i < keys.length; i++) {
      if (limits[i] != null) {
        capsUsed.merge(keys[i], 1, Integer::sum);
      }
    }
    return null;
  }
}
