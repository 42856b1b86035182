package dev.flywheel.lottery;

/** DRAFT (prize pool editable) → LIVE (funded; draws between start and end) → ENDED. */
public enum LotteryStatus { DRAFT, LIVE, ENDED }
