package dev.switchboard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.escalation.Priority;
import dev.switchboard.input.DocumentFormat;
import dev.switchboard.input.InvalidInputException;
import dev.switchboard.input.Problem;
import dev.switchboard.sla.BusinessCalendar;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.sla.SlaSettings;
import dev.switchboard.sla.SlaTarget;
import dev.switchboard.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PolicySlaTest {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static SlaSettings sla(String yaml) throws InvalidInputException {
        return PolicyDocument.compile(yaml, DocumentFormat.YAML, 1).policy().sla();
    }

    private static List<Problem> problems(String yaml) {
        try {
            PolicyDocument.compile(yaml, DocumentFormat.YAML, 1);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("expected the policy to be invalid");
    }

    private static Instant riyadh(String local) {
        return LocalDateTime.parse(local).atZone(RIYADH).toInstant();
    }

    @Test
    void read_takesTargetsAndCalendar_andGivesTheRiyadhDeadline() throws InvalidInputException {
        SlaSettings sla = sla("""
                sla:
                  targets:
                    critical: {hours: 1}
                    high: {hours: 4, business_hours: true}
                    medium: {hours: 8, business_hours: true}
                    low: {hours: 24}
                  calendar:
                    timezone: Asia/Riyadh
                    hours: {sun: ["09:00-17:00"], mon: ["09:00-17:00"], tue: ["09:00-17:00"],
                            wed: ["09:00-17:00"], thu: ["09:00-17:00"]}
                    holidays: ["2026-12-02", "2026-12-03"]
                """);

        assertThat(sla.targets())
                .containsEntry(Priority.CRITICAL, SlaTarget.wallClock(Duration.ofHours(1)))
                .containsEntry(Priority.HIGH, SlaTarget.businessHours(Duration.ofHours(4)))
                .containsEntry(Priority.MEDIUM, SlaTarget.businessHours(Duration.ofHours(8)))
                .containsEntry(Priority.LOW, SlaTarget.wallClock(Duration.ofHours(24)));
        assertThat(sla.calendar().zone()).isEqualTo(RIYADH);
        assertThat(sla.calendar().weekly()).doesNotContainKeys(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
        assertThat(sla.calendar().weekly().get(DayOfWeek.SUNDAY)).containsExactly(TimeRange.parse("09:00-17:00"));
        assertThat(sla.calendar().holidays())
                .containsExactlyInAnyOrder(LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-03"));
        SlaPolicy policy = sla.forZone(BERLIN);
        assertThat(policy.dueAt(Priority.HIGH, riyadh("2026-11-19T16:00"), BERLIN))
                .isEqualTo(riyadh("2026-11-22T12:00"));
        assertThat(policy.dueAt(Priority.HIGH, riyadh("2026-12-01T16:00"), BERLIN))
                .isEqualTo(riyadh("2026-12-06T12:00"));
    }

    @Test
    void read_keepsTheDefaultForPrioritiesLeftOut_andAcceptsFractionsAndMinutes() throws InvalidInputException {
        SlaSettings sla = sla("""
                sla:
                  targets:
                    critical: {minutes: 15}
                    high: {hours: 0.5, business_hours: false}
                """);

        assertThat(sla.targets())
                .containsEntry(Priority.CRITICAL, SlaTarget.wallClock(Duration.ofMinutes(15)))
                .containsEntry(Priority.HIGH, SlaTarget.wallClock(Duration.ofMinutes(30)))
                .containsEntry(Priority.MEDIUM, SlaTarget.DEFAULT)
                .containsEntry(Priority.LOW, SlaTarget.DEFAULT);
        assertThat(sla.calendar()).isNull();
    }

    @Test
    void read_leavesTheZoneToTheTenant_andTheHoursToMondayToFriday_whenTheCalendarOmitsThem()
            throws InvalidInputException {
        SlaSettings sla = sla("""
                sla:
                  targets: {high: {hours: 2, business_hours: true}}
                  calendar: {holidays: ["2026-11-23"]}
                """);

        assertThat(sla.calendar().zone()).isNull();
        assertThat(sla.calendar().weekly()).isEqualTo(BusinessCalendar.OFFICE_HOURS);
        Instant fridayFour =
                LocalDateTime.parse("2026-11-20T16:00").atZone(BERLIN).toInstant();
        assertThat(sla.forZone(BERLIN).dueAt(Priority.HIGH, fridayFour, BERLIN))
                .isEqualTo(
                        LocalDateTime.parse("2026-11-24T10:00").atZone(BERLIN).toInstant());
    }

    @Test
    void read_reportsEveryProblemWithItsFieldPath() {
        List<Problem> problems = problems("""
                sla:
                  deadline: soon
                  targets:
                    urgent: {hours: 1}
                    High: {hours: 1}
                    critical: {hours: 0}
                    medium: {hours: 2, minutes: 30}
                    low: {business_hours: "yes", colour: red}
                  calendar:
                    timezone: Mars/Olympus
                    hours:
                      sun: ["9:00-17:00", "17:00-09:00", "09:00-12:00", "11:00-13:00", 9]
                      mon: "09:00-17:00"
                      friday: ["09:00-17:00"]
                    holidays: ["2026-13-01", "2026-12-02", 20261202]
                """);

        assertThat(problems)
                .extracting(Problem::field)
                .containsExactlyInAnyOrder(
                        "sla.deadline",
                        "sla.targets.urgent",
                        "sla.targets.High",
                        "sla.targets.critical.hours",
                        "sla.targets.medium",
                        "sla.targets.low.colour",
                        "sla.targets.low",
                        "sla.targets.low.business_hours",
                        "sla.calendar.timezone",
                        "sla.calendar.hours.sun[0]",
                        "sla.calendar.hours.sun[1]",
                        "sla.calendar.hours.sun[3]",
                        "sla.calendar.hours.sun[4]",
                        "sla.calendar.hours.mon",
                        "sla.calendar.hours.friday",
                        "sla.calendar.holidays[0]",
                        "sla.calendar.holidays[2]");
        assertThat(problems)
                .filteredOn(p -> p.field().equals("sla.calendar.hours.sun[3]"))
                .singleElement()
                .extracting(Problem::message)
                .asString()
                .contains("overlaps 09:00-12:00");
        assertThat(problems)
                .filteredOn(p -> p.field().equals("sla.targets.urgent"))
                .singleElement()
                .extracting(Problem::message)
                .asString()
                .contains("critical, high, medium, low");
    }

    @Test
    void read_reportsAWeekWithoutOpenHours() {
        assertThat(problems("""
                        sla:
                          targets: {high: {hours: 4, business_hours: true}}
                          calendar: {timezone: Asia/Riyadh, hours: {fri: [], sat: []}}
                        """)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("sla.calendar.hours");
            assertThat(p.message()).contains("no open hours");
        });
    }

    @Test
    void read_reportsTargetsOutOfRangeOrMistyped() {
        assertThat(problems("""
                        sla:
                          targets:
                            critical: {hours: -1}
                            high: {hours: 8761}
                            medium: {minutes: "30"}
                            low: 4
                          calendar: [Asia/Riyadh]
                        """))
                .extracting(Problem::field)
                .containsExactlyInAnyOrder(
                        "sla.targets.critical.hours",
                        "sla.targets.high.hours",
                        "sla.targets.medium.minutes",
                        "sla.targets.low",
                        "sla.targets.low",
                        "sla.calendar");
    }

    @Test
    void defaultPolicy_commentedExample_isAValidSection() throws InvalidInputException {
        String text = DefaultPolicy.text();
        String commented = text.substring(text.indexOf("# sla:"));
        String example = commented.substring(0, commented.indexOf("\n\n")).replaceAll("(?m)^# ?", "");

        SlaSettings sla = sla(example);

        assertThat(sla.targets().get(Priority.HIGH)).isEqualTo(SlaTarget.businessHours(Duration.ofHours(4)));
        assertThat(sla.forZone(BERLIN).dueAt(Priority.HIGH, riyadh("2026-11-19T16:00"), BERLIN))
                .isEqualTo(riyadh("2026-11-22T12:00"));
    }

    @ParameterizedTest
    @EnumSource(Priority.class)
    void defaultPolicy_staysFourHoursWallClock(Priority priority) throws InvalidInputException {
        Instant friday = riyadh("2026-11-20T22:00");

        assertThat(DefaultPolicy.get().policy().sla()).isEqualTo(SlaSettings.DEFAULT);
        assertThat(sla("low_confidence_threshold: 0.4")).isEqualTo(SlaSettings.DEFAULT);
        assertThat(DefaultPolicy.get().policy().sla().forZone(RIYADH).dueAt(priority, friday, RIYADH))
                .isEqualTo(friday.plus(Duration.ofHours(4)));
    }
}
