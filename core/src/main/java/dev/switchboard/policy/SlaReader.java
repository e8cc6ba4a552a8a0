package dev.switchboard.policy;

import dev.switchboard.escalation.Priority;
import dev.switchboard.input.InputNode;
import dev.switchboard.input.WireEnum;
import dev.switchboard.sla.BusinessCalendar;
import dev.switchboard.sla.CalendarSpec;
import dev.switchboard.sla.SlaSettings;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.sla.TimeRange;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a policy's {@code sla} section (SPEC §3.3, {@code docs/sla.md}) into {@link SlaSettings}, recording every
 * problem with its field path; a broken part falls back to its default so reading goes on. Stateless.
 */
final class SlaReader {
    static final int MAX_RANGES_PER_DAY = 24;
    static final int MAX_HOLIDAYS = 2_000;
    private static final double MAX_HOURS = SlaTarget.MAX_DURATION.toHours();
    private static final Set<String> SLA_FIELDS = Set.of("targets", "calendar");
    private static final Set<String> TARGET_FIELDS = Set.of("hours", "minutes", "business_hours");
    private static final Set<String> CALENDAR_FIELDS = Set.of("timezone", "hours", "holidays");
    private static final Map<String, Priority> PRIORITIES =
            Arrays.stream(Priority.values()).collect(Collectors.toMap(WireEnum::code, p -> p));
    private static final Map<String, DayOfWeek> DAYS = Map.of(
            "mon", DayOfWeek.MONDAY,
            "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY,
            "thu", DayOfWeek.THURSDAY,
            "fri", DayOfWeek.FRIDAY,
            "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    private SlaReader() {}

    static SlaSettings read(InputNode node) {
        if (!node.object(SLA_FIELDS)) {
            return SlaSettings.DEFAULT;
        }
        return new SlaSettings(targets(node.get("targets")), calendar(node.get("calendar")));
    }

    private static Map<Priority, SlaTarget> targets(InputNode node) {
        Map<Priority, SlaTarget> targets = new EnumMap<>(Priority.class);
        node.entries().forEach((code, target) -> {
            Priority priority = PRIORITIES.get(code);
            if (priority == null) {
                target.problem("unknown priority; use " + WireEnum.codes(Priority.class));
                return;
            }
            SlaTarget read = target(target);
            if (read != null) {
                targets.put(priority, read);
            }
        });
        return targets;
    }

    /** One target, {@code {hours | minutes, business_hours?}}; null (reported) when invalid. */
    static SlaTarget target(InputNode node) {
        if (!node.object(TARGET_FIELDS)) {
            node.problem("must be an object with hours or minutes");
            return null;
        }
        boolean businessHours = node.get("business_hours").bool(false);
        InputNode hours = node.get("hours");
        InputNode minutes = node.get("minutes");
        if (hours.isMissing() == minutes.isMissing()) {
            node.problem("needs exactly one of hours and minutes");
            return null;
        }
        Duration duration = hours.isMissing() ? length(minutes, 60 * MAX_HOURS, 60) : length(hours, MAX_HOURS, 3600);
        return duration == null ? null : new SlaTarget(duration, businessHours);
    }

    /** A positive number of units of {@code secondsPerUnit} seconds, fractions allowed, to the second. */
    private static Duration length(InputNode node, double max, int secondsPerUnit) {
        Double value = node.number(0, max, null);
        if (value == null) {
            return null;
        }
        long seconds = Math.round(value * secondsPerUnit);
        if (seconds <= 0) {
            node.problem("must be positive, is " + node.json().asText());
            return null;
        }
        return Duration.ofSeconds(seconds);
    }

    private static CalendarSpec calendar(InputNode node) {
        if (!node.object(CALENDAR_FIELDS)) {
            return null;
        }
        ZoneId zone = zone(node.get("timezone"));
        Set<LocalDate> holidays = holidays(node.get("holidays"));
        InputNode hours = node.get("hours");
        Map<DayOfWeek, List<TimeRange>> weekly = hours.isMissing() ? BusinessCalendar.OFFICE_HOURS : weekly(hours);
        if (weekly == null) {
            return null;
        }
        if (weekly.values().stream().allMatch(List::isEmpty)) {
            hours.problem("the week has no open hours; a business-hours deadline could never be reached");
            return null;
        }
        return new CalendarSpec(zone, weekly, holidays);
    }

    private static ZoneId zone(InputNode node) {
        String id = node.string(false, 100);
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            node.problem("unknown time zone \"" + id + "\"; use an IANA name such as Asia/Riyadh");
            return null;
        }
    }

    /** The ranges per day, or {@code null} when {@code hours} is not an object (already reported). */
    private static Map<DayOfWeek, List<TimeRange>> weekly(InputNode hours) {
        if (!hours.json().isObject()) {
            hours.problem("must be an object of days (mon to sun) to lists of ranges such as \"09:00-17:00\"");
            return null;
        }
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        hours.entries().forEach((code, list) -> {
            DayOfWeek day = DAYS.get(code);
            if (day == null) {
                list.problem("unknown day; use mon, tue, wed, thu, fri, sat, sun");
                return;
            }
            weekly.put(day, ranges(list));
        });
        return weekly;
    }

    private static List<TimeRange> ranges(InputNode list) {
        List<TimeRange> ranges = new ArrayList<>();
        for (InputNode element : list.list(MAX_RANGES_PER_DAY)) {
            String text = element.string(true, 20);
            TimeRange range = text == null ? null : range(element, text);
            if (range == null) {
                continue;
            }
            ranges.stream()
                    .filter(range::overlaps)
                    .findFirst()
                    .ifPresentOrElse(
                            other -> element.problem("overlaps " + other + "; ranges of a day may only touch"),
                            () -> ranges.add(range));
        }
        return ranges;
    }

    private static TimeRange range(InputNode node, String text) {
        try {
            return TimeRange.parse(text);
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return null;
        }
    }

    private static Set<LocalDate> holidays(InputNode list) {
        Set<LocalDate> holidays = new HashSet<>();
        for (InputNode element : list.list(MAX_HOLIDAYS)) {
            String text = element.string(true, 20);
            if (text == null) {
                continue;
            }
            try {
                holidays.add(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                element.problem("must be a date such as 2026-12-02, got \"" + text + "\"");
            }
        }
        return holidays;
    }
}
