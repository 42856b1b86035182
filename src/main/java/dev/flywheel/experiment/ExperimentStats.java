package dev.flywheel.experiment;

import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/** The statistics of experiment results, on Apache Commons Math. Pure functions. */
public final class ExperimentStats {
  /** Below this sample-ratio p-value the split is not what the weights promise. */
  public static final double SRM_THRESHOLD = 0.001;
  private static final NormalDistribution NORMAL = new NormalDistribution();

  private ExperimentStats() {}

  /** A conversion rate with its Wilson score interval. */
  public record Rate(long conversions, long exposed, double rate, double low, double high) {}

  /**
   * Treatment minus control: absolute difference with its (unpooled Wald) interval, the pooled
   * two-proportion z statistic and its two-sided p-value.
   */
  public record Comparison(double difference, double low, double high, double z, double pValue, boolean significant) {}

  /** @param confidence e.g. 0.95 */
  public static Rate rate(long conversions, long exposed, double confidence) {
    if (exposed == 0) {
      return new Rate(conversions, 0, 0, 0, 0);
    }
    double z = critical(confidence);
    double p = (double) conversions / exposed;
    double n = exposed;
    double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    return new Rate(conversions, exposed, p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /** Empty when either side has no exposures or the pooled rate is 0 or 1 (no variance to test). */
  public static Optional<Comparison> compare(long controlConversions, long controlExposed,
      long treatmentConversions, long treatmentExposed, double confidence) {
    if (controlExposed == 0 || treatmentExposed == 0) {
      return Optional.empty();
    }
    double p1 = (double) controlConversions / controlExposed;
    double p2 = (double) treatmentConversions / treatmentExposed;
    double pooled = (double) (controlConversions + treatmentConversions) / (controlExposed + treatmentExposed);
    if (pooled <= 0 || pooled >= 1) {
      return Optional.empty();
    }
    double sePooled = Math.sqrt(pooled * (1 - pooled) * (1.0 / controlExposed + 1.0 / treatmentExposed));
    double z = (p2 - p1) / sePooled;
    double pValue = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
    double se = Math.sqrt(p1 * (1 - p1) / controlExposed + p2 * (1 - p2) / treatmentExposed);
    double half = critical(confidence) * se;
    double diff = p2 - p1;
    return Optional.of(new Comparison(diff, diff - half, diff + half, z, pValue, pValue < 1 - confidence));
  }

  /**
   * Chi-square goodness of fit of the exposure counts against the weights (percent). 1 when there
   * are fewer than two variants or no exposures.
   */
  public static double sampleRatioPValue(long[] exposed, int[] weights) {
    long total = 0;
    for (long n : exposed) {
      total += n;
    }
    if (exposed.length < 2 || total == 0) {
      return 1;
    }
    double[] expected = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      expected[i] = total * weights[i] / 100.0;
    }
    return new ChiSquareTest().chiSquareTest(expected, exposed);
  }

  /**
   * Customers needed per variant to detect an absolute lift of {@code minimumEffect} over
   * {@code baseline} with a two-sided test at {@code alpha} and the given power (normal
   * approximation, no continuity correction), rounded up.
   *
   * @throws IllegalArgumentException when a rate or probability is outside (0, 1)
   */
  public static long sampleSizePerVariant(double baseline, double minimumEffect, double alpha, double power) {
    double p1 = baseline;
    double p2 = baseline + minimumEffect;
    if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1 && minimumEffect != 0 && alpha > 0 && alpha < 1
        && power > 0 && power < 1)) {
      throw new IllegalArgumentException("rates and probabilities must lie strictly between 0 and 1");
    }
    double mean = (p1 + p2) / 2;
    double a = NORMAL.inverseCumulativeProbability(1 - alpha / 2) * Math.sqrt(2 * mean * (1 - mean));
    double b = NORMAL.inverseCumulativeProbability(power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    return (long) Math.ceil((a + b) * (a + b) / (minimumEffect * minimumEffect));
  }

  private static double critical(double confidence) {
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }
}
