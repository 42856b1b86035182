package dev.flywheel.experiment;

import dev.flywheel.experiment.Experiment.Subject;
import dev.flywheel.experiment.Experiment.Variant;
import java.util.List;

/** What an operator gives to start an experiment. */
public record NewExperiment(String key, String name, Subject subject, String primaryMetric,
    List<String> guardrailMetrics, List<Variant> variants) {}
