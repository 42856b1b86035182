package dev.flywheel.event.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path accepts exactly what {@link OffsetDateTime#parse} accepts, with the same instant. */
class TimestampsTest {

  @Test
  void commonShapesGiveTheParsersInstant() {
    List<String> valid = List.of("2025-06-01T09:30:00+08:00", "2025-06-01T09:30:00Z", "2025-06-01T09:30:00.5Z",
        "2025-06-01T09:30:00.123456789-05:30", "2024-02-29T23:59:59+18:00", "2025-06-01T00:00:00-18:00",
        "0000-01-01T00:00:00Z", "2025-06-01T09:30:00-00:00", "9999-12-31T23:59:59.999999999+14:00");
    for (String text : valid) {
      assertThat(Timestamps.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
    assertThat(Timestamps.parse("2025-06-01T09:30:00+08:00")).isEqualTo(Instant.parse("2025-06-01T01:30:00Z"));
  }

  @Test
  void otherShapesAndInvalidTextGoToTheParser() {
    List<String> texts = List.of(
        // the parser accepts these; the fast path leaves them to it
        "2025-06-01T09:30+08:00", "2025-06-01t09:30:00z", "2025-06-01T09:30:00+0800", "2025-06-01T09:30:00+08",
        "2025-06-01T09:30:00+08:00:30", "+12025-06-01T09:30:00Z", "2025-06-01T09:30:00.Z",
        // the parser refuses these
        "2025-02-30T09:30:00Z", "2025-02-29T00:00:00Z", "2025-06-01T24:00:00Z", "2025-06-01T23:59:60Z",
        "2025-06-01T09:60:00Z", "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "2025-06-00T00:00:00Z",
        "2025-06-01T09:30:00+19:00", "2025-06-01T09:30:00+18:01", "2025-06-01T09:30:00+08:60",
        "2025-06-01T09:30:00", "2025-06-01T09:30:00.1234567890Z", "2025-06-01 09:30:00Z",
        "\uFF12025-06-01T09:30:00Z", "2025-06-01T09:30:00ZZ", "", "2025-06-01T09:30:00+08:00 ",
        "2025-06-01T09:30:0a+08:00", "2025-06-01T09:30:00*08:00", "2025-06-01T09:30:00.+08:00");
    for (String text : texts) {
      assertThat(outcome(text)).as(text).isEqualTo(expected(text));
    }
  }

  @Test
  void randomlyDamagedTimestampsAgreeWithTheParser() {
    Random random = new Random(20261126);
    String alphabet = "0123456789-:T.Z+ 9";
    List<String> seeds = List.of("2025-06-01T09:30:00+08:00", "2024-02-29T23:59:59.123Z", "2025-12-31T00:00:00.5-05:30");
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder(seeds.get(i % seeds.size()));
      for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> text.deleteCharAt(at);
          default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String damaged = text.toString();
      assertThat(outcome(damaged)).as(damaged).isEqualTo(expected(damaged));
    }
  }

  private static String outcome(String text) {
    try {
      return Timestamps.parse(text).toString();
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }

  private static String expected(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }
}
