package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.Customers;
import dev.flywheel.platform.security.Role;
import dev.flywheel.platform.tenancy.Tenants;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import dev.flywheel.support.TestTenants.TestTenant;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tag mix, the single-need warning, membership suggestions and health, each against a naive reading. */
@RunningFlywheel
class CommunityInsightsTest {
  @Autowired TestTenants tenants;
  @Autowired Tenants allTenants;
  @Autowired Communities communities;
  @Autowired CommunityChat chat;
  @Autowired CommunityInsights insights;
  @Autowired Customers customers;
  @Autowired MovableClock clock;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  private TestTenant tenant;

  @BeforeEach
  void tenant() {
    tenant = tenants.create();
  }

  private long community(String name) {
    return ((CommunityResult.Done) communities.create(tenant.id(), new CommunityDraft(name, "", ChatKind.WEB_ROOM, null,
        List.of(tenant.user(Role.EMPLOYEE))), "test")).community().id();
  }

  private void customer(String id, String... tags) {
    customers.saveProfile(tenant.id(), id, Map.of("name", id));
    customers.addTags(tenant.id(), Map.of(id, List.of(tags)));
  }

  private void members(long community, String... ids) {
    for (String id : ids) {
      assertThat(communities.join(tenant.id(), community, id, id)).isInstanceOf(CommunityResult.Done.class);
    }
  }

  @Test
  void theTagMixAndMultiNeedShareEqualANaiveCountOfTheMembersTags() {
    long mixed = community("Mixed");
    customer("m1", "insurance", "loan");
    customer("m2", "loan", "wealth", "vip");
    customer("m3", "wealth");
    customer("m4");
    customer("m5", "insurance", "loan", "wealth");
    customer("gone", "insurance");
    customer("outside", "insurance", "loan");
    members(mixed, "m1", "m2", "m3", "m4", "m5", "gone");
    communities.leave(tenant.id(), mixed, "gone");

    TagMix mix = insights.tagMix(tenant.id(), mixed);

    Map<String, Integer> naive = new HashMap<>();
    jdbc.sql("""
            select t, count(*) from community_members m join customers c on c.tenant_id = m.tenant_id
              and c.id = m.customer_id cross join unnest(c.tags) t
            where m.community_id = :c and m.left_at is null group by t""").param("c", mixed)
        .query(rs -> {
          naive.put(rs.getString(1), rs.getInt(2));
        });
    int naiveMembers = jdbc.sql("select count(*) from community_members where community_id = :c and left_at is null")
        .param("c", mixed).query(Integer.class).single();
    int naiveMulti = jdbc.sql("""
            select count(*) from community_members m join customers c on c.tenant_id = m.tenant_id
              and c.id = m.customer_id where m.community_id = :c and m.left_at is null and cardinality(c.tags) >= 2""")
        .param("c", mixed).query(Integer.class).single();
    assertThat(mix.members()).isEqualTo(naiveMembers).isEqualTo(5);
    Map<String, Integer> got = new HashMap<>();
    mix.tags().forEach(t -> {
      got.put(t.tag(), t.members());
      assertThat(t.share()).isEqualTo((double) t.members() / naiveMembers);
    });
    assertThat(got).isEqualTo(naive);
    assertThat(mix.multiNeed()).isEqualTo(naiveMulti).isEqualTo(3);
    assertThat(mix.tags().getFirst().tag()).as("most held first").isIn("loan", "wealth");
    assertThat(mix.singleNeed()).isFalse();

    ApiClient.Response api = new ApiClient(port, tenant.apiKey()).get("/api/v1/communities/" + mixed + "/tag-mix");
    assertThat(api.body()).containsEntry("members", 5).containsEntry("multi_need", 3).containsEntry("single_need", false);
  }

  @Test
  void aCommunityWhereOnlyOneNeedIsWellRepresentedIsWarnedAbout() {
    long loans = community("Loans only");
    for (int i = 0; i < 9; i++) {
      customer("l" + i, "loan");
    }
    customer("l9", "loan", "insurance");
    members(loans, "l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9");
    long empty = community("Empty");

    TagMix mix = insights.tagMix(tenant.id(), loans);
    assertThat(mix.tags()).extracting(TagMix.TagShare::tag, TagMix.TagShare::percent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("loan", 100), org.assertj.core.groups.Tuple.tuple("insurance", 10));
    assertThat(mix.singleNeed()).as("insurance at 10% is below the 20% line").isTrue();
    assertThat(insights.tagMix(tenant.id(), empty).singleNeed()).as("no members, nothing to warn about").isFalse();

    customer("i1", "insurance");
    members(loans, "i1");
    assertThat(insights.tagMix(tenant.id(), loans).singleNeed()).as("2 of 11 hold insurance: 18%").isTrue();
    customer("i2", "insurance", "wealth");
    members(loans, "i2");
    assertThat(insights.tagMix(tenant.id(), loans).singleNeed()).as("3 of 12 hold insurance: 25%").isFalse();
  }

  @Test
  void suggestionsPickTheMostUnderRepresentedNeedsMultiNeedFirstAndStopWhenNobodyHelps() {
    long club = community("Club");
    for (String id : List.of("a", "b", "c", "d")) {
      customer(id, "loan");
    }
    members(club, "a", "b", "c", "d");
    customer("c-iw1", "insurance", "wealth");
    customer("c-iw2", "wealth", "insurance", "vip");
    customer("c-i1", "insurance");
    customer("c-w1", "wealth");
    customer("c-l1", "loan");
    customer("c-ilw", "insurance", "loan", "wealth");
    customer("c-none", "vip");

    Suggestion s = insights.suggest(tenant.id(), club, CommunityInsights.target("insurance:1,loan:1,wealth:1"), 10);

    assertThat(s.invitees()).extracting(Suggestion.Invitee::customerId).containsExactly("c-iw1", "c-iw2", "c-i1", "c-w1");
    assertThat(s.invitees().getFirst().tags()).containsExactly("insurance", "wealth");
    assertThat(s.before().members()).isEqualTo(4);
    assertThat(s.after().members()).isEqualTo(8);
    assertThat(distance(s.after(), s.target())).isLessThan(distance(s.before(), s.target()));
    assertThat(s.after().tags()).extracting(TagMix.TagShare::tag, TagMix.TagShare::members).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("loan", 4), org.assertj.core.groups.Tuple.tuple("insurance", 3),
        org.assertj.core.groups.Tuple.tuple("wealth", 3));
    assertThat(s.after().singleNeed()).isFalse();
    assertThat(s.before().singleNeed()).isTrue();

    // over insurance and wealth only, c-ilw holds the same two (its loan is not considered); ids break the tie
    assertThat(insights.suggest(tenant.id(), club, CommunityInsights.target("insurance,wealth"), 2).invitees())
        .extracting(Suggestion.Invitee::customerId).containsExactly("c-ilw", "c-iw1");
    ApiClient api = new ApiClient(port, tenant.apiKey());
    ApiClient.Response viaApi = api.get("/api/v1/communities/" + club + "/suggestions?target=insurance:1,loan:1,wealth:1");
    List<Map<String, Object>> invitees = viaApi.get("invitees");
    assertThat(invitees).extracting(i -> i.get("customer_id")).containsExactly("c-iw1", "c-iw2", "c-i1", "c-w1");
    assertThat(api.get("/api/v1/communities/" + club + "/suggestions?target=loan:x").status()).isEqualTo(400);
  }

  private static double distance(TagMix mix, Map<String, Double> target) {
    Map<String, Double> shares = new LinkedHashMap<>();
    mix.tags().forEach(t -> shares.put(t.tag(), t.share()));
    double sum = 0;
    for (var e : target.entrySet()) {
      sum += Math.abs(shares.getOrDefault(e.getKey(), 0.0) - e.getValue());
    }
    return sum;
  }

  @Test
  void healthCountsWritersPerDayAndActiveMembersLikeANaiveCount() {
    long club = community("Health");
    for (String id : List.of("h1", "h2", "h3", "h4")) {
      customer(id);
    }
    members(club, "h1", "h2", "h3", "h4");
    int seq = 0;
    String[][] days = {{"h1", "h2", "h1"}, {"h3"}, {}, {"h1", "h4"}, {"h2"}, {}, {}, {"h1", "h2", "h3"}, {"h4"}, {"h2"}};
    for (String[] writers : days) {
      for (String w : writers) {
        chat.receive(tenant.id(), club, new Inbound("x-" + seq++, w, w, "hi"));
        clock.advance(Duration.ofMinutes(7));
      }
      chat.receive(tenant.id(), club, new Inbound("guest-" + seq++, null, "Guest", "anonymous"));
      clock.advance(Duration.ofHours(23));
    }
    communities.leave(tenant.id(), club, "h4");

    Health health = insights.health(tenant.id(), club);

    ZoneId zone = allTenants.find(tenant.id()).orElseThrow().timeZone();
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    assertThat(health.days()).hasSize(28);
    assertThat(health.days().getLast().day()).isEqualTo(today);
    for (Health.Day day : health.days()) {
      Timestamp from = Timestamp.from(day.day().atStartOfDay(zone).toInstant());
      Timestamp to = Timestamp.from(day.day().plusDays(1).atStartOfDay(zone).toInstant());
      Map<String, Object> naive = jdbc.sql("""
              select count(distinct customer_id) as writers, count(*) as messages from community_messages
              where community_id = :c and direction = 'IN' and received_at >= :from and received_at < :to""")
          .param("c", club).param("from", from).param("to", to).query().singleRow();
      assertThat(day.writers()).as(day.day().toString()).isEqualTo(((Number) naive.get("writers")).intValue());
      assertThat(day.messages()).as(day.day().toString()).isEqualTo(((Number) naive.get("messages")).intValue());
    }
    int naiveActive = jdbc.sql("""
            select count(distinct customer_id) from community_messages where community_id = :c and direction = 'IN'
              and received_at > :since and customer_id in (select customer_id from community_members
                where community_id = :c and left_at is null)""")
        .param("c", club).param("since", Timestamp.from(clock.instant().minus(Duration.ofDays(7))))
        .query(Integer.class).single();
    assertThat(health.activeMembers()).isEqualTo(naiveActive);
    assertThat(health.members()).isEqualTo(3);
    assertThat(health.days().stream().mapToInt(Health.Day::writers).sum()).isPositive();
    assertThat(health.activeMembers()).as("h1, h2, h3; h4 wrote lately but left").isEqualTo(3);
  }
}
