package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
import dev.flywheel.community.ActivityLibrary;
import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.CommunityChat;
import dev.flywheel.community.CommunityInsights;
import dev.flywheel.community.ContentCalendar;
import dev.flywheel.community.Game;
import dev.flywheel.community.GameRound;
import dev.flywheel.community.Games;
import dev.flywheel.community.PostKind;
import dev.flywheel.event.EventIngestion;
import dev.flywheel.event.IncomingEvent;
import dev.flywheel.event.IngestionResult;
import dev.flywheel.ledger.Asset;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.security.ApiKeys;
import dev.flywheel.platform.security.ConsoleUsers;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RunningFlywheel
class DemoSetupTest {
  @Autowired DemoSetup demo;
  @Autowired DemoCampaigns demoCampaigns;
  @Autowired ConsoleUsers users;
  @Autowired ApiKeys apiKeys;
  @Autowired Campaigns campaigns;
  @Autowired EventIngestion ingestion;
  @Autowired Ledger ledger;
  @Autowired MovableClock clock;
  @Autowired Simulation simulation;
  @Autowired DemoCommunities demoCommunities;
  @Autowired Communities communities;
  @Autowired CommunityInsights insights;
  @Autowired CommunityChat chat;
  @Autowired ContentCalendar calendar;
  @Autowired ActivityLibrary library;
  @Autowired Games games;

  @Test
  void theDemoTenantHasItsLoginsKeyRunningGivebackCampaignsAndCommunities() {
    var tenant = demo.createTenant();
    demoCampaigns.create(tenant.id());

    assertThat(users.list(tenant.id())).extracting(u -> u.username())
        .containsExactlyInAnyOrder("admin@demo", "approver@demo", "employee@demo", "operator@demo");
    assertThat(apiKeys.list(tenant.id())).singleElement().satisfies(k -> assertThat(k.prefix()).isEqualTo("demo0000"));
    assertThat(campaigns.list(tenant.id(), CampaignStatus.RUNNING, 10)).hasSize(2);

    var result = ingestion.ingest(tenant.id(), IncomingEvent.of("demo-inv-1", "U1", "investment",
        clock.instant().plus(Duration.ofMinutes(1)),
        Map.of("amount", new BigDecimal("5000.00"), "product", "monthly_plus", "term_days", 30L)));

    assertThat(result).isInstanceOf(IngestionResult.Accepted.class);
    var wallet = ledger.wallet(tenant.id(), "U1");
    assertThat(wallet.balances().get(Asset.POINTS).available()).as("5,000 yuan at 10:1").isEqualTo(500);
    assertThat(wallet.balances().get(Asset.LOTTERY_CHANCE).available()).isEqualTo(1);

    theDemoTenantHasCommunitiesOfMixedNeedsWithACalendarALibraryAndAPlayedQuiz(tenant);
  }

  /** The demo tenant is created once per database, so the first test goes on here. */
  private void theDemoTenantHasCommunitiesOfMixedNeedsWithACalendarALibraryAndAPlayedQuiz(
      dev.flywheel.platform.tenancy.Tenant tenant) {
    simulation.run(tenant.id(), new SimulationPlan(2026, 300, 20, clock.instant(), "C"));
    demoCommunities.create(tenant.id());

    assertThat(users.list(tenant.id())).filteredOn(u -> u.username().equals(DemoCommunities.MANAGER))
        .singleElement().satisfies(u -> assertThat(u.roles()).contains(dev.flywheel.platform.security.Role.EMPLOYEE));
    List<Community> all = communities.list(tenant.id());
    assertThat(all).hasSize(3).allSatisfy(c -> {
      assertThat(c.managedBy(DemoCommunities.MANAGER)).isTrue();
      assertThat(communities.members(tenant.id(), c.id())).hasSizeGreaterThanOrEqualTo(10);
      var mix = insights.tagMix(tenant.id(), c.id());
      assertThat(mix.tags()).as("tags in " + c.name()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(mix.multiNeed()).as("members with several needs in " + c.name()).isPositive();
    });
    Community club = all.stream().filter(c -> c.name().startsWith("Wealth")).findFirst().orElseThrow();
    assertThat(calendar.templates(tenant.id())).singleElement().satisfies(t -> assertThat(t.slots()).hasSize(6));
    assertThat(calendar.week(tenant.id(), club.id(), calendar.today(tenant.id()).plusWeeks(1))).hasSize(6);
    assertThat(library.search(tenant.id(), null, null, null)).hasSize(5)
        .anySatisfy(a -> assertThat(a.script().durationMinutes()).isEqualTo(240))
        .anySatisfy(a -> assertThat(a.script().questions()).hasSize(3));

    Game quiz = games.list(tenant.id(), club.id()).getFirst();
    assertThat(quiz.status()).isEqualTo("ENDED");
    assertThat(quiz.source()).startsWith("library:");
    assertThat(quiz.rounds()).hasSize(3).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(GameRound.Status.CLOSED);
      assertThat(r.winnerCustomerId()).isNotNull();
      assertThat(r.grantId()).as("prize granted").isNotNull();
    });
    var state = games.state(tenant.id(), quiz.id()).orElseThrow();
    assertThat(state.productClicks()).isPositive();
    assertThat(state.participants()).isGreaterThan(1);
    assertThat(ledger.wallet(tenant.id(), quiz.rounds().getFirst().winnerCustomerId()).balances().get(Asset.POINTS)
        .available()).isGreaterThanOrEqualTo(100);
    assertThat(chat.latest(tenant.id(), club.id(), 200)).anySatisfy(m -> assertThat(m.inbound()).isTrue())
        .anySatisfy(m -> assertThat(m.kind()).isEqualTo(PostKind.PRODUCT))
        .filteredOn(m -> m.inbound() && m.kind() == PostKind.CHAT).hasSizeGreaterThanOrEqualTo(5);
  }
}
