package dev.switchboard.bench.http;

import java.util.Comparator;
import java.util.List;

/**
 * One {@code wrk} window: its phase ({@code warmup}, {@code measured}, {@code sustained}), endpoint and round, what
 * {@code wrk} reported, the CPU seconds of the server, of its decision log's writer thread and of {@code wrk} in it,
 * and the largest resident set of the server sampled in it.
 */
record Window(
        String phase,
        String endpoint,
        int round,
        WrkSummary summary,
        double serverCpuSeconds,
        double decisionLogCpuSeconds,
        double wrkCpuSeconds,
        long maxRssKib) {
    static final String LIVE = "GET /health/live";
    static final String ROUTE = "POST /v1/route";
    static final String WARMUP = "warmup";
    static final String MEASURED = "measured";
    static final String SUSTAINED = "sustained";

    /** Server CPU time per request, in microseconds. */
    double serverCpuMicrosPerRequest() {
        return summary.requests() == 0 ? Double.NaN : serverCpuSeconds * 1e6 / summary.requests();
    }

    /** The decision log writer's CPU time per request (part of the server's), in microseconds. */
    double decisionLogCpuMicrosPerRequest() {
        return summary.requests() == 0 ? Double.NaN : decisionLogCpuSeconds * 1e6 / summary.requests();
    }

    /** The server's CPU use in the window, in cores (1.0 = one core busy all the time). */
    double serverCores() {
        return serverCpuSeconds / summary.seconds();
    }

    double wrkCores() {
        return wrkCpuSeconds / summary.seconds();
    }

    /**
     * The median of {@code rounds} by requests per second; of an even number, the slower of the two middle ones, so
     * that a lucky round never decides.
     */
    static Window median(List<Window> rounds) {
        List<Window> sorted = rounds.stream()
                .sorted(Comparator.comparingDouble(w -> w.summary().requestsPerSecond()))
                .toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
