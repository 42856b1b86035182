package dev.flywheel.customer;

/**
 * How personal data is shown to operators: the API's {@code display_name_masked} and the
 * console use these, never the raw values. Pure functions, null-safe.
 */
public final class Masking {
  private Masking() {}

  /**
   * Keeps the first character of each word and masks the rest: {@code 张三丰 → 张**},
   * {@code Alice Wong → A**** W***}. Null or blank gives null.
   */
  public static String name(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String word : name.trim().split("\\s+")) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      int[] cps = word.codePoints().toArray();
      out.appendCodePoint(cps[0]).append("*".repeat(Math.max(1, cps.length - 1)));
    }
    return out.toString();
  }

  /**
   * Keeps the first character of the local part and the whole domain:
   * {@code alice@example.com → a****@example.com}. Null or blank gives null.
   */
  public static String email(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    String e = email.strip();
    int at = e.lastIndexOf('@');
    if (at <= 0) {
      return "*".repeat(e.length());
    }
    return e.charAt(0) + "*".repeat(Math.max(1, at - 1)) + e.substring(at);
  }

  /**
   * Keeps the first three and last four digits of numbers of eleven or more characters
   * ({@code 13812345678 → 138****5678}); shorter numbers keep only the last two.
   */
  public static String phone(String phone) {
    if (phone == null || phone.isBlank()) {
      return null;
    }
    String p = phone.strip();
    if (p.length() >= 11) {
      return p.substring(0, 3) + "*".repeat(p.length() - 7) + p.substring(p.length() - 4);
    }
    int keep = Math.min(2, p.length() - 1);
    return "*".repeat(p.length() - keep) + p.substring(p.length() - keep);
  }
}
