package dev.switchboard.bench.events;

import java.time.Instant;

/**
 * Wall-clock time in epoch microseconds, which is what lags are measured in: an event's {@code occurred_at} is
 * wall-clock time (to the millisecond), and everything runs in this one JVM, so there is no clock skew between the
 * writer, the dispatcher, the receiver and the stream client. Percentiles by nearest rank.
 */
final class Micros {
    private Micros() {}

    static long now() {
        return of(Instant.now());
    }

    static long of(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** The {@code q} quantile of sorted microseconds, in milliseconds; NaN when there are none. */
    static double percentileMillis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e3;
    }

    static double maxMillis(long[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e3;
    }
}
