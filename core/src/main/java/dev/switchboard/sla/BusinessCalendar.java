package dev.switchboard.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When a business is open: a time zone, weekly opening hours and holidays (closed all day). Counts open time in
 * real elapsed time, so a range on a daylight-saving day is as long as it really is (see {@link WallClock} for local
 * times that are skipped or repeated). Works day by day, never minute by minute. Immutable and thread-safe.
 *
 * @param zone where the opening hours and holidays are local
 * @param weekly opening ranges per day of the week, each day's sorted and non-overlapping; days not present are closed
 * @param holidays dates on which the business is closed all day, whatever the weekly hours say
 */
public record BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, Set<LocalDate> holidays) {
    /**
     * How long a calendar may stay closed before {@link #plus} gives up: about five years. Counting is otherwise
     * unbounded, so a calendar whose holidays cover every open day would loop forever.
     */
    public static final int MAX_CLOSED_DAYS = 5 * 366;

    /** Monday to Friday, 09:00 to 17:00: the hours of {@link #officeHours}. */
    public static final Map<DayOfWeek, List<TimeRange>> OFFICE_HOURS = officeWeek();

    private static final List<TimeRange> ALL_DAY = List.of(new TimeRange(0, TimeRange.MINUTES_PER_DAY));

    /** Validates; see {@link #of}. */
    public BusinessCalendar {
        Objects.requireNonNull(zone, "zone");
        weekly = WeeklyHours.validated(weekly);
        holidays = Set.copyOf(holidays);
    }

    /**
     * A calendar, checked: ranges of a day must not overlap (they are sorted here), and the week must have at least
     * one open range, else {@link IllegalArgumentException}.
     */
    public static BusinessCalendar of(ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, Set<LocalDate> holidays) {
        return new BusinessCalendar(zone, weekly, holidays);
    }

    /** Open around the clock, every day: business time is wall-clock time. */
    public static BusinessCalendar always(ZoneId zone) {
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, ALL_DAY);
        }
        return new BusinessCalendar(zone, week, Set.of());
    }

    /** {@link #OFFICE_HOURS} without holidays: the calendar of a business-hours target when a policy names none. */
    public static BusinessCalendar officeHours(ZoneId zone) {
        return new BusinessCalendar(zone, OFFICE_HOURS, Set.of());
    }

    /**
     * The instant at which {@code businessTime} of open time has elapsed since {@code start}. Counting begins at
     * {@code start} if the calendar is open then, else at the next opening; so the result is always inside an
     * opening or exactly at its end. A zero {@code businessTime} returns {@code start} unchanged, even when closed.
     *
     * @throws IllegalArgumentException if {@code businessTime} is negative
     * @throws IllegalStateException if the calendar stays closed for more than {@link #MAX_CLOSED_DAYS} on the way
     */
    public Instant plus(Instant start, Duration businessTime) {
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative, got " + businessTime);
        }
        if (businessTime.isZero()) {
            return start;
        }
        Duration remaining = businessTime;
        int closedDays = 0;
        for (LocalDate day = firstDayAround(start); ; day = day.plusDays(1)) {
            closedDays++;
            for (OpenInterval interval : openIntervals(day)) {
                Instant from = later(interval.start(), start);
                if (!from.isBefore(interval.end())) {
                    continue;
                }
                closedDays = 0;
                Duration open = Duration.between(from, interval.end());
                if (remaining.compareTo(open) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(open);
            }
            if (closedDays > MAX_CLOSED_DAYS) {
                throw new IllegalStateException("the calendar (" + zone + ") has no open time in the " + MAX_CLOSED_DAYS
                        + " days up to " + day + "; check its holidays");
            }
        }
    }

    /**
     * The open time between two instants, in real elapsed time.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public Duration openTimeBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(to + " is before " + from);
        }
        Duration total = Duration.ZERO;
        LocalDate last = lastDayAround(to);
        for (LocalDate day = firstDayAround(from); !day.isAfter(last); day = day.plusDays(1)) {
            for (OpenInterval interval : openIntervals(day)) {
                Instant start = later(interval.start(), from);
                Instant end = interval.end().isBefore(to) ? interval.end() : to;
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** Whether {@code at} lies inside an opening (an opening's end is closed). */
    public boolean isOpen(Instant at) {
        LocalDate last = lastDayAround(at);
        for (LocalDate day = firstDayAround(at); !day.isAfter(last); day = day.plusDays(1)) {
            for (OpenInterval interval : openIntervals(day)) {
                if (!at.isBefore(interval.start()) && at.isBefore(interval.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The openings of a local date as instants, in order; none on a holiday. */
    List<OpenInterval> openIntervals(LocalDate date) {
        List<TimeRange> ranges = holidays.contains(date) ? null : weekly.get(date.getDayOfWeek());
        if (ranges == null) {
            return List.of();
        }
        ZoneRules rules = zone.getRules();
        List<OpenInterval> intervals = new ArrayList<>(ranges.size());
        for (TimeRange range : ranges) {
            intervals.add(new OpenInterval(
                    WallClock.instant(date, range.startMinute(), rules),
                    WallClock.instant(date, range.endMinute(), rules)));
        }
        return intervals;
    }

    // An instant's own local date holds its openings except around transitions near midnight, where a repeated
    // local hour can put a neighbouring date's opening on the other side of it; one day of margin covers those.
    private LocalDate firstDayAround(Instant at) {
        return LocalDate.ofInstant(at, zone).minusDays(1);
    }

    private LocalDate lastDayAround(Instant at) {
        return LocalDate.ofInstant(at, zone).plusDays(1);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Map<DayOfWeek, List<TimeRange>> officeWeek() {
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, List.of(TimeRange.parse("09:00-17:00")));
        }
        return WeeklyHours.validated(week);
    }
}
