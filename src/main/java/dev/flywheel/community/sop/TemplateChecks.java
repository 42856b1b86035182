package dev.flywheel.community.sop;

import dev.flywheel.community.SopTemplate;
import dev.flywheel.platform.web.FieldIssue;
import java.util.ArrayList;
import java.util.List;

/** What a SOP template must satisfy; each problem as a field issue. */
public final class TemplateChecks {
  public static final int MAX_SLOTS = 50;

  private TemplateChecks() {}

  public static List<FieldIssue> check(String name, List<SopTemplate.Slot> slots) {
    List<FieldIssue> issues = new ArrayList<>();
    if (name == null || name.isBlank() || name.strip().length() > 120) {
      issues.add(new FieldIssue("name", "required", "1 to 120 characters"));
    }
    if (slots == null || slots.isEmpty() || slots.size() > MAX_SLOTS) {
      issues.add(new FieldIssue("slots", "required", "1 to " + MAX_SLOTS + " slots"));
      return issues;
    }
    for (int i = 0; i < slots.size(); i++) {
      issues.addAll(slot("slots[" + i + "].", slots.get(i)));
    }
    return issues;
  }

  static List<FieldIssue> slot(String prefix, SopTemplate.Slot s) {
    List<FieldIssue> issues = new ArrayList<>();
    if (s.weekday() == null) {
      issues.add(new FieldIssue(prefix + "weekday", "invalid", "MONDAY to SUNDAY (or 1 to 7)"));
    }
    if (s.time() == null) {
      issues.add(new FieldIssue(prefix + "time", "invalid", "a local time HH:mm, 00:00 to 23:59"));
    }
    if (s.kind() == null) {
      issues.add(new FieldIssue(prefix + "kind", "invalid", "PRODUCT_INFO, NEWS, PROMOTION, GAME or LONG_ACTIVITY"));
    }
    if (s.mode() == null) {
      issues.add(new FieldIssue(prefix + "mode", "invalid", "TASK or AUTO"));
    }
    if (s.title() == null || s.title().isBlank() || s.title().strip().length() > 120) {
      issues.add(new FieldIssue(prefix + "title", "required", "1 to 120 characters"));
    }
    if (s.body() == null || s.body().isBlank() || s.body().length() > 4000) {
      issues.add(new FieldIssue(prefix + "body", "required", "1 to 4000 characters"));
    }
    if (s.validFrom() != null && s.validTo() != null && s.validTo().isBefore(s.validFrom())) {
      issues.add(new FieldIssue(prefix + "valid_to", "before-start", "on or after valid_from"));
    }
    return issues;
  }
}
