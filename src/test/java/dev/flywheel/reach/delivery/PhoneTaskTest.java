package dev.flywheel.reach.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.PhoneTaskOutcome;
import dev.flywheel.reach.delivery.send.Attempts;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.Race;
import dev.flywheel.support.TestTenants;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/** Phone tasks: queued for employees, claimed by exactly one, outcomes published. */
@RunningFlywheel
@RecordApplicationEvents
class PhoneTaskTest {
  @Autowired TestTenants tenants;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Delivery delivery;
  @Autowired Attempts attempts;
  @Autowired PhoneTasks tasks;
  @Autowired MovableClock clock;
  @Autowired ApplicationEvents events;
  @LocalServerPort int port;
  private DeliveryFixture fixture;
  private TestTenants.TestTenant tenant;

  @BeforeEach
  void setUp() {
    fixture = new DeliveryFixture(jdbc, tx, delivery, clock);
    tenant = tenants.create();
    new ApiClient(port, tenant.apiKey()).put("/api/v1/customers/C-1",
        Map.of("name", "Chen Jing", "phone", "13800001111", "tags", List.of("approved")));
  }

  @Test
  void aPhoneTaskMessageBecomesAnOpenTaskWithMaskedCustomerContext() {
    long id = task();

    var listed = new ApiClient(port, tenant.apiKey()).get("/api/v1/reach/phone-tasks?status=open");

    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.<Number>get("total").intValue()).isEqualTo(1);
    assertThat(listed.raw()).contains("\"message_id\":" + id).contains("\"phone_masked\":\"138****1111\"")
        .contains("\"display_name_masked\":\"C*** J***\"").contains("Call about the drawdown")
        .doesNotContain("13800001111").doesNotContain("Chen Jing");
    assertThat(fixture.status(id)).isEqualTo("SENT");
  }

  @Test
  void twoEmployeesRacingForTheNextTaskNeverGetTheSameOne() throws Exception {
    for (int round = 0; round < 5; round++) {
      long id = task();
      List<Optional<PhoneTask>> claimed = race(who -> tasks.claimNext(tenant.id(), who));
      assertThat(claimed.stream().filter(Optional::isPresent).toList()).as("round " + round)
          .singleElement().satisfies(t -> assertThat(t.orElseThrow().messageId()).isEqualTo(id));
    }
    long id = task();
    List<Optional<PhoneTask>> claimed = race(who -> tasks.claim(tenant.id(), id, who));
    assertThat(claimed.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    String winner = tasks.find(tenant.id(), id).orElseThrow().claimedBy();
    assertThat(winner).isIn("employee-a", "employee-b");
  }

  @Test
  void onlyTheClaimerRecordsTheOutcomeWhichIsPublishedAndMovesTheMessage() {
    long reached = task();
    long silent = task();
    tasks.claim(tenant.id(), reached, "employee-a");
    tasks.claim(tenant.id(), silent, "employee-a");

    assertThat(tasks.record(tenant.id(), reached, "employee-b", PhoneTaskOutcome.Outcome.REACHED, null))
        .isEqualTo(new PhoneTasks.Recording.Refused("not-yours"));
    var recorded = tasks.record(tenant.id(), reached, "employee-a", PhoneTaskOutcome.Outcome.PROMISED,
        "will draw down on Friday");
    tasks.record(tenant.id(), silent, "employee-a", PhoneTaskOutcome.Outcome.NO_ANSWER, "");

    assertThat(recorded).isInstanceOf(PhoneTasks.Recording.Recorded.class);
    assertThat(events.stream(PhoneTaskOutcome.class).filter(e -> e.tenantId() == tenant.id()))
        .extracting(PhoneTaskOutcome::messageId, PhoneTaskOutcome::outcome, PhoneTaskOutcome::note,
            PhoneTaskOutcome::recordedBy, PhoneTaskOutcome::customerId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(reached, PhoneTaskOutcome.Outcome.PROMISED,
                "will draw down on Friday", "employee-a", "C-1"),
            org.assertj.core.groups.Tuple.tuple(silent, PhoneTaskOutcome.Outcome.NO_ANSWER, null, "employee-a",
                "C-1"));
    assertThat(fixture.status(reached)).isEqualTo("DELIVERED");
    assertThat(fixture.status(silent)).isEqualTo("FAILED");
    assertThat(fixture.reason(silent)).isEqualTo("no-answer");
    assertThat(tasks.record(tenant.id(), reached, "employee-a", PhoneTaskOutcome.Outcome.REFUSED, null))
        .isEqualTo(new PhoneTasks.Recording.Refused("not-yours"));
  }

  private long task() {
    long id = fixture.queue(tenant.id(), "C-1", Channel.PHONE_TASK, null, "Call about the drawdown",
        "Say hello; remind them the credit line is ready.");
    attempts.runDue(tenant.id(), 10);
    return id;
  }

  private List<Optional<PhoneTask>> race(Function<String, Optional<PhoneTask>> claim) throws Exception {
    List<String> employees = List.of("employee-a", "employee-b");
    return Race.run(employees.size(), i -> claim.apply(employees.get(i)));
  }
}
