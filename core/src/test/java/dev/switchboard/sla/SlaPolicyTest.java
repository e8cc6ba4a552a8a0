package dev.switchboard.sla;

import static dev.switchboard.sla.BusinessCalendarTest.at;
import static dev.switchboard.sla.BusinessCalendarTest.week;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.switchboard.escalation.Priority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlaPolicyTest {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
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

    @ParameterizedTest
    @EnumSource(Priority.class)
    void default_isFourHoursWallClock_forEveryPriority(Priority priority) {
        Instant friday = at("2026-11-20T22:00", RIYADH);

        assertThat(SlaPolicy.DEFAULT.dueAt(priority, friday, RIYADH)).isEqualTo(friday.plus(Duration.ofHours(4)));
        assertThat(SlaSettings.DEFAULT.forZone(BERLIN).dueAt(priority, friday, BERLIN))
                .isEqualTo(friday.plus(Duration.ofHours(4)));
    }

    @Test
    void dueAt_countsBusinessHours_forTheRiyadhExample() {
        SlaPolicy policy =
                new SlaPolicy(Map.of(Priority.HIGH, SlaTarget.businessHours(Duration.ofHours(4))), SUNDAY_TO_THURSDAY);
        Instant thursdayFour = at("2026-11-19T16:00", RIYADH);

        assertThat(policy.dueAt(Priority.HIGH, thursdayFour, ZoneId.of("UTC")))
                .isEqualTo(at("2026-11-22T12:00", RIYADH));
        assertThat(policy.dueAt(Priority.LOW, thursdayFour, RIYADH)).isEqualTo(thursdayFour.plusSeconds(4 * 3600));
    }

    @Test
    void dueAt_usesOfficeHoursInTheTenantZone_whenThePolicyHasNoCalendar() {
        SlaPolicy policy = new SlaPolicy(Map.of(Priority.MEDIUM, SlaTarget.businessHours(Duration.ofHours(2))), null);

        assertThat(policy.dueAt(Priority.MEDIUM, at("2026-11-20T16:00", BERLIN), BERLIN))
                .isEqualTo(at("2026-11-23T10:00", BERLIN));
    }

    @Test
    void dueAt_takesARulesOwnTarget() {
        SlaPolicy policy = new SlaPolicy(Map.of(), SUNDAY_TO_THURSDAY);
        Instant friday = at("2026-11-20T10:00", RIYADH);

        assertThat(policy.dueAt(SlaTarget.businessHours(Duration.ofMinutes(30)), friday, RIYADH))
                .isEqualTo(at("2026-11-22T09:30", RIYADH));
        assertThat(policy.dueAt(SlaTarget.wallClock(Duration.ofMinutes(30)), friday, RIYADH))
                .isEqualTo(friday.plusSeconds(1800));
    }

    @Test
    void targets_fillEveryPriorityLeftOut_withTheDefault() {
        SlaPolicy policy = new SlaPolicy(Map.of(Priority.CRITICAL, SlaTarget.wallClock(Duration.ofHours(1))), null);

        assertThat(policy.targets())
                .containsEntry(Priority.CRITICAL, SlaTarget.wallClock(Duration.ofHours(1)))
                .containsEntry(Priority.HIGH, SlaTarget.DEFAULT)
                .containsEntry(Priority.MEDIUM, SlaTarget.DEFAULT)
                .containsEntry(Priority.LOW, SlaTarget.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1H", "P365DT1S"})
    void slaTarget_rejectsDurationsNotPositiveOrOverAYear(Duration duration) {
        assertThatIllegalArgumentException().isThrownBy(() -> SlaTarget.wallClock(duration));
    }

    @Test
    void slaTarget_acceptsAWholeYear() {
        assertThat(SlaTarget.businessHours(Duration.ofDays(365)).duration()).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void forZone_placesACalendarWithoutZoneInTheTenantZone() {
        CalendarSpec inTenantZone = new CalendarSpec(null, SUNDAY_TO_THURSDAY.weekly(), Set.of());
        CalendarSpec inRiyadh = new CalendarSpec(RIYADH, SUNDAY_TO_THURSDAY.weekly(), Set.of());
        Map<Priority, SlaTarget> targets = Map.of(Priority.HIGH, SlaTarget.businessHours(Duration.ofHours(4)));

        assertThat(new SlaSettings(targets, inTenantZone)
                        .forZone(BERLIN)
                        .calendar()
                        .zone())
                .isEqualTo(BERLIN);
        assertThat(new SlaSettings(targets, inRiyadh)
                        .forZone(BERLIN)
                        .dueAt(Priority.HIGH, at("2026-11-19T16:00", RIYADH), BERLIN))
                .isEqualTo(at("2026-11-22T12:00", RIYADH));
        assertThat(SlaSettings.DEFAULT.forZone(BERLIN).calendar()).isNull();
    }
}
