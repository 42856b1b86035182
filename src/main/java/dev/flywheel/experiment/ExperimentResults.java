package dev.flywheel.experiment;

import dev.flywheel.experiment.ExperimentStats.Comparison;
import dev.flywheel.experiment.ExperimentStats.Rate;
import java.util.List;
import java.util.Map;

/**
 * Results of an experiment at 95 % confidence.
 *
 * @param variants per variant, control first
 * @param sampleRatioPValue chi-square goodness of fit of exposures vs weights
 * @param sampleRatioMismatch true when that p-value is below {@link ExperimentStats#SRM_THRESHOLD}
 */
public record ExperimentResults(Experiment experiment, List<VariantResult> variants, double sampleRatioPValue,
    boolean sampleRatioMismatch) {

  /**
   * @param rates per metric (primary first), the rate of exposed customers who converted after exposure
   * @param versusControl per metric, the comparison with the control; empty for the control itself
   *     or when it cannot be computed yet
   */
  public record VariantResult(String name, int weight, long exposed, Map<String, Rate> rates,
      Map<String, Comparison> versusControl) {}
}
