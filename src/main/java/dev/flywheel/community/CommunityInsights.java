package dev.flywheel.community;

import dev.flywheel.customer.Customers;
import dev.flywheel.customer.TagCombination;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads about communities for their managers: the tag mix of the members, whom to invite to reach
 * a target mix, and health (who wrote lately, participation per day). Tags come from the customer
 * module's API; messages from this module's tables.
 */
@Service
public class CommunityInsights {
  static final int TREND_DAYS = 28;
  private final Communities communities;
  private final Customers customers;
  private final Tenants tenants;
  private final JdbcClient jdbc;
  private final Clock clock;

  CommunityInsights(Communities communities, Customers customers, Tenants tenants, JdbcClient jdbc, Clock clock) {
    this.communities = communities;
    this.customers = customers;
    this.tenants = tenants;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The mix over every tag the members hold. */
  public TagMix tagMix(long tenantId, long communityId) {
    return mix(memberTags(tenantId, communityId), null);
  }

  /** The mix over the given tags only (members holding none still count as members). */
  public TagMix tagMix(long tenantId, long communityId, Collection<String> tags) {
    return mix(memberTags(tenantId, communityId), new TreeSet<>(tags));
  }

  /**
   * Up to {@code limit} customers of the tenant, not yet members, whose joining moves the mix
   * towards {@code target} (tag → weight, normalised). Greedy: each pick is the tag combination
   * whose tags are most under-represented against the target at the size the community would
   * have, preferring customers holding several needs; picking stops when no candidate helps.
   */
  public Suggestion suggest(long tenantId, long communityId, Map<String, Double> target, int limit) {
    Map<String, Double> shares = normalised(target);
    Map<String, List<String>> members = memberTags(tenantId, communityId);
    TagMix before = mix(members, shares.keySet());
    List<TagCombination> pool = customers.tagCombinations(tenantId, shares.keySet(), members.keySet(),
        Math.clamp(limit, 1, 500));
    Map<String, Integer> counts = new HashMap<>();
    before.tags().forEach(t -> counts.put(t.tag(), t.members()));
    int[] taken = new int[pool.size()];
    int size = before.members();
    List<Suggestion.Invitee> invitees = new ArrayList<>();
    Map<String, List<String>> grown = new LinkedHashMap<>(members);
    while (invitees.size() < limit) {
      int best = -1;
      double bestScore = 0;
      for (int i = 0; i < pool.size(); i++) {
        if (taken[i] >= pool.get(i).sampleIds().size()) {
          continue;
        }
        double score = 0;
        for (String tag : pool.get(i).tags()) {
          score += shares.get(tag) * (size + 1) - counts.getOrDefault(tag, 0);
        }
        if (score > bestScore + 1e-9) {
          best = i;
          bestScore = score;
        }
      }
      if (best < 0) {
        break;
      }
      TagCombination pick = pool.get(best);
      String id = pick.sampleIds().get(taken[best]++);
      invitees.add(new Suggestion.Invitee(id, pick.tags()));
      grown.put(id, pick.tags());
      pick.tags().forEach(t -> counts.merge(t, 1, Integer::sum));
      size++;
    }
    return new Suggestion(shares, invitees, before, mix(grown, shares.keySet()));
  }

  /** Members now, members who wrote in the last 7 days, and per day of the last 28 the writers and messages. */
  public Health health(long tenantId, long communityId) {
    ZoneId zone = tenants.find(tenantId).map(Tenant::timeZone).orElse(ZoneOffset.UTC);
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    LocalDate first = today.minusDays(TREND_DAYS - 1);
    int members = communities.members(tenantId, communityId).size();
    int active = jdbc.sql("""
            select count(distinct m.customer_id) from community_messages m
            join community_members cm on cm.community_id = m.community_id and cm.customer_id = m.customer_id
              and cm.left_at is null
            where m.tenant_id = :t and m.community_id = :c and m.direction = 'IN' and m.received_at > :since""")
        .param("t", tenantId).param("c", communityId)
        .param("since", Timestamp.from(clock.instant().minus(Duration.ofDays(7)))).query(Integer.class).single();
    Map<LocalDate, Health.Day> byDay = new HashMap<>();
    jdbc.sql("""
            select (received_at at time zone :zone)::date as day, count(distinct customer_id) as writers,
              count(*) as messages
            from community_messages
            where tenant_id = :t and community_id = :c and direction = 'IN' and received_at >= :from
            group by 1""")
        .param("zone", zone.getId()).param("t", tenantId).param("c", communityId)
        .param("from", Timestamp.from(first.atStartOfDay(zone).toInstant()))
        .query((rs, n) -> new Health.Day(rs.getObject("day", LocalDate.class), rs.getInt("writers"),
            rs.getInt("messages")))
        .list().forEach(d -> byDay.put(d.day(), d));
    List<Health.Day> days = first.datesUntil(today.plusDays(1))
        .map(d -> byDay.getOrDefault(d, new Health.Day(d, 0, 0))).toList();
    return new Health(members, active, days);
  }

  private Map<String, List<String>> memberTags(long tenantId, long communityId) {
    List<String> ids = communities.members(tenantId, communityId).stream().map(Member::customerId).toList();
    Map<String, List<String>> tags = customers.tagsOf(tenantId, ids);
    Map<String, List<String>> byMember = new LinkedHashMap<>();
    ids.forEach(id -> byMember.put(id, tags.getOrDefault(id, List.of())));
    return byMember;
  }

  static TagMix mix(Map<String, List<String>> members, Collection<String> considered) {
    Map<String, Integer> holders = new HashMap<>();
    if (considered != null) {
      considered.forEach(t -> holders.put(t, 0));
    }
    int multi = 0;
    for (List<String> tags : members.values()) {
      int held = 0;
      for (String tag : new TreeSet<>(tags)) {
        if (considered == null || considered.contains(tag)) {
          holders.merge(tag, 1, Integer::sum);
          held++;
        }
      }
      multi += held >= 2 ? 1 : 0;
    }
    int n = members.size();
    List<TagMix.TagShare> shares = holders.entrySet().stream()
        .map(e -> new TagMix.TagShare(e.getKey(), e.getValue(), n == 0 ? 0 : (double) e.getValue() / n))
        .sorted(Comparator.comparingInt(TagMix.TagShare::members).reversed().thenComparing(TagMix.TagShare::tag))
        .toList();
    long wellRepresented = shares.stream().filter(s -> s.share() >= TagMix.WELL_REPRESENTED).count();
    return new TagMix(n, shares, multi, n > 0 && wellRepresented <= 1);
  }

  /**
   * A target written as {@code insurance:40,loan:30,wealth:30} (weights are relative; a tag
   * without one weighs 1).
   *
   * @throws IllegalArgumentException for a weight that is not a positive number, or no tag at all
   */
  public static Map<String, Double> target(String spec) {
    Map<String, Double> target = new LinkedHashMap<>();
    for (String part : spec == null ? new String[0] : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.lastIndexOf(':');
      String tag = (colon < 0 ? part : part.substring(0, colon)).strip();
      double weight;
      try {
        weight = colon < 0 ? 1 : Double.parseDouble(part.substring(colon + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("weight of " + tag + " is not a number");
      }
      if (tag.isEmpty() || !(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("each tag needs a name and a positive weight");
      }
      target.merge(tag, weight, Double::sum);
    }
    if (target.isEmpty()) {
      throw new IllegalArgumentException("name at least one tag");
    }
    return target;
  }

  private static Map<String, Double> normalised(Map<String, Double> target) {
    double sum = target.values().stream().filter(v -> v != null && v > 0).mapToDouble(Double::doubleValue).sum();
    if (sum <= 0) {
      throw new IllegalArgumentException("a target needs at least one tag with a positive weight");
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    target.forEach((tag, w) -> {
      if (w != null && w > 0 && tag != null && !tag.isBlank()) {
        shares.put(tag.strip(), w / sum);
      }
    });
    return shares;
  }
}
