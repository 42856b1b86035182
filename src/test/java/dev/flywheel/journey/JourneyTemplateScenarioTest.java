package dev.flywheel.journey;

import static dev.flywheel.reach.Channel.EMAIL;
import static dev.flywheel.reach.Channel.INBOX;
import static dev.flywheel.reach.Channel.PHONE_TASK;
import static dev.flywheel.reach.Channel.PUSH;
import static dev.flywheel.reach.Channel.SMS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.stage.LifecycleJob;
import dev.flywheel.support.ApiClient;
import dev.flywheel.support.RunningFlywheel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each built-in journey, created from its template with default parameters, walked through with a
 * moved clock on customers fed via the event API; messages are checked in reach.
 */
@RunningFlywheel
class JourneyTemplateScenarioTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  @Autowired ApplicationContext context;
  @LocalServerPort int port;
  JourneyWorld world;

  @BeforeEach
  void setUp() {
    world = JourneyWorld.from(context);
  }

  /** Never backwards: tomorrow (Shanghai) at {@code time}. */
  private LocalDate tomorrowAt(LocalTime time) {
    LocalDate day = world.clock.instant().atZone(SHANGHAI).toLocalDate().plusDays(1);
    world.clock.set(day.atTime(time).atZone(SHANGHAI).toInstant());
    return day;
  }

  /** Registered in the app, logged in, started applying. */
  private void applicant(String id) {
    world.customer(id);
    world.event(id, "registered", "platform", "app");
    world.event(id, "app_login");
    world.event(id, "application_step", "step", "basic_info");
  }

  private void approved(String id) {
    applicant(id);
    world.event(id, "risk_decision", "result", "passed");
    world.event(id, "funder_decision", "funder", "f1", "result", "approved", "credit_line", new BigDecimal("8000.00"));
  }

  @Test
  void stalledApplicationStepSendsTheDaysMessageUntilTheStepIsDone() {
    world.template("stalled-day-1", List.of(PUSH, SMS), "Day ${value.day}: add your ${value.step}");
    world.template("stalled-day-2", List.of(PUSH, SMS), "Still missing your ${value.step}");
    world.template("stalled-day-3", List.of(PUSH, SMS), "Last reminder: ${value.step}");
    long journey = world.fromTemplate("stalled-application-step", Map.of());
    tomorrowAt(LocalTime.of(10, 0));
    for (String id : List.of("stuck", "finisher")) {
      applicant(id);
      world.event(id, "application_step", "step", "id_verification");
    }
    world.runDue();

    world.pass(Duration.ofDays(1));
    assertThat(world.messages(journey, "stuck")).containsExactly("day-1:PUSH");
    assertThat(world.messages(journey, "finisher")).containsExactly("day-1:PUSH");
    world.pass(Duration.ofHours(5));
    world.event("finisher", "application_step", "step", "bank_card");
    world.pass(Duration.ofHours(19));
    assertThat(world.messages(journey, "stuck")).containsExactly("day-1:PUSH", "day-2:PUSH");
    world.pass(Duration.ofDays(1));
    assertThat(world.messages(journey, "stuck")).containsExactly("day-1:PUSH", "day-2:PUSH", "day-3:PUSH");
    world.pass(Duration.ofDays(3));

    assertThat(world.messages(journey, "finisher")).containsExactly("day-1:PUSH");
    assertThat(world.run(journey, "finisher")).isEqualTo("DONE:goal-reached");
    assertThat(world.run(journey, "stuck")).isEqualTo("DONE:completed");
    JourneyReport report = world.journeys.report(world.id(), journey);
    assertThat(report.entered()).isEqualTo(2);
    assertThat(report.steps()).filteredOn(s -> s.key().startsWith("day-"))
        .extracting(JourneyReport.StepFigures::key, JourneyReport.StepFigures::messages,
            JourneyReport.StepFigures::converted)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("day-1", 2L, 1L),
            org.assertj.core.groups.Tuple.tuple("day-2", 1L, 0L), org.assertj.core.groups.Tuple.tuple("day-3", 1L, 0L));
  }

  @Test
  void approvedButNotDrawnDownGetsPushThenSmsThenACallTask() {
    world.template("drawdown-push", List.of(PUSH), "Your credit line is ready");
    world.template("drawdown-sms", List.of(SMS), "Your credit line is waiting for you");
    world.template("drawdown-call", List.of(PHONE_TASK), "Call: approved, not drawn down");
    long journey = world.fromTemplate("approved-not-drawn", Map.of());
    tomorrowAt(LocalTime.of(10, 0));
    approved("waiter");
    approved("borrower");
    world.runDue();

    world.pass(Duration.ofDays(1));
    assertThat(world.messages(journey, "waiter")).containsExactly("push:PUSH");
    world.event("borrower", "drawdown", "amount", new BigDecimal("3000.00"));
    world.pass(Duration.ofDays(1));
    assertThat(world.messages(journey, "waiter")).containsExactly("push:PUSH", "sms:SMS");
    world.pass(Duration.ofDays(2));

    assertThat(world.messages(journey, "waiter")).containsExactly("push:PUSH", "sms:SMS", "call:PHONE_TASK");
    assertThat(world.messages(journey, "borrower")).containsExactly("push:PUSH");
    assertThat(world.run(journey, "borrower")).isEqualTo("DONE:goal-reached");
    assertThat(world.run(journey, "waiter")).isEqualTo("DONE:completed");
    assertThat(world.journeys.report(world.id(), journey).milestones()).containsEntry("drawdown", 1L);
  }

  @Test
  void repaymentRemindersGoNDaysAndOneDayBeforeTheDueDate() {
    world.template("repay-in-days", List.of(PUSH, SMS), "Due in ${value.days_before} days");
    world.template("repay-tomorrow", List.of(PUSH, SMS), "Due tomorrow");
    long journey = world.fromTemplate("repayment-reminders", Map.of("days_before", 3));
    LocalDate today = tomorrowAt(LocalTime.of(8, 0));
    String due = today.plusDays(5).toString();
    for (String id : List.of("payer", "forgetful")) {
      approved(id);
      world.event(id, "drawdown", "amount", new BigDecimal("3000.00"));
      world.event(id, "repayment_due", "due_date", due, "amount", new BigDecimal("3100.00"));
    }
    world.runDue();

    world.pass(Duration.ofDays(2));
    assertThat(world.messages(journey, "forgetful")).as("08:00, two days later: not yet").isEmpty();
    world.pass(Duration.ofHours(3));
    assertThat(world.messages(journey, "forgetful")).containsExactly("early:PUSH");
    world.event("payer", "repayment", "amount", new BigDecimal("3100.00"), "settled", true);
    world.pass(Duration.ofDays(1));
    assertThat(world.messages(journey, "forgetful")).as("the last reminder is due the day before").hasSize(1);
    world.pass(Duration.ofDays(1));

    assertThat(world.messages(journey, "forgetful")).containsExactly("early:PUSH", "last:PUSH");
    assertThat(world.messages(journey, "payer")).containsExactly("early:PUSH");
    assertThat(world.run(journey, "payer")).isEqualTo("DONE:goal-reached");
    assertThat(world.journeys.find(world.id(), journey).orElseThrow().draft().steps())
        .filteredOn(s -> s.type() == StepType.SEND)
        .allSatisfy(s -> assertThat(s.category()).isEqualTo(dev.flywheel.reach.MessageCategory.TRANSACTIONAL));
  }

  @Test
  void collectionRemindersEscalateOnOverdueDaysOneThreeAndSeven() {
    world.template("overdue-day-1-gentle", List.of(SMS), "A gentle reminder: ${value.tone}");
    world.template("overdue-day-3-firm", List.of(SMS), "Please repay now: ${value.tone}");
    world.template("overdue-day-7-final", List.of(SMS), "Final notice: ${value.tone}");
    long journey = world.fromTemplate("collection-reminders", Map.of());
    tomorrowAt(LocalTime.of(10, 0));
    for (String id : List.of("late", "very-late")) {
      approved(id);
      world.event(id, "drawdown", "amount", new BigDecimal("3000.00"));
      world.event(id, "overdue", "days", 1L);
    }
    world.runDue();
    assertThat(world.messages(journey, "very-late")).containsExactly("day-1:SMS");
    world.pass(Duration.ofDays(2));
    assertThat(world.messages(journey, "very-late")).containsExactly("day-1:SMS", "day-3:SMS");
    world.event("late", "repayment", "amount", new BigDecimal("3100.00"), "settled", true);
    world.pass(Duration.ofDays(4));

    assertThat(world.messages(journey, "very-late")).containsExactly("day-1:SMS", "day-3:SMS", "day-7:SMS");
    assertThat(world.messages(journey, "late")).containsExactly("day-1:SMS", "day-3:SMS");
    assertThat(world.run(journey, "late")).isEqualTo("DONE:goal-reached");
  }

  @Test
  void repaidWithoutReloanGetsAnOfferAfterNDays() {
    world.template("reloan-offer", List.of(PUSH), "Borrow again at a better rate");
    long journey = world.fromTemplate("repaid-no-reloan", Map.of("days", 7));
    tomorrowAt(LocalTime.of(10, 0));
    for (String id : List.of("idle", "returning")) {
      approved(id);
      world.event(id, "drawdown", "amount", new BigDecimal("3000.00"));
      world.event(id, "repayment", "amount", new BigDecimal("3100.00"), "settled", true);
    }
    world.runDue();
    world.pass(Duration.ofDays(3));
    world.event("returning", "drawdown", "amount", new BigDecimal("2000.00"));
    world.pass(Duration.ofDays(3));
    assertThat(world.messages(journey, "idle")).isEmpty();
    world.pass(Duration.ofDays(1));

    assertThat(world.messages(journey, "idle")).containsExactly("offer:PUSH");
    assertThat(world.messages(journey, "returning")).isEmpty();
    assertThat(world.run(journey, "returning")).isEqualTo("DONE:goal-reached");
  }

  @Test
  void rejectedCustomersAreRoutedToPartnerOffersByRejection() {
    world.template("partner-insurance", List.of(PUSH), "Free accident cover: ${value.offer_url}");
    world.template("partner-funders", List.of(PUSH), "Other lenders may say yes: ${value.offer_url}");
    long journey = world.fromTemplate("rejected-diversion", Map.of("funder_offer_url", "https://funders.example.com/x"));
    tomorrowAt(LocalTime.of(10, 0));
    applicant("risky");
    world.event("risky", "risk_decision", "result", "rejected");
    applicant("declined");
    world.event("declined", "risk_decision", "result", "passed");
    world.event("declined", "funder_decision", "funder", "f1", "result", "rejected");
    world.runDue();

    assertThat(world.messages(journey, "risky")).containsExactly("risk-offer:PUSH");
    assertThat(world.messages(journey, "declined")).containsExactly("funder-offer:PUSH");
    assertThat(world.journeys.find(world.id(), journey).orElseThrow().draft().step("funder-offer").orElseThrow().values())
        .containsEntry("offer_url", "https://funders.example.com/x");
    JourneyReport report = world.journeys.report(world.id(), journey);
    assertThat(report.exitsByReason()).containsEntry("routed", 2L);
    assertThat(report.steps().getFirst().arms()).containsEntry("then", 1L).containsEntry("else", 1L);
  }

  @Test
  void dormantRecallUsesTheCheapestAllowedChannelThenTheNextAndMeasuresTheTargets() {
    world.template("recall-first", List.of(PUSH, SMS, EMAIL), "We miss you");
    world.template("recall-follow-up", List.of(PUSH, SMS, EMAIL), "A gift is waiting");
    world.template("old-user-coupon", List.of(INBOX), "Your old-friend coupon is in your wallet");
    long journey = world.fromTemplate("dormant-recall", Map.of());
    tomorrowAt(LocalTime.of(10, 0));
    for (String id : List.of("no-push", "slow", "gone")) {
      world.customer(id);
      world.event(id, "registered", "platform", "app");
      world.event(id, "app_login");
    }
    new ApiClient(port, world.tenant.apiKey()).put("/api/v1/customers/no-push/consent/push", Map.of("granted", false));
    world.clock.advance(Duration.ofDays(31));
    world.bean(LifecycleJob.class).recompute(world.id(), world.clock.instant());
    world.runDue();
    assertThat(world.messages(journey, "no-push")).as("push opted out: SMS is the cheapest allowed")
        .containsExactly("recall:SMS");
    assertThat(world.messages(journey, "slow")).containsExactly("recall:PUSH");

    world.pass(Duration.ofDays(1));
    world.event("no-push", "message_click");
    world.event("no-push", "app_login");
    world.runDue();
    assertThat(world.messages(journey, "no-push")).containsExactly("recall:SMS", "coupon:INBOX");
    world.pass(Duration.ofDays(2));
    assertThat(world.messages(journey, "slow")).as("3 days without login: the next channel at once")
        .containsExactly("recall:PUSH", "follow-up:SMS");
    world.event("slow", "message_click");
    world.event("slow", "app_login");
    world.event("no-push", "drawdown", "amount", new BigDecimal("1000.00"));
    world.pass(Duration.ofDays(4));
    world.pass(Duration.ofDays(14));

    assertThat(world.messages(journey, "slow")).containsExactly("recall:PUSH", "follow-up:SMS", "coupon:INBOX");
    assertThat(world.run(journey, "no-push")).isEqualTo("DONE:goal-reached");
    assertThat(world.run(journey, "slow")).isEqualTo("DONE:no-drawdown");
    assertThat(world.run(journey, "gone")).isEqualTo("DONE:not-recalled");
    JourneyReport report = world.journeys.report(world.id(), journey);
    assertThat(report.milestones()).containsEntry("message_click", 2L).containsEntry("app_login", 2L)
        .containsEntry("drawdown", 1L);
    assertThat(report.targets()).extracting(JourneyReport.TargetCheck::to, JourneyReport.TargetCheck::actual,
            JourneyReport.TargetCheck::met)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("message_click", 2.0 / 3, true),
            org.assertj.core.groups.Tuple.tuple("app_login", 1.0, false),
            org.assertj.core.groups.Tuple.tuple("drawdown", 0.5, true));
  }
}
