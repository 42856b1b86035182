package dev.flywheel.journey.run;

import dev.flywheel.journey.JourneyDefinition;
import dev.flywheel.journey.JourneyStep;
import dev.flywheel.journey.ReEntry;
import dev.flywheel.journey.store.JourneyIndex;
import dev.flywheel.journey.store.JourneyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves runs. {@link #advance} runs step {@code seq} of a run in one transaction with the run's
 * new state, the step's log row and the db-scheduler task of the following step; a second call
 * for the same step (a task fired twice, a sweep racing a task, a restart) finds the run moved
 * on and does nothing. Thread-safe: the run row's lock orders everything that moves one run.
 */
@Component
public class Engine {
  private final RunStore runs;
  private final JourneyStore journeys;
  private final StepRunner runner;
  private final Resumes resumes;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Engine(RunStore runs, JourneyStore journeys, StepRunner runner, Resumes resumes, TransactionTemplate transactions,
      Clock clock) {
    this.runs = runs;
    this.journeys = journeys;
    this.runner = runner;
    this.resumes = resumes;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Puts a customer on a journey version at its first step, due now, in the caller's
   * transaction; empty when the re-entry policy or a run in flight says no.
   */
  public Optional<Long> enter(long tenantId, JourneyIndex.Active journey, String customerId, String entryKey,
      Map<String, Object> context) {
    JourneyDefinition definition = journey.definition();
    if (definition.reentryOrDefault() == ReEntry.NEVER && runs.everEntered(tenantId, journey.journeyId(), customerId)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<Long> run = runs.enter(tenantId, journey.journeyId(), journey.version(), customerId,
        definition.steps().getFirst().key(), entryKey, context, now);
    run.ifPresent(id -> resumes.at(tenantId, id, 0, now));
    return run;
  }

  /** Runs step {@code seq} of a run if it is due; true when a step ran. One transaction. */
  public boolean advance(long runId, int seq) {
    Boolean ran = transactions.execute(tx -> {
      Instant now = clock.instant();
      RunRow run = runs.lock(runId).orElse(null);
      if (run == null || run.seq() != seq || run.dueAt() == null || run.dueAt().isAfter(now)
          || !journeys.find(run.tenantId(), run.journeyId()).map(j -> "ACTIVE".equals(j.status())).orElse(false)) {
        return false;
      }
      JourneyDefinition definition = journeys.definition(run.tenantId(), run.journeyId(), run.version());
      JourneyStep step = definition.step(run.stepKey()).orElseThrow();
      Transition transition = run.waiting() ? runner.timedOut(definition, step, now)
          : runner.execute(run, seq, definition, step, now);
      apply(run, step, transition, now);
      return true;
    });
    return Boolean.TRUE.equals(ran);
  }

  /** Logs the step at the run's current number and moves the run on (or ends it). */
  void apply(RunRow run, JourneyStep step, Transition transition, Instant now) {
    runs.log(run, run.seq(), step.key(), step.type().name(), transition.outcome(), now);
    switch (transition) {
      case Transition.Next next -> {
        runs.moveTo(run.id(), next.stepKey(), run.seq() + 1, next.dueAt(), next.waitingEvent(), step.key());
        resumes.at(run.tenantId(), run.id(), run.seq() + 1, next.dueAt());
      }
      case Transition.End end -> runs.end(run.id(), end.reason(), step.key(), now);
    }
  }

  /** Every step due by the injected clock, each in its own transaction; returns how many ran. */
  public int runDue(Instant cutoff, int maxSteps) {
    int ran = 0;
    while (ran < maxSteps) {
      List<long[]> due = transactions.execute(tx -> runs.due(cutoff, 200));
      if (due == null || due.isEmpty()) {
        return ran;
      }
      int before = ran;
      for (long[] d : due) {
        if (advance(d[0], (int) d[1])) {
          ran++;
        }
      }
      if (ran == before) {
        return ran;
      }
    }
    return ran;
  }
}
