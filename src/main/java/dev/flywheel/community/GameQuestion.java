package dev.flywheel.community;

import java.util.List;

/**
 * One round's question with its answers prepared as options A, B, C … so a member replies with
 * one letter.
 *
 * @param options the options in letter order ({@code options.get(0)} is A); 2 to 6 of them
 * @param correct the index of the correct option
 */
public record GameQuestion(String prompt, List<String> options, int correct) {

  public char correctLetter() {
    return (char) ('A' + correct);
  }
}
