package dev.flywheel.community.library;

import dev.flywheel.community.ActivityScript;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameSpec;
import dev.flywheel.ledger.Asset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The library's JSON columns: a script's messages, its game part, an export's game spec. */
public final class ScriptJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private ScriptJson() {}

  static String messages(List<ActivityScript.Message> messages) {
    return JSON.writeValueAsString(messages.stream()
        .map(m -> Map.<String, Object>of("offset_minutes", m.offsetMinutes(), "body", m.body())).toList());
  }

  static List<ActivityScript.Message> messages(String json) {
    return JSON.readValue(json, LIST).stream()
        .map(m -> new ActivityScript.Message(((Number) m.get("offset_minutes")).intValue(), (String) m.get("body")))
        .toList();
  }

  static String game(ActivityScript s) {
    if (s.form() == null) {
      return null;
    }
    Map<String, Object> game = new LinkedHashMap<>();
    game.put("questions", questions(s.questions()));
    game.put("reveal_delay_seconds", s.revealDelay().toSeconds());
    game.put("product_post", s.productPost());
    return JSON.writeValueAsString(game);
  }

  record Game(List<GameQuestion> questions, Duration revealDelay, String productPost) {}

  static Game game(String json) {
    if (json == null) {
      return new Game(List.of(), null, null);
    }
    Map<String, Object> game = JSON.readValue(json, MAP);
    return new Game(questions(game.get("questions")),
        Duration.ofSeconds(((Number) game.get("reveal_delay_seconds")).longValue()), (String) game.get("product_post"));
  }

  static String spec(GameSpec spec) {
    if (spec == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("form", spec.form().name());
    json.put("title", spec.title());
    json.put("rules", spec.rules());
    json.put("questions", questions(spec.questions()));
    json.put("reveal_delay_seconds", spec.revealDelay().toSeconds());
    json.put("prize", spec.prize() == null ? null : Map.of("asset", spec.prize().asset().name(),
        "amount", spec.prize().amount()));
    json.put("product_post", spec.productPost());
    return JSON.writeValueAsString(json);
  }

  static GameSpec spec(String json) {
    if (json == null) {
      return null;
    }
    Map<String, Object> m = JSON.readValue(json, MAP);
    GamePrize prize = m.get("prize") instanceof Map<?, ?> p
        ? new GamePrize(Asset.valueOf((String) p.get("asset")), ((Number) p.get("amount")).longValue()) : null;
    return new GameSpec(GameForm.valueOf((String) m.get("form")), (String) m.get("title"), (String) m.get("rules"),
        questions(m.get("questions")), Duration.ofSeconds(((Number) m.get("reveal_delay_seconds")).longValue()), prize,
        (String) m.get("product_post"));
  }

  private static List<Map<String, Object>> questions(List<GameQuestion> questions) {
    return questions.stream().map(q -> Map.<String, Object>of("prompt", q.prompt(), "options", q.options(),
        "correct", q.correct())).toList();
  }

  private static List<GameQuestion> questions(Object json) {
    List<GameQuestion> out = new ArrayList<>();
    if (json instanceof List<?> list) {
      for (Object o : list) {
        Map<?, ?> q = (Map<?, ?>) o;
        out.add(new GameQuestion((String) q.get("prompt"),
            ((List<?>) q.get("options")).stream().map(Object::toString).toList(), ((Number) q.get("correct")).intValue()));
      }
    }
    return out;
  }
}
