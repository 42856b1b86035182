package dev.flywheel.event.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 timestamps with an offset, as {@link OffsetDateTime#parse} reads them, with a fast path
 * for the shape clients send: {@code 2025-06-01T09:30:00[.fraction](Z|+08:00)}. The general
 * parser cost an event request about 3.5 % of its CPU. The fast path only takes text that parser
 * accepts and gives the same instant; anything else (other shapes, out-of-range fields) goes to
 * the parser, which decides.
 */
final class Timestamps {
  private static final int SECONDS_END = 19; // "2025-06-01T09:30:00"

  private Timestamps() {}

  /** @throws DateTimeParseException as {@link OffsetDateTime#parse} */
  static Instant parse(String text) {
    Instant fast = common(text);
    return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
  }

  private static Instant common(String t) {
    int n = t.length();
    if (n < SECONDS_END + 1 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
        || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    int i = SECONDS_END;
    int nanos = 0;
    if (t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(t.charAt(i))) {
        nanos = nanos * 10 + (t.charAt(i++) - '0');
      }
      if (i == start) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset = offset(t, i);
    if ((year | month | day | hour | minute | second) < 0 || offset == null) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
    } catch (DateTimeException e) {
      return null; // e.g. 2025-02-30: the parser reports it
    }
  }

  /** {@code Z} or {@code ±hh:mm} ending the text, else null. */
  private static ZoneOffset offset(String t, int i) {
    int n = t.length();
    if (i == n - 1 && t.charAt(i) == 'Z') {
      return ZoneOffset.UTC;
    }
    if (i != n - 6 || t.charAt(i + 3) != ':' || (t.charAt(i) != '+' && t.charAt(i) != '-')) {
      return null;
    }
    int hours = digits(t, i + 1, 2);
    int minutes = digits(t, i + 4, 2);
    if ((hours | minutes) < 0 || hours > 18 || minutes > 59 || (hours == 18 && minutes > 0)) {
      return null;
    }
    int sign = t.charAt(i) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
