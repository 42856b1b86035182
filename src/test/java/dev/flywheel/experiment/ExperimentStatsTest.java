package dev.flywheel.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Statistics against values computed by hand from the textbook formulas (checked with Python's
 * statistics.NormalDist): Wilson 20/100 = (0.1334, 0.2888) (Newcombe 1998, method 3).
 */
class ExperimentStatsTest {

  @Test
  void twoProportionTestAndIntervalMatchTheTextbook() {
    // 200/1000 vs 250/1000: pooled p 0.225, se sqrt(0.225*0.775*0.002) = 0.018675, z = 2.6774
    var cmp = ExperimentStats.compare(200, 1000, 250, 1000, 0.95).orElseThrow();
    assertThat(cmp.difference()).isCloseTo(0.05, within(1e-12));
    assertThat(cmp.z()).isCloseTo(2.677398, within(1e-6));
    assertThat(cmp.pValue()).isCloseTo(0.0074196, within(1e-6));
    // unpooled: 0.05 ± 1.959964 * sqrt(0.16/1000 + 0.1875/1000)
    assertThat(cmp.low()).isCloseTo(0.0134636, within(1e-6));
    assertThat(cmp.high()).isCloseTo(0.0865364, within(1e-6));
    assertThat(cmp.significant()).isTrue();

    var flat = ExperimentStats.compare(100, 1000, 104, 1000, 0.95).orElseThrow();
    assertThat(flat.significant()).isFalse();
    assertThat(flat.low()).isNegative();
  }

  @Test
  void wilsonIntervalAndEmptyCases() {
    var rate = ExperimentStats.rate(20, 100, 0.95);
    assertThat(rate.rate()).isEqualTo(0.2);
    assertThat(rate.low()).isCloseTo(0.133367, within(1e-5));
    assertThat(rate.high()).isCloseTo(0.288829, within(1e-5));
    assertThat(ExperimentStats.rate(0, 0, 0.95).rate()).isZero();
    assertThat(ExperimentStats.compare(0, 0, 5, 10, 0.95)).isEmpty();
    assertThat(ExperimentStats.compare(0, 10, 0, 10, 0.95)).as("no variance").isEmpty();
  }

  @Test
  void sampleRatioMismatchWarnsOnlyWhenTheSplitIsImplausible() {
    // 1000 vs 1200 at 50/50: chi2 = 2 * 100^2 / 1100 = 18.18, p = 2.0e-5
    double p = ExperimentStats.sampleRatioPValue(new long[] {1000, 1200}, new int[] {50, 50});
    assertThat(p).isCloseTo(2.00787e-5, within(1e-9));
    assertThat(p).isLessThan(ExperimentStats.SRM_THRESHOLD);
    // 1000 vs 1050: chi2 = 2 * 25^2 / 1025 = 1.22, p = 0.27
    assertThat(ExperimentStats.sampleRatioPValue(new long[] {1000, 1050}, new int[] {50, 50}))
        .isGreaterThan(ExperimentStats.SRM_THRESHOLD);
    // 900 / 100 at 90/10 is exactly the promised split
    assertThat(ExperimentStats.sampleRatioPValue(new long[] {900, 100}, new int[] {90, 10})).isCloseTo(1, within(1e-9));
    assertThat(ExperimentStats.sampleRatioPValue(new long[] {0, 0}, new int[] {50, 50})).isEqualTo(1);
  }

  @Test
  void sampleSizeFollowsTheNormalApproximation() {
    // 10 % -> 12 %, alpha 0.05, power 0.8:
    // (1.959964 * sqrt(2 * 0.11 * 0.89) + 0.841621 * sqrt(0.09 + 0.1056))^2 / 0.02^2 = 3840.85
    assertThat(ExperimentStats.sampleSizePerVariant(0.10, 0.02, 0.05, 0.8)).isEqualTo(3841);
    // 10 % -> 11 %: (1.959964 * sqrt(2 * 0.105 * 0.895) + 0.841621 * sqrt(0.09 + 0.0979))^2 / 0.01^2 = 14750.79
    assertThat(ExperimentStats.sampleSizePerVariant(0.10, 0.01, 0.05, 0.8)).isEqualTo(14751);
    assertThatThrownBy(() -> ExperimentStats.sampleSizePerVariant(0.95, 0.10, 0.05, 0.8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExperimentStats.sampleSizePerVariant(0.10, 0.0, 0.05, 0.8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bucketsAreAStableHashNotARandomNumber() {
    // SHA-256, first 8 bytes big-endian signed, floorMod 10 000 (python3 hashlib gives the same)
    assertThat(Experiments.bucket("1:landing:c-1")).isEqualTo(698);
    assertThat(Experiments.bucket("7:copy-test:alice")).isEqualTo(2264);
  }
}
