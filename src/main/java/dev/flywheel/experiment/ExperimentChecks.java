package dev.flywheel.experiment;

import dev.flywheel.experiment.Experiment.Variant;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.List;

/** What makes a new experiment invalid, each issue naming its field. */
final class ExperimentChecks {
  private ExperimentChecks() {}

  static List<FieldIssue> issues(NewExperiment e) {
    List<FieldIssue> out = new ArrayList<>();
    if (!Experiments.validKey(e.key())) {
      out.add(new FieldIssue("key", "invalid", "1 to 64 of a-z 0-9 _ -, starting with a letter or digit"));
    }
    if (e.name() == null || e.name().isBlank() || e.name().length() > 200) {
      out.add(new FieldIssue("name", "invalid", "a text of 1 to 200 characters"));
    }
    if (e.subject() == null) {
      out.add(new FieldIssue("subject", "invalid", "LANDING_PAGE, MESSAGE_COPY, JOURNEY_BRANCH or CAMPAIGN_VARIANT"));
    }
    if (e.primaryMetric() == null || e.primaryMetric().isBlank()) {
      out.add(new FieldIssue("primary_metric", "required", "an event type"));
    }
    if (e.guardrailMetrics() == null || e.guardrailMetrics().stream().anyMatch(m -> m == null || m.isBlank()
        || m.equals(e.primaryMetric()))) {
      out.add(new FieldIssue("guardrail_metrics", "invalid", "event types other than the primary metric"));
    }
    List<Variant> variants = e.variants();
    if (variants == null || variants.size() < 2 || variants.size() > 10) {
      out.add(new FieldIssue("variants", "invalid", "2 to 10 variants"));
    } else if (variants.stream().anyMatch(v -> v.name() == null || v.name().isBlank() || v.name().length() > 64)
        || !Experiments.distinct(variants)) {
      out.add(new FieldIssue("variants", "invalid", "each variant needs a distinct name of 1 to 64 characters"));
    } else if (variants.stream().anyMatch(v -> v.weight() < 1 || v.weight() > 100)
        || variants.stream().mapToInt(Variant::weight).sum() != 100) {
      out.add(new FieldIssue("variants", "weights-not-100", "weights are whole percents of at least 1 summing to 100"));
    }
    return out;
  }
}
