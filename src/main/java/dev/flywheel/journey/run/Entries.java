package dev.flywheel.journey.run;

import dev.flywheel.customer.LifecycleStageChanged;
import dev.flywheel.customer.LoanStageChanged;
import dev.flywheel.event.EventAccepted;
import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.TriggerKind;
import dev.flywheel.journey.definition.JourneyLanguage;
import dev.flywheel.journey.store.JourneyIndex;
import dev.flywheel.journey.store.JourneyStore;
import dev.flywheel.platform.cel.CelValues;
import dev.flywheel.reach.PhoneTaskOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where the outside world meets runs, inside the transaction that publishes the news: an accepted
 * event ends runs whose goal it is, resumes runs waiting for it, counts as a milestone, and enters
 * customers into journeys it triggers; a loan-stage or lifecycle move enters journeys triggered by
 * it; a recorded phone-task outcome resumes runs waiting for it. An event type no published journey mentions costs one in-memory lookup and no SQL.
 */
@Component
class Entries {
  static final String GOAL_REACHED = "goal-reached";
  private final JourneyIndex index;
  private final JourneyStore journeys;
  private final RunStore runs;
  private final Engine engine;
  private final StepRunner runner;
  private final JourneyLanguage language;
  private final CustomerFacts facts;
  private final Clock clock;

  Entries(JourneyIndex index, JourneyStore journeys, RunStore runs, Engine engine, StepRunner runner,
      JourneyLanguage language, CustomerFacts facts, Clock clock) {
    this.index = index;
    this.journeys = journeys;
    this.runs = runs;
    this.engine = engine;
    this.runner = runner;
    this.language = language;
    this.facts = facts;
    this.clock = clock;
  }

  @EventListener
  void on(EventAccepted e) {
    if (!index.listensTo(e.tenantId(), e.type())) {
      return;
    }
    Map<String, Object> event = CustomerFacts.event(e.type(), e.eventId(), e.occurredAt(), e.channel(), e.attributes());
    Map<String, Object> variables = Map.of("event", CelValues.normalize(event),
        "customer", facts.beforeIngestion(e.tenantId(), e.customerId()));
    for (RunRow run : runs.lockInFlight(e.tenantId(), e.customerId())) {
      inFlight(run, e, variables);
    }
    for (JourneyIndex.Active journey : index.active(e.tenantId(), TriggerKind.EVENT)) {
      if (e.type().equals(journey.definition().trigger().eventType())
          && language.test(journey.definition().trigger().condition(), variables)) {
        engine.enter(e.tenantId(), journey, e.customerId(), "event:" + e.eventId(), event);
      }
    }
  }

  private void inFlight(RunRow run, EventAccepted e, Map<String, Object> variables) {
    JourneyDefinition definition = journeys.definition(run.tenantId(), run.journeyId(), run.version());
    Instant now = clock.instant();
    if (definition.milestones().contains(e.type())) {
      runs.milestone(run, e.type(), e.occurredAt());
    }
    if (definition.goal() != null && e.type().equals(definition.goal().eventType())
        && language.test(definition.goal().condition(), variables)) {
      runs.end(run.id(), GOAL_REACHED, null, now);
      return;
    }
    if (run.waiting() && e.type().equals(run.waitingEvent()) && active(run)) {
      JourneyStep wait = definition.step(run.stepKey()).orElseThrow();
      if (language.test(wait.untilCondition(), variables)) {
        engine.apply(run, wait, runner.arrived(definition, wait, now), now);
      }
    }
  }

  /**
   * A phone task's outcome was recorded: runs of the customer waiting for a phone outcome, whose
   * phone task it was, go on at once (if {@code until_condition} holds for the outcome).
   */
  @EventListener
  void on(PhoneTaskOutcome e) {
    for (RunRow run : runs.lockInFlight(e.tenantId(), e.customerId())) {
      if (run.waiting() && StepRunner.PHONE_OUTCOME.equals(run.waitingEvent()) && active(run)
          && runs.sentMessage(run.id(), e.messageId())) {
        JourneyDefinition definition = journeys.definition(run.tenantId(), run.journeyId(), run.version());
        JourneyStep wait = definition.step(run.stepKey()).orElseThrow();
        if (runner.outcomeCounts(run, wait, e.outcome().name())) {
          Instant now = clock.instant();
          engine.apply(run, wait, runner.outcomeRecorded(definition, wait, now), now);
        }
      }
    }
  }

  /** A paused journey's runs stay where they are (they time out after it resumes). */
  private boolean active(RunRow run) {
    return journeys.find(run.tenantId(), run.journeyId()).map(j -> "ACTIVE".equals(j.status())).orElse(false);
  }

  @EventListener
  void on(LoanStageChanged e) {
    stage(e.tenantId(), e.customerId(), TriggerKind.LOAN_STAGE, e.from() == null ? null : e.from().name(),
        e.to().name(), e.at(), e.causeEventType());
  }

  @EventListener
  void on(LifecycleStageChanged e) {
    stage(e.tenantId(), e.customerId(), TriggerKind.LIFECYCLE_STAGE, e.from() == null ? null : e.from().name(),
        e.to().name(), e.at(), e.cause());
  }

  private void stage(long tenantId, String customerId, TriggerKind kind, String from, String to, Instant at,
      String cause) {
    for (JourneyIndex.Active journey : index.active(tenantId, kind)) {
      if (journey.definition().trigger().stages().contains(to)) {
        Map<String, Object> attributes = new java.util.HashMap<>();
        attributes.put("to", to);
        if (from != null) {
          attributes.put("from", from);
        }
        if (cause != null) {
          attributes.put("cause", cause);
        }
        String type = kind == TriggerKind.LOAN_STAGE ? "loan_stage_changed" : "lifecycle_stage_changed";
        engine.enter(tenantId, journey, customerId, type + ":" + customerId + ":" + to + ":" + at.toEpochMilli(),
            CustomerFacts.event(type, null, at, null, attributes));
      }
    }
  }
}
