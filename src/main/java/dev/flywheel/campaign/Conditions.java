package dev.flywheel.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a condition into its top-level {@code &&} parts so an explanation can name the first
 * false one. Splits only when the top level is a pure conjunction (no top-level {@code ||} or
 * {@code ?:}); otherwise the whole condition is one part. Strings and brackets are respected.
 */
final class Conditions {
  private Conditions() {}

  static List<String> parts(String condition) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    char quote = 0;
    for (int i = 0; i < condition.length(); i++) {
      char c = condition.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'' -> quote = c;
        case '(', '[', '{' -> depth++;
        case ')', ']', '}' -> depth--;
        case '?' -> {
          if (depth == 0) {
            return List.of(condition.strip());
          }
        }
        case '|' -> {
          if (depth == 0 && i + 1 < condition.length() && condition.charAt(i + 1) == '|') {
            return List.of(condition.strip());
          }
        }
        case '&' -> {
          if (depth == 0 && i + 1 < condition.length() && condition.charAt(i + 1) == '&') {
            parts.add(condition.substring(start, i).strip());
            start = i + 2;
            i++;
          }
        }
        default -> { }
      }
    }
    parts.add(condition.substring(start).strip());
    return parts.stream().anyMatch(String::isEmpty) ? List.of(condition.strip()) : parts;
  }
}
