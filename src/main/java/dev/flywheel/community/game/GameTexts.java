package dev.flywheel.community.game;

import dev.flywheel.community.Game;
import dev.flywheel.community.GameRound;
import java.time.Duration;

/** The words a game posts in the chat (Chinese first, as the bank's groups read them, then English). */
final class GameTexts {
  private GameTexts() {}

  static String question(Game game, GameRound round) {
    StringBuilder body = new StringBuilder();
    body.append("【").append(game.title()).append("】 第").append(round.position()).append('/')
        .append(game.rounds().size()).append("题 Round ").append(round.position()).append('/')
        .append(game.rounds().size()).append('\n').append(round.prompt()).append('\n');
    for (int i = 0; i < round.options().size(); i++) {
      body.append(GameRound.letter(i)).append(". ").append(round.options().get(i)).append('\n');
    }
    char last = GameRound.letter(round.options().size() - 1);
    body.append("回复一个字母作答(A–").append(last).append("),").append(delay(game.revealDelay()))
        .append("后公布答案。Reply with one letter (A–").append(last).append("); the answer is revealed in ")
        .append(delayEn(game.revealDelay())).append('.');
    return body.toString();
  }

  static String reveal(Game game, GameRound round, String winnerName) {
    String answer = round.correctLetter() + ". " + round.options().get(round.correct());
    StringBuilder body = new StringBuilder();
    body.append("【").append(game.title()).append("】 第").append(round.position()).append("题答案 Answer: ")
        .append(answer).append('\n');
    if (winnerName == null) {
      body.append("本轮无人答对。No correct answer this round.");
    } else {
      body.append("最先答对 First correct answer: ").append(winnerName);
      if (game.prize() != null && round.grantId() != null) {
        body.append(" — 奖励 prize: ").append(game.prize().amount()).append(' ')
            .append(game.prize().asset().name().toLowerCase().replace('_', ' '));
      }
      body.append(" 🎉");
    }
    return body.toString();
  }

  private static String delay(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + "分钟" : d.toSeconds() + "秒";
  }

  private static String delayEn(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }
}
