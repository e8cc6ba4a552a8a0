package dev.switchboard.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeRangeTest {

    @ParameterizedTest
    @CsvSource({"09:00-17:00, 540, 1020", "00:00-24:00, 0, 1440", "23:59-24:00, 1439, 1440", "13:30-13:31, 810, 811"})
    void parse_readsMinutesOfDay_andFormatsBack(String text, int start, int end) {
        TimeRange range = TimeRange.parse(text);

        assertThat(range).isEqualTo(new TimeRange(start, end));
        assertThat(range.format()).isEqualTo(text);
        assertThat(range).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "17:00-09:00",
                "09:00-09:00",
                "24:00-24:00",
                "9:00-17:00",
                "09:00 - 17:00",
                "09:60-10:00",
                "24:01-24:00",
                "25:00-26:00",
                "09:00",
                "",
                "09:00-17:00x"
            })
    void parse_rejectsMalformedEmptyAndReversedRanges(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> TimeRange.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"-1, 10", "0, 1441", "600, 600", "600, 540"})
    void constructor_rejectsRangesOutsideTheDayOrNotMovingForward(int start, int end) {
        assertThatIllegalArgumentException().isThrownBy(() -> new TimeRange(start, end));
    }

    @ParameterizedTest
    @CsvSource({
        "09:00-12:00, 11:00-13:00, true",
        "09:00-12:00, 12:00-17:00, false",
        "09:00-17:00, 10:00-11:00, true",
        "13:00-17:00, 09:00-12:00, false"
    })
    void overlaps_isTrueOnlyForASharedMinute(String a, String b, boolean expected) {
        assertThat(TimeRange.parse(a).overlaps(TimeRange.parse(b))).isEqualTo(expected);
        assertThat(TimeRange.parse(b).overlaps(TimeRange.parse(a))).isEqualTo(expected);
    }
}
