package dev.flywheel.reach;

import java.time.LocalDate;

/**
 * {@link MessageFigures} of one source and copy variant for the messages planned in one ISO week
 * (Monday to Sunday in the given zone); a message counts in every stage it reached.
 *
 * @param week the Monday of the ISO week the message was planned in
 */
public record WeeklyMessageFigures(String source, String variant, LocalDate week, long planned, long sent,
    long delivered, long opened, long clicked) {}
