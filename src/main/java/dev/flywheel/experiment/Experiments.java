package dev.flywheel.experiment;

import dev.flywheel.event.EventHistory;
import dev.flywheel.event.StoredEvent;
import dev.flywheel.experiment.Experiment.Status;
import dev.flywheel.experiment.Experiment.Variant;
import dev.flywheel.experiment.ExperimentResults.VariantResult;
import dev.flywheel.experiment.ExperimentStats.Comparison;
import dev.flywheel.experiment.ExperimentStats.Rate;
import dev.flywheel.experiment.store.ExperimentStore;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Defines experiments, assigns and exposes customers, computes results, stops with sign-off. */
@Service
public class Experiments {
  public static final double CONFIDENCE = 0.95;
  private static final String KEY = "[a-z0-9][a-z0-9_-]{0,63}";
  private static final java.time.Duration MAX_CLOCK_SKEW = java.time.Duration.ofMinutes(5);
  private final ExperimentStore store;
  private final EventHistory history;
  private final Clock clock;

  Experiments(ExperimentStore store, EventHistory history, Clock clock) {
    this.store = store;
    this.history = history;
    this.clock = clock;
  }

  /**
   * @throws Problem {@code invalid-request} (field named), {@code weights-not-100} on
   *     {@code variants}, or {@code experiment-exists}
   */
  @Transactional
  public Experiment define(long tenantId, NewExperiment e, String actor) {
    List<FieldIssue> issues = ExperimentChecks.issues(e);
    if (!issues.isEmpty()) {
      boolean weights = issues.stream().allMatch(i -> i.code().equals("weights-not-100"));
      throw Problem.invalid(weights ? "weights-not-100" : "invalid-request",
          weights ? "The variant weights must sum to 100 %" : "The experiment is not valid", issues);
    }
    if (!store.insert(tenantId, e, actor, clock.instant())) {
      throw Problem.conflict("experiment-exists", "An experiment with key " + e.key() + " exists");
    }
    return store.find(tenantId, e.key()).orElseThrow();
  }

  public Optional<Experiment> find(long tenantId, String key) {
    return store.find(tenantId, key);
  }

  public List<Experiment> list(long tenantId) {
    return store.list(tenantId);
  }

  /** The customer's variant: a hash of tenant, key and customer over the weights; sticky. */
  public Optional<String> assign(long tenantId, String experimentKey, String customerId) {
    return store.find(tenantId, experimentKey).map(e -> variantFor(tenantId, e, customerId));
  }

  /** {@link #expose(long, String, String, Instant)} at the clock's now. */
  @Transactional
  public Optional<Exposure> expose(long tenantId, String experimentKey, String customerId) {
    return expose(tenantId, experimentKey, customerId, null);
  }

  /**
   * Records the customer's exposure once (the first recorded one counts); empty when the
   * experiment is unknown. An exposure reported late ({@code exposedAt} in the past) also counts
   * the customer's already stored metric events at or after it (read through
   * {@link EventHistory}, newest {@value EventHistory#MAX_LIMIT}).
   *
   * @param exposedAt when the customer saw the variant; null = now
   * @throws Problem {@code experiment-stopped} when the experiment no longer runs;
   *     {@code invalid-request} on {@code exposed_at} in the future or before the experiment
   */
  @Transactional
  public Optional<Exposure> expose(long tenantId, String experimentKey, String customerId, Instant exposedAt) {
    Instant now = clock.instant();
    Instant at = exposedAt == null ? now : exposedAt;
    return store.find(tenantId, experimentKey).map(e -> {
      if (e.status() == Status.STOPPED) {
        throw Problem.conflict("experiment-stopped", "Experiment " + e.key() + " is stopped");
      }
      if (at.isAfter(now.plus(MAX_CLOCK_SKEW)) || at.isBefore(e.createdAt())) {
        throw Problem.invalid("invalid-request", "The exposure time is not plausible",
            List.of(new FieldIssue("exposed_at", "invalid", "not in the future, not before the experiment")));
      }
      var x = store.expose(tenantId, e.key(), customerId, variantFor(tenantId, e, customerId), at);
      if (x.recorded() && at.isBefore(now)) {
        countStoredEvents(tenantId, e, customerId, x);
      }
      return new Exposure(e.key(), customerId, x.variant(), x.at(), x.recorded());
    });
  }

  private void countStoredEvents(long tenantId, Experiment e, String customerId, ExperimentStore.Exposed x) {
    var metrics = new HashSet<>(e.metrics());
    history.lastEvents(tenantId, customerId, EventHistory.MAX_LIMIT, null).stream()
        .filter(ev -> metrics.contains(ev.type()) && !ev.occurredAt().isBefore(x.at()))
        .sorted(java.util.Comparator.comparing(StoredEvent::occurredAt))
        .forEach(ev -> store.convertOne(tenantId, e.key(), customerId, ev.type(), x.variant(), ev.occurredAt()));
  }

  @Transactional(readOnly = true)
  public Optional<ExperimentResults> results(long tenantId, String experimentKey) {
    return store.find(tenantId, experimentKey).map(e -> results(tenantId, e));
  }

  private ExperimentResults results(long tenantId, Experiment e) {
    Map<String, Long> exposed = store.exposedPerVariant(tenantId, e.key());
    Map<String, Map<String, Long>> conversions = store.conversions(tenantId, e.key());
    List<VariantResult> variants = new ArrayList<>();
    Map<String, Rate> control = null;
    long[] counts = new long[e.variants().size()];
    int[] weights = new int[e.variants().size()];
    for (int i = 0; i < e.variants().size(); i++) {
      Variant v = e.variants().get(i);
      long n = exposed.getOrDefault(v.name(), 0L);
      counts[i] = n;
      weights[i] = v.weight();
      Map<String, Rate> rates = new LinkedHashMap<>();
      Map<String, Comparison> versus = new LinkedHashMap<>();
      for (String metric : e.metrics()) {
        long x = conversions.getOrDefault(v.name(), Map.of()).getOrDefault(metric, 0L);
        rates.put(metric, ExperimentStats.rate(x, n, CONFIDENCE));
        if (control != null) {
          Rate c = control.get(metric);
          ExperimentStats.compare(c.conversions(), c.exposed(), x, n, CONFIDENCE)
              .ifPresent(cmp -> versus.put(metric, cmp));
        }
      }
      if (control == null) {
        control = rates;
      }
      variants.add(new VariantResult(v.name(), v.weight(), n, rates, versus));
    }
    double srm = ExperimentStats.sampleRatioPValue(counts, weights);
    return new ExperimentResults(e, variants, srm, srm < ExperimentStats.SRM_THRESHOLD);
  }

  /** The operator asks to stop a running experiment early; an approver must sign off. */
  @Transactional
  public Optional<StopOutcome> requestStop(long tenantId, String experimentKey, String actor, String reason) {
    return store.find(tenantId, experimentKey).map(e -> store.requestStop(tenantId, e.key(), actor, reason,
        clock.instant())
        ? new StopOutcome.Requested(store.find(tenantId, e.key()).orElseThrow())
        : new StopOutcome.Refused("not-running", "Experiment " + e.key() + " is " + e.status()));
  }

  /** A different person (an APPROVER; the caller checks the role) approves the stop request. */
  @Transactional
  public Optional<StopOutcome> approveStop(long tenantId, String experimentKey, String approver) {
    return store.find(tenantId, experimentKey).map(e -> {
      if (e.status() != Status.STOP_REQUESTED) {
        return new StopOutcome.Refused("no-stop-request", "Nobody asked to stop " + e.key());
      }
      if (approver.equals(e.stopRequestedBy())) {
        return new StopOutcome.Refused("same-person", "The person who asked to stop cannot approve it");
      }
      return store.approveStop(tenantId, e.key(), approver, clock.instant())
          ? new StopOutcome.Stopped(store.find(tenantId, e.key()).orElseThrow())
          : new StopOutcome.Refused("no-stop-request", "The stop request changed meanwhile");
    });
  }

  static String variantFor(long tenantId, Experiment e, String customerId) {
    int bucket = bucket(tenantId + ":" + e.key() + ":" + customerId);
    int upper = 0;
    for (Variant v : e.variants()) {
      upper += v.weight() * 100;
      if (bucket < upper) {
        return v.name();
      }
    }
    return e.variants().getLast().name();
  }

  /** 0–9999 from the first eight bytes of SHA-256: the same on every JVM and after restarts. */
  static int bucket(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (d[i] & 0xff);
      }
      return (int) Math.floorMod(v, 10_000L);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }

  static boolean validKey(String key) {
    return key != null && key.matches(KEY);
  }

  static boolean distinct(List<Variant> variants) {
    return new HashSet<>(variants.stream().map(Variant::name).toList()).size() == variants.size();
  }
}
