package dev.flywheel.customer;

import static dev.flywheel.customer.EventFeed.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/** The loan stage follows a borrower through the whole funnel of seed 002, whatever the delivery order. */
@RunningFlywheel
@RecordApplicationEvents
class LoanStageFunnelTest {
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired MovableClock clock;
  @Autowired ApplicationEventPublisher publisher;
  @Autowired TransactionTemplate transactions;
  @Autowired ApplicationEvents published;
  EventFeed feed;
  long tenant;
  Instant t0;

  @BeforeEach
  void setUp() {
    feed = new EventFeed(publisher, transactions);
    tenant = tenants.create().id();
    t0 = clock.instant().minus(Duration.ofDays(5));
  }

  private Instant t(int minutes) {
    return t0.plus(Duration.ofMinutes(minutes));
  }

  private CustomerProfile.Loan loan(String id) {
    return customers.find(tenant, id).orElseThrow().loan();
  }

  @Test
  void aBorrowerMovesThroughTheWholeFunnelAndReloans() {
    String id = "c-funnel";
    feed.deliver(anEvent(tenant, id, "registered").at(t(0)).with("platform", "h5").channel("douyin").build());
    CustomerProfile registered = customers.find(tenant, id).orElseThrow();
    assertThat(registered.loan().stage()).isEqualTo(LoanStage.REGISTERED);
    assertThat(registered.loan().h5Only()).isTrue();
    assertThat(registered.acquisitionChannel()).isEqualTo("douyin");
    assertThat(registered.acquiredAt()).isEqualTo(t(0));

    feed.deliver(anEvent(tenant, id, "app_login").at(t(1)).build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.LOGGED_IN);
    assertThat(loan(id).h5Only()).isFalse();

    feed.deliver(anEvent(tenant, id, "application_step").at(t(2)).with("step", "id_card").build(),
        anEvent(tenant, id, "application_step").at(t(3)).with("step", "bank_card").build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.APPLYING);
    assertThat(loan(id).applicationStep()).isEqualTo("bank_card");

    feed.deliver(anEvent(tenant, id, "risk_decision").at(t(4)).with("result", "passed").build());
    feed.deliver(anEvent(tenant, id, "funder_decision").at(t(5)).with("funder", "bank-a")
        .with("result", "approved").with("credit_line", new BigDecimal("20000.00")).build());
    CustomerProfile.Loan approved = loan(id);
    assertThat(approved.stage()).isEqualTo(LoanStage.FUNDER_APPROVED);
    assertThat(approved.funder()).isEqualTo("bank-a");
    assertThat(approved.creditLine()).isEqualByComparingTo("20000");
    assertThat(approved.enteredAt()).isEqualTo(t(5));

    feed.deliver(anEvent(tenant, id, "drawdown").at(t(6)).with("amount", new BigDecimal("5000")).build());
    feed.deliver(anEvent(tenant, id, "app_login").at(t(7)).build());
    assertThat(loan(id).stage()).as("a login after drawdown does not reset the stage").isEqualTo(LoanStage.DRAWN_DOWN);

    feed.deliver(anEvent(tenant, id, "repayment_due").at(t(8)).build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.REPAYING);
    feed.deliver(anEvent(tenant, id, "overdue").at(t(9)).with("days", 3L).build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.OVERDUE);
    assertThat(loan(id).overdueDays()).isEqualTo(3);
    feed.deliver(anEvent(tenant, id, "overdue").at(t(10)).with("days", 4L).build());
    assertThat(loan(id).overdueDays()).isEqualTo(4);
    feed.deliver(anEvent(tenant, id, "repayment").at(t(11)).with("settled", false).build());
    assertThat(loan(id).stage()).as("a partial repayment does not cure overdue").isEqualTo(LoanStage.OVERDUE);
    feed.deliver(anEvent(tenant, id, "repayment").at(t(12)).with("settled", true).build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.REPAID);
    assertThat(loan(id).overdueDays()).isNull();
    feed.deliver(anEvent(tenant, id, "drawdown").at(t(13)).build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.RELOAN);

    assertThat(customers.stageHistory(tenant, id).stream().filter(h -> h.kind().equals("LOAN"))
        .map(h -> h.from() + ">" + h.to() + "@" + h.cause()))
        .containsExactly("REGISTERED>LOGGED_IN@app_login", "LOGGED_IN>APPLYING@application_step",
            "APPLYING>RISK_PASSED@risk_decision", "RISK_PASSED>FUNDER_APPROVED@funder_decision",
            "FUNDER_APPROVED>DRAWN_DOWN@drawdown", "DRAWN_DOWN>REPAYING@repayment_due",
            "REPAYING>OVERDUE@overdue", "OVERDUE>REPAID@repayment", "REPAID>RELOAN@drawdown");
    assertThat(published.stream(LoanStageChanged.class).filter(e -> e.customerId().equals(id)))
        .extracting(LoanStageChanged::to).containsExactly(LoanStage.LOGGED_IN, LoanStage.APPLYING,
            LoanStage.RISK_PASSED, LoanStage.FUNDER_APPROVED, LoanStage.DRAWN_DOWN, LoanStage.REPAYING,
            LoanStage.OVERDUE, LoanStage.REPAID, LoanStage.RELOAN);
  }

  @Test
  void eventsShuffledWithinOneBatchAreAppliedInOccurrenceOrder() {
    String id = "c-shuffled";
    feed.deliver(
        anEvent(tenant, id, "drawdown").at(t(5)).build(),
        anEvent(tenant, id, "risk_decision").at(t(3)).with("result", "passed").build(),
        anEvent(tenant, id, "registered").at(t(0)).with("platform", "app").build(),
        anEvent(tenant, id, "funder_decision").at(t(4)).with("result", "approved").with("funder", "f1").build(),
        anEvent(tenant, id, "app_login").at(t(1)).build(),
        anEvent(tenant, id, "application_step").at(t(2)).with("step", "basic").build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.DRAWN_DOWN);
    assertThat(customers.stageHistory(tenant, id)).filteredOn(h -> h.kind().equals("LOAN"))
        .extracting(StageTransition::to)
        .containsExactly("LOGGED_IN", "APPLYING", "RISK_PASSED", "FUNDER_APPROVED", "DRAWN_DOWN");
  }

  @Test
  void aLateEventOlderThanTheCurrentStageDoesNotMoveIt() {
    String id = "c-late";
    feed.deliver(anEvent(tenant, id, "registered").at(t(0)).with("platform", "app").build(),
        anEvent(tenant, id, "app_login").at(t(1)).build(),
        anEvent(tenant, id, "risk_decision").at(t(10)).with("result", "passed").build());
    // delivered later, occurred earlier: a rejection from before the pass must not undo it
    feed.deliver(anEvent(tenant, id, "risk_decision").at(t(5)).with("result", "rejected").build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.RISK_PASSED);
    assertThat(loan(id).enteredAt()).isEqualTo(t(10));
  }

  @Test
  void rejectedApplicantsCanReapplyButABorrowerIsNeverSentBack() {
    String id = "c-rejected";
    feed.deliver(anEvent(tenant, id, "application_step").at(t(0)).with("step", "basic").build(),
        anEvent(tenant, id, "risk_decision").at(t(1)).with("result", "rejected").build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.RISK_REJECTED);
    feed.deliver(anEvent(tenant, id, "application_step").at(t(2)).with("step", "basic").build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.APPLYING);
    feed.deliver(anEvent(tenant, id, "drawdown").at(t(3)).build(),
        anEvent(tenant, id, "application_step").at(t(4)).with("step", "basic").build(),
        anEvent(tenant, id, "funder_decision").at(t(5)).with("result", "rejected").build());
    assertThat(loan(id).stage()).isEqualTo(LoanStage.DRAWN_DOWN);
  }
}
