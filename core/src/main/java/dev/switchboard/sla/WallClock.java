package dev.switchboard.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Turns a calendar's local opening times into instants. A local time that the clocks skip (spring forward) means
 * the moment they jump, so an opening in the gap starts at the gap's end; a local time that occurs twice (fall back)
 * means its first occurrence. Both rules keep the mapping non-decreasing, so the ranges of a day stay in order and
 * never overlap once they are instants, and the open time between two instants is real elapsed time.
 */
final class WallClock {
    private WallClock() {}

    /** The instant at minute {@code minuteOfDay} (0 to 1440) of {@code date}. */
    static Instant instant(LocalDate date, int minuteOfDay, ZoneRules rules) {
        LocalDateTime local = minuteOfDay == TimeRange.MINUTES_PER_DAY
                ? date.plusDays(1).atStartOfDay()
                : date.atTime(minuteOfDay / 60, minuteOfDay % 60);
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            return local.toInstant(rules.getOffset(local));
        }
        return transition.isGap() ? transition.getInstant() : local.toInstant(transition.getOffsetBefore());
    }
}
