package dev.flywheel.community.library;

import dev.flywheel.community.ActivityScript;
import dev.flywheel.community.ActivityUsage;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameSpec;
import dev.flywheel.community.LibraryActivity;
import dev.flywheel.community.LibraryExport;
import dev.flywheel.community.sop.CalendarJson;
import dev.flywheel.ledger.Asset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of library scripts, exports and the ranking (snake_case). */
final class LibraryJson {
  private LibraryJson() {}

  static ActivityScript script(Map<String, Object> b) {
    List<ActivityScript.Message> messages = new ArrayList<>();
    if (b.get("messages") instanceof List<?> list) {
      for (Object o : list) {
        Map<?, ?> m = o instanceof Map<?, ?> map ? map : Map.of();
        messages.add(new ActivityScript.Message(integer(m.get("offset_minutes"), -1), CalendarJson.text(m.get("body"))));
      }
    }
    String form = CalendarJson.text(b.get("form"));
    GameForm game = form == null || "PLAIN".equalsIgnoreCase(form) ? null : CalendarJson.named(GameForm.class, form);
    if (form != null && !"PLAIN".equalsIgnoreCase(form) && game == null) {
      throw dev.flywheel.platform.web.Problem.invalid("invalid-activity", "The activity has invalid fields",
          List.of(new dev.flywheel.platform.web.FieldIssue("form", "invalid", "PLAIN, QUIZ, PINYIN, DICE or RIDDLE")));
    }
    List<String> tags = b.get("tags") instanceof List<?> t ? t.stream().map(String::valueOf).toList() : List.of();
    return new ActivityScript(CalendarJson.text(b.get("title")), CalendarJson.text(b.get("theme")), tags,
        CalendarJson.text(b.get("rules")), messages, game, game == null ? List.of() : questions(b.get("questions")),
        game == null ? null : Duration.ofSeconds(integer(b.get("reveal_delay_seconds"), 180)),
        CalendarJson.text(b.get("product_post")), prize(b.get("prize")), CalendarJson.text(b.get("prize_note")),
        integer(b.get("duration_minutes"), 60));
  }

  private static List<GameQuestion> questions(Object raw) {
    List<GameQuestion> questions = new ArrayList<>();
    if (raw instanceof List<?> list) {
      for (Object o : list) {
        Map<?, ?> q = o instanceof Map<?, ?> map ? map : Map.of();
        List<String> options = q.get("options") instanceof List<?> opts ? opts.stream().map(String::valueOf).toList()
            : List.of();
        Object correct = q.get("correct");
        int index = correct instanceof String s && s.length() == 1 && Character.isLetter(s.charAt(0))
            ? Character.toUpperCase(s.charAt(0)) - 'A' : integer(correct, -1);
        questions.add(new GameQuestion(CalendarJson.text(q.get("prompt")), options, index));
      }
    }
    return questions;
  }

  static GamePrize prize(Object raw) {
    if (!(raw instanceof Map<?, ?> p)) {
      return null;
    }
    return new GamePrize(CalendarJson.named(Asset.class, p.get("asset")), integer(p.get("amount"), 0));
  }

  static int integer(Object value, int otherwise) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return value == null ? otherwise : Integer.parseInt(value.toString().strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static Map<String, Object> activity(LibraryActivity a) {
    ActivityScript s = a.script();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", a.id());
    json.put("version", a.version());
    json.put("current_version", a.currentVersion());
    json.put("title", s.title());
    json.put("theme", s.theme());
    json.put("tags", s.tags());
    json.put("rules", s.rules());
    json.put("messages", s.messages().stream().map(m -> Map.of("offset_minutes", m.offsetMinutes(), "body", m.body()))
        .toList());
    json.put("form", s.form() == null ? "PLAIN" : s.form().name());
    if (s.form() != null) {
      json.put("questions", s.questions().stream().map(LibraryJson::question).toList());
      json.put("reveal_delay_seconds", s.revealDelay().toSeconds());
      json.put("product_post", s.productPost());
    }
    json.put("prize", prize(s.prize()));
    json.put("prize_note", s.prizeNote());
    json.put("duration_minutes", s.durationMinutes());
    json.put("edited_by", a.editedBy());
    json.put("edited_at", a.editedAt().toString());
    return json;
  }

  private static Map<String, Object> question(GameQuestion q) {
    return Map.of("prompt", q.prompt(), "options", q.options(), "correct", String.valueOf(q.correctLetter()));
  }

  private static Map<String, Object> prize(GamePrize p) {
    return p == null ? null : Map.of("asset", p.asset().name(), "amount", p.amount());
  }

  static Map<String, Object> export(LibraryExport e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", e.id());
    json.put("community_id", e.communityId());
    json.put("activity_id", e.activityId());
    json.put("version", e.version());
    json.put("starts_at", e.startsAt().toString());
    json.put("exported_by", e.exportedBy());
    json.put("game_id", e.gameId());
    GameSpec g = e.game();
    json.put("game", g == null ? null : Map.of("form", g.form().name(), "questions", g.questions().size(),
        "reveal_delay_seconds", g.revealDelay().toSeconds(), "prize", g.prize() == null ? Map.of() : prize(g.prize())));
    json.put("slots", e.slots().stream().map(CalendarJson::slot).toList());
    return json;
  }

  static Map<String, Object> usage(ActivityUsage u) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("activity_id", u.activityId());
    json.put("title", u.title());
    json.put("theme", u.theme());
    json.put("current_version", u.currentVersion());
    json.put("times_used", u.timesUsed());
    json.put("communities", u.communities());
    json.put("runs", u.runs());
    json.put("participation", u.participation());
    json.put("conversion_rate", u.conversionRate());
    json.put("conversions", u.conversions());
    json.put("score", u.runs() == 0 ? null : u.score());
    return json;
  }
}
