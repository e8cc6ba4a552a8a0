package dev.switchboard.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A business calendar as a policy states it, whose time zone may be left to the tenant: a policy is read before
 * anyone knows which tenant's zone applies. {@link #in} makes the {@link BusinessCalendar}. Immutable.
 *
 * @param zone the calendar's zone, or {@code null} for the tenant's
 * @param weekly opening ranges per day of the week, validated as in {@link BusinessCalendar#of}
 * @param holidays dates closed all day
 */
public record CalendarSpec(ZoneId zone, Map<DayOfWeek, List<TimeRange>> weekly, Set<LocalDate> holidays) {
    public CalendarSpec {
        weekly = WeeklyHours.validated(weekly);
        holidays = Set.copyOf(holidays);
    }

    /** The calendar in its own zone, or in {@code tenantZone} when it names none. */
    public BusinessCalendar in(ZoneId tenantZone) {
        return new BusinessCalendar(zone != null ? zone : tenantZone, weekly, holidays);
    }
}
