package dev.switchboard.sla;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an escalation may stay open: a duration counted in wall-clock time, or in the open hours of a
 * {@link BusinessCalendar} when {@code businessHours} is set.
 *
 * @param duration positive, at most {@link #MAX_DURATION}
 * @param businessHours whether only open hours count
 */
public record SlaTarget(Duration duration, boolean businessHours) {
    /** The longest target: a year. Longer deadlines are not service levels, and the bound keeps counting cheap. */
    public static final Duration MAX_DURATION = Duration.ofDays(365);

    /** Four hours, wall-clock: the target of every priority unless a policy says otherwise (SPEC §3.3). */
    public static final SlaTarget DEFAULT = wallClock(Duration.ofHours(4));

    public SlaTarget {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(
                    "an SLA target must be positive and at most " + MAX_DURATION.toDays() + " days, got " + duration);
        }
    }

    /** A target counted in wall-clock time. */
    public static SlaTarget wallClock(Duration duration) {
        return new SlaTarget(duration, false);
    }

    /** A target counted in the open hours of the policy's calendar. */
    public static SlaTarget businessHours(Duration duration) {
        return new SlaTarget(duration, true);
    }
}
