package dev.switchboard.sla;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Checks and normalizes a week of opening hours, shared by {@link BusinessCalendar} and {@link CalendarSpec}. */
final class WeeklyHours {
    private WeeklyHours() {}

    /**
     * The week with each day's ranges sorted and days without ranges left out, as an unmodifiable map. Rejects
     * overlapping ranges, and a week with no range at all: nothing could ever be due in it.
     */
    static Map<DayOfWeek, List<TimeRange>> validated(Map<DayOfWeek, List<TimeRange>> weekly) {
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((day, ranges) -> {
            List<TimeRange> sorted = new ArrayList<>(ranges);
            Collections.sort(sorted);
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                    throw new IllegalArgumentException(
                            day + ": " + sorted.get(i - 1) + " overlaps " + sorted.get(i) + "; ranges may only touch");
                }
            }
            if (!sorted.isEmpty()) {
                week.put(day, List.copyOf(sorted));
            }
        });
        if (week.isEmpty()) {
            throw new IllegalArgumentException(
                    "a business calendar needs at least one open range in the week; without one no business-hours"
                            + " deadline could ever be reached");
        }
        return Collections.unmodifiableMap(week);
    }
}
