package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final BusinessCalendar SUNDAY_TO_THURSDAY = BusinessCalendar.of(
            RIYADH,
            week(
                    "09:00-17:00",
                    DayOfWeek.SUNDAY,
                    DayOfWeek.MONDAY,
                    DayOfWeek.TUESDAY,
                    DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY),
            Set.of());

    @Test
    void plus_countsOneHourThursdayAndThreeSunday_forTheRiyadhExample() {
        Instant due = SUNDAY_TO_THURSDAY.plus(at("2026-11-19T16:00", RIYADH), Duration.ofHours(4));

        assertThat(due).isEqualTo(at("2026-11-22T12:00", RIYADH));
    }

    @ParameterizedTest(name = "{0} + {1} is due {2}")
    @CsvSource({
        "2026-11-20T10:00, PT4H, 2026-11-22T13:00", // Friday: closed, counting starts Sunday 09:00
        "2026-11-21T23:59, PT30M, 2026-11-22T09:30", // Saturday night
        "2026-11-19T18:00, PT1H, 2026-11-22T10:00", // Thursday after closing
        "2026-11-19T07:00, PT4H, 2026-11-19T13:00", // before opening the same day
        "2026-11-22T09:00, PT8H, 2026-11-22T17:00", // exactly at opening, a whole day: due at closing, not next morning
        "2026-11-19T17:00, PT1H, 2026-11-22T10:00", // exactly at closing
        "2026-11-19T16:59, PT2M, 2026-11-22T09:01", // one minute before closing
        "2026-11-22T09:00, PT40H, 2026-11-26T17:00" // a whole working week
    })
    void plus_startsCountingAtTheNextOpening_whenStartIsClosed(
            LocalDateTime start, Duration target, LocalDateTime expected) {
        assertThat(SUNDAY_TO_THURSDAY.plus(start.atZone(RIYADH).toInstant(), target))
                .isEqualTo(expected.atZone(RIYADH).toInstant());
    }

    @Test
    void plus_returnsStartUnchanged_forZero_evenWhenClosed() {
        Instant friday = at("2026-11-20T10:00", RIYADH);

        assertThat(SUNDAY_TO_THURSDAY.plus(friday, Duration.ZERO)).isEqualTo(friday);
    }

    @Test
    void plus_rejectsNegativeDurations() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SUNDAY_TO_THURSDAY.plus(Instant.EPOCH, Duration.ofMinutes(-1)));
    }

    @Test
    void isOpen_includesTheOpeningMinute_andExcludesTheClosingOne() {
        assertThat(SUNDAY_TO_THURSDAY.isOpen(at("2026-11-22T09:00", RIYADH))).isTrue();
        assertThat(SUNDAY_TO_THURSDAY.isOpen(at("2026-11-22T16:59", RIYADH))).isTrue();
        assertThat(SUNDAY_TO_THURSDAY.isOpen(at("2026-11-22T17:00", RIYADH))).isFalse();
        assertThat(SUNDAY_TO_THURSDAY.isOpen(at("2026-11-22T08:59", RIYADH))).isFalse();
        assertThat(SUNDAY_TO_THURSDAY.isOpen(at("2026-11-20T12:00", RIYADH))).isFalse();
    }

    @Test
    void plus_skipsHolidays_soAHolidaySundayPushesToMonday() {
        BusinessCalendar calendar =
                BusinessCalendar.of(RIYADH, SUNDAY_TO_THURSDAY.weekly(), Set.of(LocalDate.parse("2026-11-22")));

        assertThat(calendar.plus(at("2026-11-19T16:00", RIYADH), Duration.ofHours(4)))
                .isEqualTo(at("2026-11-23T12:00", RIYADH));
        assertThat(calendar.isOpen(at("2026-11-22T12:00", RIYADH))).isFalse();
    }

    @Test
    void plus_skipsTheLunchBreak_withSeveralRangesADay() {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        weekly.put(DayOfWeek.MONDAY, List.of(TimeRange.parse("13:00-17:00"), TimeRange.parse("09:00-12:00")));
        BusinessCalendar calendar = BusinessCalendar.of(ZoneOffset.UTC, weekly, Set.of());
        Instant mondayEleven = Instant.parse("2026-11-23T11:00:00Z");

        assertThat(calendar.plus(mondayEleven, Duration.ofHours(2))).isEqualTo(Instant.parse("2026-11-23T14:00:00Z"));
        assertThat(calendar.plus(mondayEleven, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(calendar.plus(mondayEleven, Duration.ofHours(6))).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(calendar.openTimeBetween(
                        Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z")))
                .isEqualTo(Duration.ofHours(7));
        assertThat(calendar.weekly().get(DayOfWeek.MONDAY))
                .containsExactly(TimeRange.parse("09:00-12:00"), TimeRange.parse("13:00-17:00"));
    }

    @Test
    void always_isWallClockTime_acrossDaylightSavingChanges() {
        BusinessCalendar always = BusinessCalendar.always(BERLIN);
        Instant start = at("2026-03-28T12:00", BERLIN);

        assertThat(always.plus(start, Duration.ofHours(24))).isEqualTo(start.plus(Duration.ofHours(24)));
        assertThat(always.plus(start, Duration.ofDays(300))).isEqualTo(start.plus(Duration.ofDays(300)));
        assertThat(always.isOpen(start)).isTrue();
    }

    @ParameterizedTest(name = "{0} on {1} has {2} h")
    @CsvSource({
        "Europe/Berlin, 2026-03-29, 23",
        "Europe/Berlin, 2026-10-25, 25",
        "America/New_York, 2026-03-08, 23",
        "America/New_York, 2026-11-01, 25",
        "Asia/Riyadh, 2026-03-29, 24"
    })
    void openTimeBetween_countsRealHours_onDaylightSavingDaysOfAnAllDayCalendar(
            ZoneId zone, LocalDate day, long hours) {
        BusinessCalendar always = BusinessCalendar.always(zone);
        Instant midnight = day.atStartOfDay(zone).toInstant();
        Instant nextMidnight = day.plusDays(1).atStartOfDay(zone).toInstant();

        assertThat(always.openTimeBetween(midnight, nextMidnight)).isEqualTo(Duration.ofHours(hours));
        assertThat(always.plus(midnight, Duration.ofHours(hours))).isEqualTo(nextMidnight);
    }

    @Test
    void openTimeBetween_countsFourRealHours_inOneToFourOnTheNewYorkFallBackDay() {
        BusinessCalendar calendar = BusinessCalendar.of(NEW_YORK, week("01:00-04:00", DayOfWeek.SUNDAY), Set.of());
        Instant opening = Instant.parse("2026-11-01T05:00:00Z"); // 01:00 EDT, the first of two 01:00s

        assertThat(calendar.openTimeBetween(
                        LocalDate.parse("2026-11-01").atStartOfDay(NEW_YORK).toInstant(),
                        LocalDate.parse("2026-11-02").atStartOfDay(NEW_YORK).toInstant()))
                .isEqualTo(Duration.ofHours(4));
        assertThat(calendar.plus(opening.minusSeconds(3600), Duration.ofHours(4)))
                .isEqualTo(Instant.parse("2026-11-01T09:00:00Z")); // 04:00 EST
        assertThat(calendar.isOpen(Instant.parse("2026-11-01T06:30:00Z"))).isTrue(); // the second 01:30
    }

    @Test
    void plus_startsAnOpeningInTheSpringForwardGap_atTheGapsEnd() {
        BusinessCalendar calendar = BusinessCalendar.of(BERLIN, week("02:30-05:00", DayOfWeek.SUNDAY), Set.of());
        Instant saturday = at("2026-03-28T12:00", BERLIN);

        assertThat(calendar.plus(saturday, Duration.ofMinutes(1)))
                .isEqualTo(Instant.parse("2026-03-29T01:01:00Z")); // 03:01 CEST
        assertThat(calendar.plus(saturday, Duration.ofHours(2))).isEqualTo(at("2026-03-29T05:00", BERLIN));
        assertThat(calendar.openTimeBetween(saturday, at("2026-03-30T00:00", BERLIN)))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void plus_countsRealTime_inWorkingHoursAcrossTheNewYorkSpringForwardNight() {
        BusinessCalendar calendar =
                BusinessCalendar.of(NEW_YORK, week("00:00-24:00", DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of());
        Instant saturdayEvening = at("2026-03-07T20:00", NEW_YORK);

        // 4 h Saturday, then Sunday 00:00 to 07:00 local is 6 real hours: 10 h in all.
        assertThat(calendar.plus(saturdayEvening, Duration.ofHours(10))).isEqualTo(at("2026-03-08T07:00", NEW_YORK));
    }

    @Test
    void of_rejectsAWeekWithoutOpenHours() {
        Map<DayOfWeek, List<TimeRange>> closed = new EnumMap<>(DayOfWeek.class);
        closed.put(DayOfWeek.MONDAY, List.of());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> BusinessCalendar.of(RIYADH, closed, Set.of()))
                .withMessageContaining("at least one open range");
        assertThatIllegalArgumentException().isThrownBy(() -> BusinessCalendar.of(RIYADH, Map.of(), Set.of()));
    }

    @Test
    void of_rejectsOverlappingRanges() {
        Map<DayOfWeek, List<TimeRange>> weekly =
                Map.of(DayOfWeek.MONDAY, List.of(TimeRange.parse("09:00-12:00"), TimeRange.parse("11:00-13:00")));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> BusinessCalendar.of(RIYADH, weekly, Set.of()))
                .withMessageContaining("MONDAY: 09:00-12:00 overlaps 11:00-13:00");
    }

    @Test
    void plus_throws_whenHolidaysCloseEveryDayForYears() {
        BusinessCalendar calendar =
                BusinessCalendar.of(RIYADH, SUNDAY_TO_THURSDAY.weekly(), dates("2026-01-01", 6 * 366));

        assertThatIllegalStateException()
                .isThrownBy(() -> calendar.plus(at("2026-01-01T10:00", RIYADH), Duration.ofHours(1)))
                .withMessageContaining("no open time");
    }

    @Test
    void plus_findsTheNextOpening_afterYearsOfHolidaysWithinTheBound() {
        BusinessCalendar calendar =
                BusinessCalendar.of(RIYADH, SUNDAY_TO_THURSDAY.weekly(), dates("2026-01-01", 4 * 366));
        LocalDate firstOpen = LocalDate.parse("2026-01-01").plusDays(4 * 366);
        while (!SUNDAY_TO_THURSDAY.weekly().containsKey(firstOpen.getDayOfWeek())) {
            firstOpen = firstOpen.plusDays(1);
        }

        assertThat(calendar.plus(at("2026-01-01T10:00", RIYADH), Duration.ofHours(1)))
                .isEqualTo(firstOpen.atTime(10, 0).atZone(RIYADH).toInstant());
    }

    @Test
    void openTimeBetween_rejectsAnEndBeforeTheStart_andIsZeroForAnEmptySpan() {
        Instant now = at("2026-11-22T10:00", RIYADH);

        assertThat(SUNDAY_TO_THURSDAY.openTimeBetween(now, now)).isZero();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SUNDAY_TO_THURSDAY.openTimeBetween(now, now.minusNanos(1)));
    }

    @Test
    void officeHours_isMondayToFridayNineToFive() {
        BusinessCalendar office = BusinessCalendar.officeHours(BERLIN);

        assertThat(office.weekly().keySet())
                .containsExactly(
                        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(office.plus(at("2026-11-20T16:00", BERLIN), Duration.ofHours(2)))
                .isEqualTo(at("2026-11-23T10:00", BERLIN));
    }

    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static Map<DayOfWeek, List<TimeRange>> week(String range, DayOfWeek... days) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : days) {
            weekly.put(day, List.of(TimeRange.parse(range)));
        }
        return weekly;
    }

    private static Set<LocalDate> dates(String first, int count) {
        Set<LocalDate> dates = new HashSet<>();
        for (int i = 0; i < count; i++) {
            dates.add(LocalDate.parse(first).plusDays(i));
        }
        return dates;
    }
}
