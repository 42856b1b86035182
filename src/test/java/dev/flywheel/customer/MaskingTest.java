package dev.flywheel.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {
  @Test
  void namesKeepTheFirstCharacterOfEachWord() {
    assertThat(Masking.name("张三")).isEqualTo("张*");
    assertThat(Masking.name("李")).isEqualTo("李*");
    assertThat(Masking.name("  Alice  Wong ")).isEqualTo("A**** W***");
    assertThat(Masking.name(" ")).isNull();
  }

  @Test
  void phonesKeepPrefixAndLastFourDigits() {
    assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
    assertThat(Masking.phone("+8613812345678")).isEqualTo("+86*******5678");
    assertThat(Masking.phone("12345")).isEqualTo("***45");
    assertThat(Masking.phone(null)).isNull();
  }
}
