package dev.flywheel.experiment.web;

import dev.flywheel.experiment.Experiment;
import dev.flywheel.experiment.ExperimentResults;
import dev.flywheel.experiment.ExperimentStats.Comparison;
import dev.flywheel.experiment.ExperimentStats.Rate;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of experiments and results (snake_case). */
final class ExperimentJson {
  private ExperimentJson() {}

  static Map<String, Object> experiment(Experiment e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", e.key());
    out.put("name", e.name());
    out.put("subject", e.subject().name());
    out.put("primary_metric", e.primaryMetric());
    out.put("guardrail_metrics", e.guardrailMetrics());
    out.put("variants", e.variants().stream().map(v -> Map.of("name", v.name(), "weight", v.weight())).toList());
    out.put("status", e.status().name());
    out.put("created_by", e.createdBy());
    out.put("created_at", e.createdAt().toString());
    out.put("stop_requested_by", e.stopRequestedBy());
    out.put("stop_reason", e.stopReason());
    out.put("stopped_by", e.stoppedBy());
    out.put("stopped_at", e.stoppedAt() == null ? null : e.stoppedAt().toString());
    return out;
  }

  static Map<String, Object> results(ExperimentResults r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("experiment", experiment(r.experiment()));
    out.put("confidence", 0.95);
    out.put("sample_ratio_p_value", r.sampleRatioPValue());
    out.put("sample_ratio_mismatch", r.sampleRatioMismatch());
    out.put("variants", r.variants().stream().map(v -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", v.name());
      m.put("weight", v.weight());
      m.put("exposed", v.exposed());
      Map<String, Object> metrics = new LinkedHashMap<>();
      v.rates().forEach((metric, rate) -> metrics.put(metric, metric(rate, v.versusControl().get(metric))));
      m.put("metrics", metrics);
      return m;
    }).toList());
    return out;
  }

  private static Map<String, Object> metric(Rate rate, Comparison cmp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("conversions", rate.conversions());
    m.put("rate", rate.rate());
    m.put("ci_low", rate.low());
    m.put("ci_high", rate.high());
    if (cmp != null) {
      m.put("versus_control", Map.of("difference", cmp.difference(), "ci_low", cmp.low(), "ci_high", cmp.high(),
          "z", cmp.z(), "p_value", cmp.pValue(), "significant", cmp.significant()));
    }
    return m;
  }
}
