package dev.flywheel.experiment.web;

import dev.flywheel.experiment.Experiment;
import dev.flywheel.experiment.Experiment.Subject;
import dev.flywheel.experiment.Experiment.Variant;
import dev.flywheel.experiment.ExperimentResults;
import dev.flywheel.experiment.ExperimentStats;
import dev.flywheel.experiment.Experiments;
import dev.flywheel.experiment.Exposure;
import dev.flywheel.experiment.NewExperiment;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Experiments over the API: define, list, assign, expose, results, sample size. See docs/api/experiments.md. */
@RestController
class ExperimentController {
  private final CurrentTenant tenant;
  private final Experiments experiments;

  ExperimentController(CurrentTenant tenant, Experiments experiments) {
    this.tenant = tenant;
    this.experiments = experiments;
  }

  @GetMapping("/api/v1/experiments")
  Map<String, Object> list() {
    return Map.of("experiments", experiments.list(tenant.id()).stream().map(ExperimentJson::experiment).toList());
  }

  @PostMapping("/api/v1/experiments")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> define(@RequestBody(required = false) Map<String, Object> body) {
    return ExperimentJson.experiment(experiments.define(tenant.id(), parse(body), tenant.actor()));
  }

  @GetMapping("/api/v1/experiments/{key}")
  Map<String, Object> find(@PathVariable String key) {
    return ExperimentJson.experiment(experiments.find(tenant.id(), key)
        .orElseThrow(() -> Problem.notFound("Experiment", key)));
  }

  @PostMapping("/api/v1/experiments/{key}/assignments")
  Map<String, Object> assign(@PathVariable String key, @RequestBody(required = false) Map<String, Object> body) {
    String customer = customer(body);
    String variant = experiments.assign(tenant.id(), key, customer)
        .orElseThrow(() -> Problem.notFound("Experiment", key));
    return Map.of("experiment", key, "customer_id", customer, "variant", variant);
  }

  @PostMapping("/api/v1/experiments/{key}/exposures")
  ResponseEntity<Map<String, Object>> expose(@PathVariable String key,
      @RequestBody(required = false) Map<String, Object> body) {
    Exposure x = experiments.expose(tenant.id(), key, customer(body), exposedAt(body))
        .orElseThrow(() -> Problem.notFound("Experiment", key));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("experiment", key);
    out.put("customer_id", x.customerId());
    out.put("variant", x.variant());
    out.put("exposed_at", x.exposedAt().toString());
    out.put("recorded", x.recorded());
    return ResponseEntity.status(x.recorded() ? HttpStatus.CREATED : HttpStatus.OK).body(out);
  }

  @GetMapping("/api/v1/experiments/{key}/results")
  Map<String, Object> results(@PathVariable String key) {
    ExperimentResults r = experiments.results(tenant.id(), key).orElseThrow(() -> Problem.notFound("Experiment", key));
    return ExperimentJson.results(r);
  }

  @GetMapping("/api/v1/experiments/sample-size")
  Map<String, Object> sampleSize(@RequestParam double baseline, @RequestParam("minimum_effect") double effect,
      @RequestParam(defaultValue = "0.05") double alpha, @RequestParam(defaultValue = "0.8") double power) {
    try {
      long n = ExperimentStats.sampleSizePerVariant(baseline, effect, alpha, power);
      return Map.of("baseline", baseline, "minimum_effect", effect, "alpha", alpha, "power", power,
          "per_variant", n);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-request", e.getMessage(),
          List.of(new FieldIssue("baseline", "invalid", "baseline and baseline + minimum_effect in (0, 1),"
              + " minimum_effect not 0, alpha and power in (0, 1)")));
    }
  }

  private static java.time.Instant exposedAt(Map<String, Object> body) {
    Object value = body == null ? null : body.get("exposed_at");
    if (value == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(String.valueOf(value)).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw Problem.invalid("invalid-request", "exposed_at is not a time",
          List.of(new FieldIssue("exposed_at", "invalid", "an ISO-8601 time with an offset")));
    }
  }

  private static String customer(Map<String, Object> body) {
    Object value = body == null ? null : body.get("customer_id");
    if (!(value instanceof String s) || s.isBlank() || s.length() > 128) {
      throw Problem.invalid("invalid-request", "customer_id is missing or invalid",
          List.of(new FieldIssue("customer_id", "invalid", "a text of 1 to 128 characters")));
    }
    return s;
  }

  private static NewExperiment parse(Map<String, Object> body) {
    Map<String, Object> b = body == null ? Map.of() : body;
    Subject subject = null;
    try {
      subject = b.get("subject") == null ? null : Subject.valueOf(String.valueOf(b.get("subject")));
    } catch (IllegalArgumentException ignored) {
      // reported by the checks as an invalid subject
    }
    List<String> guardrails = new ArrayList<>();
    if (b.get("guardrail_metrics") instanceof List<?> list) {
      list.forEach(m -> guardrails.add(m instanceof String s ? s : null));
    }
    List<Variant> variants = null;
    if (b.get("variants") instanceof List<?> list) {
      variants = new ArrayList<>();
      for (Object o : list) {
        Map<?, ?> v = o instanceof Map<?, ?> m ? m : Map.of();
        Object w = v.get("weight");
        int weight = w instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : -1;
        variants.add(new Variant(v.get("name") instanceof String s ? s : null, weight));
      }
    }
    return new NewExperiment(text(b.get("key")), text(b.get("name")), subject, text(b.get("primary_metric")),
        guardrails, variants);
  }

  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }
}
