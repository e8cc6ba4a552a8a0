package dev.switchboard.bench.lifecycle;

import java.util.Locale;

/** One measured window of one peer at one thread count. */
record Result(
        String peer,
        int threads,
        long lifecycles,
        long errors,
        String firstError,
        double seconds,
        double perSecond,
        double p50Millis,
        double p99Millis,
        double cpuBusy) {

    static Result of(long[] sortedNanos, long errors, String firstError, double seconds, double cpuBusy) {
        return new Result(
                null,
                0,
                sortedNanos.length,
                errors,
                firstError,
                seconds,
                sortedNanos.length / seconds,
                percentile(sortedNanos, 0.50),
                percentile(sortedNanos, 0.99),
                cpuBusy);
    }

    Result named(String name, int threadCount) {
        return new Result(
                name, threadCount, lifecycles, errors, firstError, seconds, perSecond, p50Millis, p99Millis, cpuBusy);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    String line() {
        return String.format(
                Locale.ROOT,
                "%-12s %2d threads: %,9.1f lifecycles/s (%,d in %.1f s), p50 %.2f ms, p99 %.2f ms, CPU %.0f %%, "
                        + "%d errors%s",
                peer,
                threads,
                perSecond,
                lifecycles,
                seconds,
                p50Millis,
                p99Millis,
                cpuBusy * 100,
                errors,
                firstError == null ? "" : " (first: " + firstError + ")");
    }
}
