package dev.flywheel.community;

import java.time.Duration;
import java.util.List;

/**
 * A group game ready to be run in a community: what an account manager starts from the live game
 * panel, and what a library activity of a game form becomes when exported to a community.
 *
 * @param questions one round per question, in order
 * @param revealDelay how long a round stays open after it starts, so members keep answering after
 *     the first correct answer (seed 001: e.g. 3 minutes); the winner is revealed when it closes
 * @param prize per round, for the earliest correct answer; null for none
 * @param productPost posted right after the game ends, while the group is most active; null for none
 */
public record GameSpec(GameForm form, String title, String rules, List<GameQuestion> questions,
    Duration revealDelay, GamePrize prize, String productPost) {}
