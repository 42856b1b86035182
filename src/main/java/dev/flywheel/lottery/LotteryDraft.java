package dev.flywheel.lottery;

import java.time.Instant;
import java.util.List;

/** What an operator edits while a lottery is a draft; {@code guarantee} may be null. */
public record LotteryDraft(String name, Instant startsAt, Instant endsAt, Guarantee guarantee,
    List<PrizeSpec> prizes) {}
