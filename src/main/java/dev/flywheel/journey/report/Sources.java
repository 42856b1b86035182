package dev.flywheel.journey.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reach message sources of journey steps: {@code journey/<id>/v<version>/step/<key>}. */
final class Sources {
  private static final Pattern SOURCE = Pattern.compile("journey/(\\d+)/v(\\d+)/step/(.+)");

  private Sources() {}

  record Source(long journeyId, int version, String step) {}

  static String of(long journeyId, int version, String step) {
    return "journey/" + journeyId + "/v" + version + "/step/" + step;
  }

  static Optional<Source> parse(String source) {
    Matcher m = SOURCE.matcher(source == null ? "" : source);
    return m.matches() ? Optional.of(new Source(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), m.group(3)))
        : Optional.empty();
  }
}
