package dev.flywheel.community.sop;

import dev.flywheel.community.CalendarResult;
import dev.flywheel.community.CalendarSlot;
import dev.flywheel.community.SopMode;
import dev.flywheel.community.SopSlotKind;
import dev.flywheel.community.SopTemplate;
import dev.flywheel.community.WeeklyReport;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** JSON shapes of the calendar and library API (snake_case); refusals as problem details. */
public final class CalendarJson {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private CalendarJson() {}

  public static <T> T done(CalendarResult<T> result) {
    return switch (result) {
      case CalendarResult.Done<T> d -> d.value();
      case CalendarResult.Refused<T> r -> throw new Problem(status(r.code()), r.code(), r.message(), r.issues());
    };
  }

  static HttpStatus status(String code) {
    if (code.endsWith("-not-found")) {
      return HttpStatus.NOT_FOUND;
    }
    return switch (code) {
      case "not-community-manager" -> HttpStatus.FORBIDDEN;
      case "template-name-taken", "community-archived", "slot-already-done", "slot-is-automatic" -> HttpStatus.CONFLICT;
      default -> HttpStatus.UNPROCESSABLE_CONTENT;
    };
  }

  public static Map<String, Object> body(Map<String, Object> body) {
    if (body == null) {
      throw Problem.badRequest("malformed-body", "Send a JSON object");
    }
    return body;
  }

  public static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** A template slot from JSON; a value that does not parse is left null for the checks to name. */
  static SopTemplate.Slot slot(Object raw) {
    if (!(raw instanceof Map<?, ?> m)) {
      return new SopTemplate.Slot(null, null, null, null, null, null, null, null, null);
    }
    return new SopTemplate.Slot(null, weekday(m.get("weekday")), time(text(m.get("time"))),
        named(SopSlotKind.class, m.get("kind")), named(SopMode.class, m.get("mode")), text(m.get("title")),
        text(m.get("body")), date(m.get("valid_from")), date(m.get("valid_to")));
  }

  static List<SopTemplate.Slot> slots(Object raw) {
    List<SopTemplate.Slot> slots = new ArrayList<>();
    if (raw instanceof List<?> list) {
      list.forEach(s -> slots.add(slot(s)));
    }
    return slots;
  }

  static DayOfWeek weekday(Object value) {
    try {
      if (value instanceof Number n) {
        return DayOfWeek.of(n.intValue());
      }
      String s = text(value);
      return s == null ? null : DayOfWeek.valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static LocalTime time(String value) {
    try {
      return value == null ? null : LocalTime.parse(value.strip(), HH_MM);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public static LocalDate date(Object value) {
    try {
      return value == null || value.toString().isBlank() ? null : LocalDate.parse(value.toString().strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public static <E extends Enum<E>> E named(Class<E> type, Object value) {
    try {
      return value == null ? null : Enum.valueOf(type, value.toString().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A week's day from a query parameter; 400 when it is not a date. */
  public static LocalDate weekOf(String value, LocalDate today) {
    if (value == null || value.isBlank()) {
      return today;
    }
    LocalDate date = date(value);
    if (date == null) {
      throw Problem.badRequest("validation-failed", "week_of is a date",
          new FieldIssue("week_of", "invalid", "a date like 2026-12-07"));
    }
    return date;
  }

  static Map<String, Object> template(SopTemplate t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", t.id());
    json.put("name", t.name());
    json.put("description", t.description());
    json.put("slots", t.slots().stream().map(s -> {
      Map<String, Object> slot = new LinkedHashMap<>();
      slot.put("id", s.id());
      slot.put("weekday", s.weekday().name());
      slot.put("time", HH_MM.format(s.time()));
      slot.put("kind", s.kind().name());
      slot.put("mode", s.mode().name());
      slot.put("title", s.title());
      slot.put("body", s.body());
      slot.put("valid_from", s.validFrom() == null ? null : s.validFrom().toString());
      slot.put("valid_to", s.validTo() == null ? null : s.validTo().toString());
      return slot;
    }).toList());
    json.put("created_by", t.createdBy());
    json.put("updated_at", t.updatedAt().toString());
    return json;
  }

  public static Map<String, Object> slot(CalendarSlot s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", s.id());
    json.put("community_id", s.communityId());
    json.put("week_start", s.weekStart().toString());
    json.put("due_at", s.dueAt().toString());
    json.put("kind", s.kind().name());
    json.put("mode", s.mode().name());
    json.put("title", s.title());
    json.put("body", s.body());
    json.put("status", s.status());
    json.put("overdue", s.overdue());
    json.put("done_at", s.doneAt() == null ? null : s.doneAt().toString());
    json.put("done_by", s.doneBy());
    json.put("skip_reason", s.skipReason());
    json.put("post_id", s.postId());
    json.put("template_id", s.templateId());
    json.put("export_id", s.exportId());
    return json;
  }

  static Map<String, Object> report(WeeklyReport r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("community_id", r.communityId());
    json.put("week_start", r.weekStart().toString());
    json.put("posts_made", r.postsMade());
    json.put("game_rounds", r.gameRounds());
    json.put("members", r.members());
    json.put("participants", r.participants());
    json.put("participation", r.participation());
    json.put("products_placed", r.productsPlaced());
    json.put("conversions", r.conversions());
    json.put("conversion_days", WeeklyReport.CONVERSION_DAYS);
    json.put("slots", r.slots());
    json.put("slots_done", r.slotsDone());
    json.put("slots_overdue", r.slotsOverdue());
    return json;
  }
}
