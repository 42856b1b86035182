package dev.flywheel.community.library;

import dev.flywheel.community.ActivityScript;
import dev.flywheel.community.GameForm;
import dev.flywheel.community.GamePrize;
import dev.flywheel.community.GameQuestion;
import dev.flywheel.community.sop.CalendarJson;
import dev.flywheel.ledger.Asset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The console's activity form: messages one per line as {@code offset minutes | text}, questions
 * one per line as {@code prompt | option A | option B | … | correct letter}.
 */
public record LibraryForm(String title, String theme, String tags, String rules, String messages, String form,
    String questions, Integer revealDelaySeconds, String productPost, String prizeAsset, Long prizeAmount,
    String prizeNote, Integer durationMinutes) {

  static LibraryForm blank() {
    return new LibraryForm("", "", "", "", "0 | ", "PLAIN", "", 180, "", "", null, "", 60);
  }

  static LibraryForm of(ActivityScript s) {
    return new LibraryForm(s.title(), s.theme(), String.join(", ", s.tags()), s.rules(),
        s.messages().stream().map(m -> m.offsetMinutes() + " | " + m.body().replace("\n", " "))
            .collect(Collectors.joining("\n")),
        s.form() == null ? "PLAIN" : s.form().name(),
        s.questions().stream().map(q -> q.prompt() + " | " + String.join(" | ", q.options()) + " | " + q.correctLetter())
            .collect(Collectors.joining("\n")),
        s.revealDelay() == null ? 180 : (int) s.revealDelay().toSeconds(), s.productPost(),
        s.prize() == null ? "" : s.prize().asset().name(), s.prize() == null ? null : s.prize().amount(),
        s.prizeNote(), s.durationMinutes());
  }

  ActivityScript script() {
    GameForm game = form == null || "PLAIN".equals(form) ? null : CalendarJson.named(GameForm.class, form);
    GamePrize prize = prizeAsset == null || prizeAsset.isBlank() ? null
        : new GamePrize(CalendarJson.named(Asset.class, prizeAsset), prizeAmount == null ? 0 : prizeAmount);
    List<String> tagList = tags == null ? List.of() : Arrays.stream(tags.split("[,，]")).map(String::strip)
        .filter(t -> !t.isEmpty()).toList();
    return new ActivityScript(title, theme, tagList, rules, messageList(), game, game == null ? List.of() : questionList(),
        game == null ? null : Duration.ofSeconds(revealDelaySeconds == null ? 180 : revealDelaySeconds),
        productPost == null || productPost.isBlank() ? null : productPost, prize, prizeNote,
        durationMinutes == null ? 0 : durationMinutes);
  }

  private List<ActivityScript.Message> messageList() {
    List<ActivityScript.Message> out = new ArrayList<>();
    for (String line : lines(messages)) {
      int bar = line.indexOf('|');
      out.add(bar < 0 ? new ActivityScript.Message(0, line)
          : new ActivityScript.Message(LibraryJson.integer(line.substring(0, bar), -1), line.substring(bar + 1).strip()));
    }
    return out;
  }

  private List<GameQuestion> questionList() {
    List<GameQuestion> out = new ArrayList<>();
    for (String line : lines(questions)) {
      List<String> cells = Arrays.stream(line.split("\\|")).map(String::strip).toList();
      String last = cells.getLast();
      int correct = last.length() == 1 && Character.isLetter(last.charAt(0)) ? Character.toUpperCase(last.charAt(0)) - 'A'
          : -1;
      out.add(new GameQuestion(cells.getFirst(), cells.size() > 2 ? cells.subList(1, cells.size() - 1) : List.of(),
          correct));
    }
    return out;
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
