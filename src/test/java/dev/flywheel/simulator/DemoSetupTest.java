package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.campaign.CampaignStatus;
import dev.flywheel.campaign.Campaigns;
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

  @Test
  void theDemoTenantHasItsLoginsKeyAndRunningGivebackCampaigns() {
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
  }
}
