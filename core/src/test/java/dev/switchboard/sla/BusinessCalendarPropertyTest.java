package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Seeded random calendars (zones with and without daylight saving, including ones that change clocks at midnight),
 * random starts — half of them within two days of a clock change — and random durations.
 */
class BusinessCalendarPropertyTest {
    private static final long SEED = 20261121L;
    private static final int CASES = 1000;
    private static final List<ZoneId> ZONES = List.of(
                    "UTC",
                    "Asia/Riyadh",
                    "Asia/Kolkata",
                    "Europe/Berlin",
                    "Europe/London",
                    "America/New_York",
                    "America/Sao_Paulo",
                    "America/Santiago",
                    "America/Havana",
                    "Asia/Beirut",
                    "Australia/Sydney",
                    "Australia/Lord_Howe",
                    "Pacific/Chatham",
                    "Pacific/Apia")
            .stream()
            .map(ZoneId::of)
            .toList();
    private static final Instant EARLIEST = Instant.parse("2012-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2032-01-01T00:00:00Z");

    @Test
    void plus_isMeasuredExactlyByOpenTimeBetween_andEndsInOpenTime() {
        forEachCase((random, calendar, start) -> {
            Duration d = duration(random);
            Instant due = calendar.plus(start, d);

            assertThat(calendar.openTimeBetween(start, due)).isEqualTo(d);
            if (d.isZero()) {
                assertThat(due).isEqualTo(start);
            } else {
                assertThat(due).isAfter(start);
                assertThat(calendar.isOpen(due.minusNanos(1)))
                        .as("the last moment counted is open")
                        .isTrue();
            }
        });
    }

    @Test
    void plus_isMonotonicInTheDuration() {
        forEachCase((random, calendar, start) -> {
            Duration a = duration(random);
            Duration b = duration(random);
            Duration shorter = a.compareTo(b) <= 0 ? a : b;
            Duration longer = a.compareTo(b) <= 0 ? b : a;

            assertThat(calendar.plus(start, shorter)).isBeforeOrEqualTo(calendar.plus(start, longer));
        });
    }

    @Test
    void plus_composes_whenTheFirstStepIsPositive() {
        forEachCase((random, calendar, start) -> {
            Duration a = duration(random).plusMinutes(1);
            Duration b = duration(random);

            assertThat(calendar.plus(calendar.plus(start, a), b)).isEqualTo(calendar.plus(start, a.plus(b)));
        });
    }

    @Test
    void isOpen_agreesWithTheLocalClock_whereTheLocalTimeIsUnambiguous() {
        forEachCase((random, calendar, start) -> {
            Instant at = start.plusSeconds(random.nextInt(3 * 24 * 3600));
            LocalDateTime local = LocalDateTime.ofInstant(at, calendar.zone());
            if (calendar.zone().getRules().getValidOffsets(local).size() != 1) {
                return; // the second pass through a repeated hour: see WallClock
            }
            assertThat(calendar.isOpen(at)).isEqualTo(openByLocalClock(calendar, local));
        });
    }

    @Test
    void openTimeBetween_isTheSumOfOpenMinutes() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES / 5; i++) {
            BusinessCalendar calendar = calendar(random);
            Instant from = start(random, calendar.zone()).truncatedTo(ChronoUnit.MINUTES);
            Instant to = from.plus(random.nextInt(2 * 24 * 60), ChronoUnit.MINUTES);
            long openMinutes = 0;
            for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
                openMinutes += calendar.isOpen(minute) ? 1 : 0;
            }

            assertThat(calendar.openTimeBetween(from, to))
                    .as(calendar + " from " + from)
                    .isEqualTo(Duration.ofMinutes(openMinutes));
        }
    }

    @Test
    void always_isWallClock() {
        forEachCase((random, calendar, start) -> {
            Duration d = duration(random).multipliedBy(1 + random.nextInt(20));

            assertThat(BusinessCalendar.always(calendar.zone()).plus(start, d)).isEqualTo(start.plus(d));
        });
    }

    private interface Case {
        void check(Random random, BusinessCalendar calendar, Instant start);
    }

    private static void forEachCase(Case check) {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            BusinessCalendar calendar = calendar(random);
            Instant start = start(random, calendar.zone());
            try {
                check.check(random, calendar, start);
            } catch (AssertionError e) {
                throw new AssertionError("case " + i + ": " + calendar + " from " + start + ": " + e.getMessage(), e);
            }
        }
    }

    private static BusinessCalendar calendar(Random random) {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        while (weekly.isEmpty()) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (random.nextInt(10) < 6) {
                    weekly.put(day, ranges(random));
                }
            }
        }
        Set<LocalDate> holidays = new HashSet<>();
        LocalDate first = LocalDate.ofInstant(EARLIEST, zone);
        int years = (int) ChronoUnit.DAYS.between(EARLIEST, LATEST);
        for (int i = random.nextInt(40); i > 0; i--) {
            holidays.add(first.plusDays(random.nextInt(years)));
        }
        return BusinessCalendar.of(zone, weekly, holidays);
    }

    /** One to three ranges, on a grid of whole minutes, quarter hours or whole hours; sometimes touching. */
    private static List<TimeRange> ranges(Random random) {
        int step = List.of(1, 15, 60).get(random.nextInt(3));
        int count = 1 + random.nextInt(3);
        TreeSet<Integer> bounds = new TreeSet<>();
        while (bounds.size() < 2 * count) {
            bounds.add(step * random.nextInt(TimeRange.MINUTES_PER_DAY / step + 1));
        }
        List<Integer> sorted = new ArrayList<>(bounds);
        List<TimeRange> ranges = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int end = sorted.get(2 * i + 1);
            boolean touchNext = i + 1 < count && random.nextBoolean();
            ranges.add(new TimeRange(sorted.get(2 * i), touchNext ? sorted.get(2 * i + 2) : end));
        }
        return ranges;
    }

    private static Instant start(Random random, ZoneId zone) {
        long span = LATEST.getEpochSecond() - EARLIEST.getEpochSecond();
        Instant anywhere = EARLIEST.plusSeconds((long) (random.nextDouble() * span));
        ZoneOffsetTransition next = zone.getRules().nextTransition(anywhere);
        if (random.nextBoolean() && next != null) {
            return next.getInstant().plusSeconds(random.nextInt(4 * 24 * 3600) - 2 * 24 * 3600);
        }
        return random.nextBoolean() ? anywhere.truncatedTo(ChronoUnit.MINUTES) : anywhere;
    }

    /** From zero to about two weeks, zero and whole minutes more often than not. */
    private static Duration duration(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> Duration.ZERO;
            case 1, 2 -> Duration.ofSeconds(random.nextInt(14 * 24 * 3600), random.nextInt(1_000_000_000));
            case 3 -> Duration.ofMinutes(1 + random.nextInt(30));
            default -> Duration.ofMinutes(1 + random.nextInt(14 * 24 * 60));
        };
    }

    private static boolean openByLocalClock(BusinessCalendar calendar, LocalDateTime local) {
        if (calendar.holidays().contains(local.toLocalDate())) {
            return false;
        }
        int minute = local.getHour() * 60 + local.getMinute();
        return calendar.weekly().getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(r -> r.startMinute() <= minute && minute < r.endMinute());
    }
}
