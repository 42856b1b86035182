package dev.flywheel.customer;

import static dev.flywheel.customer.EventFeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.event.EventAccepted;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events are buffered per transaction and applied in one set-based flush before commit: nothing
 * is written per event, and the result equals applying each customer's events in time order.
 */
@RunningFlywheel
@RecordApplicationEvents
class EventBatchingTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired MovableClock clock;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEvents published;

  private static final String[] STORY = {"registered", "app_login", "application_step", "risk_decision",
      "funder_decision", "drawdown", "repayment_due", "repayment", "drawdown", "share"};

  @Test
  void aThousandEventsForAHundredCustomersAreAppliedInOneFlushAtCommit() {
    long tenant = tenants.create().id();
    Instant base = clock.instant().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(1));
    List<EventAccepted> events = new ArrayList<>();
    for (int c = 0; c < 100; c++) {
      for (int step = 0; step < STORY.length; step++) {
        events.add(anEvent(tenant, "b-" + c, STORY[step]).at(base.plus(Duration.ofMinutes(step)))
            .with("platform", "app").with("step", "s" + step).with("result", step == 3 ? "passed" : "approved")
            .with("funder", "f").with("credit_line", new BigDecimal("1000")).with("settled", true)
            .channel(step == 0 ? "ch-" + (c % 3) : null).build());
      }
    }
    Collections.shuffle(events, new Random(42));

    long visibleInsideTransaction = transactions.execute(status -> {
      events.forEach(publisher::publishEvent);
      return jdbc.sql("select count(*) from customers where tenant_id = :t").param("t", tenant)
          .query(Long.class).single();
    });

    assertThat(visibleInsideTransaction).as("nothing is written per event").isZero();
    assertThat(customers.countByLoanStage(tenant)).containsEntry(LoanStage.RELOAN, 100L);
    CustomerProfile one = customers.find(tenant, "b-7").orElseThrow();
    assertThat(one.acquisitionChannel()).isEqualTo("ch-1");
    assertThat(one.registeredAt()).isEqualTo(base);
    assertThat(one.createdAt()).as("first seen = earliest event").isEqualTo(base);
    assertThat(one.lifecycle().lastActiveAt()).isEqualTo(base.plus(Duration.ofMinutes(9)));
    assertThat(one.lifecycle().activeDays()).isEqualTo(1);
    assertThat(customers.stageHistory(tenant, "b-7")).extracting(StageTransition::to)
        .containsExactly("LOGGED_IN", "APPLYING", "RISK_PASSED", "FUNDER_APPROVED", "DRAWN_DOWN",
            "REPAYING", "REPAID", "RELOAN");
    long history = jdbc.sql("select count(*) from customer_stage_history where tenant_id = :t")
        .param("t", tenant).query(Long.class).single();
    assertThat(history).isEqualTo(800);
    assertThat(published.stream(LoanStageChanged.class).filter(e -> e.tenantId() == tenant)).hasSize(800);
  }

  @Test
  void aRolledBackIngestionLeavesNoCustomerBehind() {
    long tenant = tenants.create().id();
    transactions.executeWithoutResult(status -> {
      publisher.publishEvent(anEvent(tenant, "ghost", "registered").build());
      status.setRollbackOnly();
    });
    assertThat(customers.find(tenant, "ghost")).isEmpty();
  }

  @Test
  void withoutATransactionAnEventIsAppliedAtOnce() {
    long tenant = tenants.create().id();
    publisher.publishEvent(anEvent(tenant, "direct", "app_login").at(clock.instant()).build());
    assertThat(customers.find(tenant, "direct").orElseThrow().loan().stage()).isEqualTo(LoanStage.LOGGED_IN);
  }

  @Test
  void aReadInsideTheIngestionTransactionSeesTheBufferedEvents() {
    long tenant = tenants.create().id();
    LoanStage seen = transactions.execute(status -> {
      publisher.publishEvent(anEvent(tenant, "ryw", "app_login").at(clock.instant()).build());
      return customers.find(tenant, "ryw").orElseThrow().loan().stage();
    });
    assertThat(seen).isEqualTo(LoanStage.LOGGED_IN);
  }
}
