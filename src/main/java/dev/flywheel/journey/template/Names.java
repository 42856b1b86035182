package dev.flywheel.journey.template;

/** Parameter values that end up inside CEL text or step keys, checked first. */
final class Names {
  private Names() {}

  static String token(Params p, String name) {
    String value = p.string(name);
    if (value == null || !value.matches("[A-Za-z0-9_.:-]{1,64}")) {
      throw Params.bad(name, "1-64 letters, digits, _ . : or -");
    }
    return value;
  }

  /** A day number greater than the previous one. */
  static int day(String text, int previous) {
    try {
      int day = Integer.parseInt(text.trim());
      if (day > previous && day <= 365) {
        return day;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Params.bad("days", "increasing day numbers between 1 and 365");
  }
}
