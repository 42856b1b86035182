package dev.flywheel.community.game;

import dev.flywheel.community.Game;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameRound;
import dev.flywheel.community.GameSpec;
import dev.flywheel.community.GameState;
import dev.flywheel.ledger.Asset;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Games as JSON (snake_case, like the rest of the API) and a game spec read from JSON. */
final class GameJson {
  private GameJson() {}

  /**
   * A spec from {@code {form, title, rules, questions: [{prompt, options, correct}], reveal_delay_seconds,
   * prize: {asset, amount}, product_post}}; {@code correct} is an index or a letter. Values of the
   * wrong type are reported with their field path (HTTP 422 {@code invalid-game}).
   */
  static GameSpec spec(Map<?, ?> body) {
    if (body == null) {
      throw Problem.badRequest("malformed-game", "Send the game as a JSON object");
    }
    List<FieldIssue> issues = new ArrayList<>();
    GameForm form = enumValue(GameForm.class, body.get("form") == null ? "QUIZ" : body.get("form"), "form", issues);
    List<GameQuestion> questions = new ArrayList<>();
    if (body.get("questions") instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        questions.add(question(list.get(i), "questions[" + i + "]", issues));
      }
    } else {
      issues.add(new FieldIssue("questions", "required", "a list of questions"));
    }
    Long delay = number(body.get("reveal_delay_seconds"), "reveal_delay_seconds", issues);
    GamePrize prize = null;
    if (body.get("prize") instanceof Map<?, ?> p) {
      Asset asset = enumValue(Asset.class, p.get("asset"), "prize.asset", issues);
      Long amount = number(p.get("amount"), "prize.amount", issues);
      prize = asset == null || amount == null ? null : new GamePrize(asset, amount);
    } else if (body.get("prize") != null) {
      issues.add(new FieldIssue("prize", "invalid", "{asset, amount} or null"));
    }
    if (!issues.isEmpty()) {
      throw Problem.invalid("invalid-game", "The game has invalid fields", issues);
    }
    return new GameSpec(form, text(body.get("title")), text(body.get("rules")), questions,
        delay == null ? null : Duration.ofSeconds(delay), prize, text(body.get("product_post")));
  }

  private static GameQuestion question(Object value, String at, List<FieldIssue> issues) {
    if (!(value instanceof Map<?, ?> q)) {
      issues.add(new FieldIssue(at, "invalid", "{prompt, options, correct}"));
      return null;
    }
    List<String> options = new ArrayList<>();
    if (q.get("options") instanceof List<?> list) {
      list.forEach(o -> options.add(text(o)));
    }
    int correct = -1;
    Object c = q.get("correct");
    if (c instanceof Number n) {
      correct = n.intValue();
    } else if (c instanceof String s && s.strip().length() == 1) {
      correct = Character.toUpperCase(s.strip().charAt(0)) - 'A';
    }
    return new GameQuestion(text(q.get("prompt")), options, correct);
  }

  static Map<String, Object> game(Game g) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", g.id());
    json.put("community_id", g.communityId());
    json.put("form", g.form().name().toLowerCase(Locale.ROOT));
    json.put("title", g.title());
    json.put("rules", g.rules());
    json.put("reveal_delay_seconds", g.revealDelay().toSeconds());
    json.put("prize", g.prize() == null ? null : Map.of("asset", g.prize().asset().name(), "amount", g.prize().amount()));
    json.put("product_post", g.productPost());
    json.put("source", g.source());
    json.put("status", g.status().toLowerCase(Locale.ROOT));
    json.put("started_at", g.startedAt());
    json.put("ended_at", g.endedAt());
    json.put("product_message_id", g.productMessageId());
    json.put("created_by", g.createdBy());
    json.put("created_at", g.createdAt());
    json.put("rounds", g.rounds().stream().map(GameJson::round).toList());
    return json;
  }

  /** The correct answer and winner only once the round is closed. */
  static Map<String, Object> round(GameRound r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", r.id());
    json.put("position", r.position());
    json.put("prompt", r.prompt());
    json.put("options", r.options());
    json.put("status", r.status().name().toLowerCase(Locale.ROOT));
    json.put("opened_at", r.openedAt());
    json.put("closes_at", r.closesAt());
    boolean closed = r.status() == GameRound.Status.CLOSED;
    json.put("correct", closed ? String.valueOf(r.correctLetter()) : null);
    json.put("closed_at", r.closedAt());
    json.put("closed_by", r.closedBy());
    json.put("winner_customer_id", r.winnerCustomerId());
    json.put("winner_answered_at", r.winnerAnsweredAt());
    json.put("grant_id", r.grantId());
    json.put("prize_note", r.prizeNote());
    return json;
  }

  static Map<String, Object> state(GameState s) {
    Map<String, Object> json = game(s.game());
    json.put("members", s.members());
    json.put("participants", s.participants());
    json.put("product_clicks", s.productClicks());
    json.put("round_figures", s.rounds().stream().map(f -> Map.of("round_id", f.round().id(), "answers", f.answers(),
        "correct", f.round().status() == GameRound.Status.CLOSED ? f.correct() : -1, "late", f.late())).toList());
    return json;
  }

  static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static Long number(Object value, String field, List<FieldIssue> issues) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    issues.add(new FieldIssue(field, "invalid", "a whole number"));
    return null;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, Object value, String field, List<FieldIssue> issues) {
    try {
      return value == null ? null : Enum.valueOf(type, value.toString().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      issues.add(new FieldIssue(field, "invalid", "one of " + java.util.Arrays.toString(type.getEnumConstants())));
      return null;
    }
  }
}
