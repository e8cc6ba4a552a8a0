package dev.switchboard.bench.lifecycle;

import java.time.Instant;
import java.util.List;
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

    /** A Markdown table, with each peer's throughput relative to Switchboard's at the same thread count. */
    static String table(List<Result> results) {
        StringBuilder table = new StringBuilder(
                "| peer | threads | lifecycles/s | p50 ms | p99 ms | machine CPU | errors | Switchboard is |\n"
                        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            Result ours = results.stream()
                    .filter(o -> o.peer.equals(SwitchboardPeer.NAME) && o.threads == r.threads)
                    .findFirst()
                    .orElse(null);
            String ratio = ours == null || r.peer.equals(SwitchboardPeer.NAME)
                    ? ""
                    : String.format(Locale.ROOT, "%.1f× faster", ours.perSecond / r.perSecond);
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %,.0f | %.2f | %.2f | %.0f %% | %d | %s |%n",
                    r.peer,
                    r.threads,
                    r.perSecond,
                    r.p50Millis,
                    r.p99Millis,
                    r.cpuBusy * 100,
                    r.errors,
                    ratio));
        }
        return table.toString();
    }

    static String json(List<Result> results, Instant at) {
        StringBuilder json = new StringBuilder("{\"at\": \"" + at + "\", \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            json.append(String.format(
                    Locale.ROOT,
                    "  {\"peer\": \"%s\", \"threads\": %d, \"lifecycles\": %d, \"seconds\": %.3f, \"per_second\": %.2f,"
                            + " \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"cpu_busy\": %.3f, \"errors\": %d}%s%n",
                    r.peer,
                    r.threads,
                    r.lifecycles,
                    r.seconds,
                    r.perSecond,
                    r.p50Millis,
                    r.p99Millis,
                    r.cpuBusy,
                    r.errors,
                    i + 1 < results.size() ? "," : ""));
        }
        return json.append("]}\n").toString();
    }
}
