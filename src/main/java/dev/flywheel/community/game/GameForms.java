package dev.flywheel.community.game;

import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.GameSpec;
import dev.flywheel.ledger.Asset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's "new game" form. Questions are typed one per line:
 * {@code prompt | option A | option B [| …] | correct letter}, e.g.
 * {@code Which fund is the safest? | Stock fund | Money market fund | Crypto | B}. Alternatively
 * the whole spec as JSON (the API's body) in {@code specJson}.
 */
public record GameForms(String title, String form, String rules, String questions, Integer revealDelaySeconds,
    String prizeAsset, Long prizeAmount, String productPost, String specJson) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The spec the form describes; JSON wins when given (throws a 422 problem when it is malformed). */
  GameSpec spec() {
    if (specJson != null && !specJson.isBlank()) {
      java.util.Map<?, ?> body;
      try {
        body = JSON.readValue(specJson, java.util.Map.class);
      } catch (RuntimeException e) {
        throw dev.flywheel.platform.web.Problem.badRequest("malformed-game", "The JSON is not an object");
      }
      return GameJson.spec(body);
    }
    GameForm kind;
    try {
      kind = form == null || form.isBlank() ? GameForm.QUIZ : GameForm.valueOf(form.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      kind = null;
    }
    GamePrize prize = prizeAsset == null || prizeAsset.isBlank() || prizeAmount == null ? null
        : new GamePrize(Asset.valueOf(prizeAsset), prizeAmount);
    return new GameSpec(kind, title, rules, lines(questions),
        revealDelaySeconds == null ? null : Duration.ofSeconds(revealDelaySeconds), prize, productPost);
  }

  static List<GameQuestion> lines(String text) {
    List<GameQuestion> questions = new ArrayList<>();
    if (text == null) {
      return questions;
    }
    for (String line : text.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      List<String> parts = new ArrayList<>(List.of(line.split("\\|", -1))).stream().map(String::strip).toList();
      if (parts.size() < 2) {
        questions.add(new GameQuestion(parts.getFirst(), List.of(), -1));
        continue;
      }
      String last = parts.getLast();
      int correct = last.length() == 1 ? Character.toUpperCase(last.charAt(0)) - 'A' : -1;
      questions.add(new GameQuestion(parts.getFirst(), parts.subList(1, parts.size() - 1), correct));
    }
    return questions;
  }
}
