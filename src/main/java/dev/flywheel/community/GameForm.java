package dev.flywheel.community;

/** The kinds of small group games seed 001 names; every question is answered with one letter. */
public enum GameForm {
  /** multiple-choice quiz (finance knowledge, product facts) */
  QUIZ,
  /** read the pinyin: which characters does it spell? */
  PINYIN,
  /** guess the dice: big, small or a pair? */
  DICE,
  /** riddles with prepared answers */
  RIDDLE
}
