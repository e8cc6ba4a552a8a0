package dev.switchboard.sla;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An opening interval within one day, as minutes of the day: {@code start} inclusive, {@code end} exclusive, so
 * {@code 24:00} can end a range. Ranges never cross midnight: an overnight opening is written as two ranges on two
 * days, which keeps every day's hours independent of its neighbours'.
 *
 * @param startMinute minute of the day the range opens, 0 to 1439
 * @param endMinute minute of the day the range closes, after {@code startMinute}, at most 1440 ({@code 24:00})
 */
public record TimeRange(int startMinute, int endMinute) implements Comparable<TimeRange> {
    /** Minutes in a day; also the end minute of a range written {@code ...-24:00}. */
    public static final int MINUTES_PER_DAY = 24 * 60;

    private static final Pattern TEXT = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");

    public TimeRange {
        if (startMinute < 0 || endMinute > MINUTES_PER_DAY) {
            throw new IllegalArgumentException(
                    "a time range must lie within 00:00-24:00, got " + format(startMinute, endMinute));
        }
        if (endMinute <= startMinute) {
            throw new IllegalArgumentException("a time range must end after it starts, got "
                    + format(startMinute, endMinute) + "; write overnight hours as two ranges on two days");
        }
    }

    /** Reads {@code "09:00-17:00"} (two-digit hours and minutes; {@code 24:00} only as an end). */
    public static TimeRange parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("a time range must look like 09:00-17:00, got \"" + text + "\"");
        }
        return new TimeRange(minute(m.group(1), m.group(2), text), minute(m.group(3), m.group(4), text));
    }

    /** Whether the two ranges share a minute; ranges that only touch ({@code 09:00-12:00}, {@code 12:00-17:00}) do not. */
    public boolean overlaps(TimeRange other) {
        return startMinute < other.endMinute && other.startMinute < endMinute;
    }

    @Override
    public int compareTo(TimeRange other) {
        return startMinute != other.startMinute
                ? Integer.compare(startMinute, other.startMinute)
                : Integer.compare(endMinute, other.endMinute);
    }

    /** The range as it is written, {@code "09:00-17:00"}; {@link #parse} reads it back. */
    public String format() {
        return format(startMinute, endMinute);
    }

    @Override
    public String toString() {
        return format();
    }

    private static int minute(String hours, String minutes, String text) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (h > 24 || m > 59 || (h == 24 && m != 0)) {
            throw new IllegalArgumentException("not a time of day in \"" + text + "\"; use 00:00 to 24:00");
        }
        return h * 60 + m;
    }

    private static String format(int start, int end) {
        return clock(start) + "-" + clock(end);
    }

    private static String clock(int minute) {
        return String.format("%02d:%02d", Math.floorDiv(minute, 60), Math.floorMod(minute, 60));
    }
}
