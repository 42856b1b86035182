package dev.flywheel.journey.run;

import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.SplitArm;
import dev.flywheel.journey.definition.JourneyLanguage;
import dev.flywheel.platform.cel.CelValues;
import dev.flywheel.reach.PhoneOutcomes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import dev.flywheel.platform.tenancy.Tenant;
import dev.flywheel.platform.tenancy.Tenants;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Runs one step of a run and says where the run goes next. Called inside the step's
 * transaction; the side effects (message, grant, tags) join it. Sends and grants live in
 * {@link Effects}.
 */
@Component
class StepRunner {
  /** Date waits resume at this tenant-local time of day. */
  static final LocalTime REMIND_AT = LocalTime.of(10, 0);
  /**
   * {@code journey_runs.waiting_event} of a run waiting for a phone outcome; not an event type
   * (those never start with {@code @}).
   */
  static final String PHONE_OUTCOME = "@phone_outcome";
  private final Effects effects;
  private final JourneyLanguage language;
  private final CustomerFacts facts;
  private final Tenants tenants;
  private final RunStore runs;
  private final PhoneOutcomes phoneOutcomes;

  StepRunner(Effects effects, JourneyLanguage language, CustomerFacts facts, Tenants tenants, RunStore runs,
      PhoneOutcomes phoneOutcomes) {
    this.tenants = tenants;
    this.runs = runs;
    this.phoneOutcomes = phoneOutcomes;
    this.effects = effects;
    this.language = language;
    this.facts = facts;
  }

  Transition execute(RunRow run, int seq, JourneyDefinition definition, JourneyStep step, Instant now) {
    return switch (step.type()) {
      case SEND, PHONE_TASK -> next(definition, step, null, now, effects.send(run, seq, step, now));
      case GRANT -> next(definition, step, null, now, effects.grant(run, step));
      case TAG -> next(definition, step, null, now, effects.tag(run, step));
      case EXIT -> new Transition.End(step.reason() == null ? "exit-step" : step.reason(), StepOutcome.of("exited"));
      case BRANCH -> branch(run, definition, step, now);
      case WAIT -> waitStep(run, definition, step, now);
    };
  }

  private Transition waitStep(RunRow run, JourneyDefinition definition, JourneyStep step, Instant now) {
    if (step.duration() != null) {
      return next(definition, step, null, now.plus(Duration.parse(step.duration())), StepOutcome.of("waiting"));
    }
    if (step.untilEvent() != null) {
      return new Transition.Next(step.key(), now.plus(Duration.parse(step.timeout())), step.untilEvent(),
          StepOutcome.of("waiting"));
    }
    if (step.waitsForPhoneOutcome()) {
      return phoneWait(run, definition, step, now);
    }
    Object date = run.context().get("attributes") instanceof Map<?, ?> a ? a.get(step.untilDate()) : null;
    if (date == null) {
      return next(definition, step, null, now, StepOutcome.of("no-date"));
    }
    ZoneId zone = tenants.find(run.tenantId()).map(Tenant::timeZone).orElse(ZoneOffset.UTC);
    Instant at = LocalDate.parse(date.toString()).atTime(REMIND_AT).atZone(zone).toInstant()
        .plus(step.offset() == null ? Duration.ZERO : Duration.parse(step.offset()));
    return next(definition, step, null, at.isBefore(now) ? now : at, StepOutcome.of(at.isBefore(now) ? "date-passed" : "waiting"));
  }

  /**
   * Waits for the outcome of the run's latest phone task; when it is already recorded (and passes
   * {@code until_condition}), goes on at once.
   */
  private Transition phoneWait(RunRow run, JourneyDefinition definition, JourneyStep step, Instant now) {
    String recorded = runs.lastPhoneTask(run.id()).flatMap(message -> phoneOutcomes.of(run.tenantId(), message))
        .map(Enum::name).orElse(null);
    if (recorded != null && outcomeCounts(run, step, recorded)) {
      return outcomeRecorded(definition, step, now);
    }
    return new Transition.Next(step.key(), now.plus(Duration.parse(step.timeout())), PHONE_OUTCOME,
        StepOutcome.of("waiting"));
  }

  /** Whether a recorded outcome ends the phone wait: {@code until_condition} over it, if any. */
  boolean outcomeCounts(RunRow run, JourneyStep wait, String outcome) {
    return wait.untilCondition() == null || language.test(wait.untilCondition(), Map.of(
        "customer", facts.of(run.tenantId(), run.customerId()),
        "event", CelValues.normalize(run.context()),
        JourneyLanguage.PHONE_OUTCOME, outcome));
  }

  /** The phone task's outcome was recorded: on to {@code on_event} (else the next step), due at once. */
  Transition outcomeRecorded(JourneyDefinition definition, JourneyStep wait, Instant now) {
    return next(definition, wait, wait.onEvent(), now, StepOutcome.of("outcome-recorded"));
  }

  /** The wait's event arrived: on to {@code on_event} (else the next step), due at once. */
  Transition arrived(JourneyDefinition definition, JourneyStep wait, Instant now) {
    return next(definition, wait, wait.onEvent(), now, StepOutcome.of("event-arrived"));
  }

  /** The wait timed out: on to {@code on_timeout}. */
  Transition timedOut(JourneyDefinition definition, JourneyStep wait, Instant now) {
    return next(definition, wait, wait.onTimeout(), now, StepOutcome.of("timed-out"));
  }

  private Transition branch(RunRow run, JourneyDefinition definition, JourneyStep step, Instant now) {
    if (step.arms() != null && !step.arms().isEmpty()) {
      SplitArm arm = arm(run, step);
      return next(definition, step, arm.next(), now, StepOutcome.arm(arm.key()));
    }
    boolean holds = language.test(step.condition(), Map.of(
        "customer", facts.of(run.tenantId(), run.customerId()),
        "event", CelValues.normalize(run.context()),
        JourneyLanguage.PHONE_OUTCOME, phoneOutcome(run, step)));
    String target = holds ? step.then() : step.otherwise();
    return next(definition, step, target, now, StepOutcome.arm(holds ? "then" : "else"));
  }

  /** The latest phone task's recorded outcome, looked up only when the condition names it. */
  private String phoneOutcome(RunRow run, JourneyStep step) {
    if (!step.condition().contains(JourneyLanguage.PHONE_OUTCOME)) {
      return "";
    }
    return runs.lastPhoneTask(run.id()).flatMap(message -> phoneOutcomes.of(run.tenantId(), message))
        .map(Enum::name).orElse("");
  }

  /** Sticky: the same customer lands in the same arm of the same step every time (weights unchanged). */
  static SplitArm arm(RunRow run, JourneyStep step) {
    int total = step.arms().stream().mapToInt(SplitArm::weight).sum();
    long point = Math.floorMod(hash(run.journeyId() + "/" + step.key() + "/" + run.customerId()), total);
    for (SplitArm arm : step.arms()) {
      point -= arm.weight();
      if (point < 0) {
        return arm;
      }
    }
    return step.arms().getLast();
  }

  private static long hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xff);
      }
      return value;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** To {@code explicitTarget}, else the step after {@code step}; past the last step the run completes. */
  private static Transition next(JourneyDefinition definition, JourneyStep step, String explicitTarget, Instant due,
      StepOutcome outcome) {
    String target = explicitTarget != null ? explicitTarget
        : definition.following(step).map(JourneyStep::key).orElse(null);
    return target == null ? new Transition.End("completed", outcome)
        : new Transition.Next(target, due, null, outcome);
  }
}
