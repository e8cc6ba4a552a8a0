package dev.switchboard.bench.http;

import dev.switchboard.bench.report.Goal;
import java.util.Locale;

/**
 * SPEC §10's bar for routing over HTTP, judged from a run: {@code POST /v1/route} at no less than
 * {@value #MIN_RATIO} of {@code GET /health/live}'s requests per second at the same connections, its p99 at most
 * {@value #MAX_P99_MILLIS} ms, and no error at all.
 *
 * @param ratio route requests per second / live requests per second (the median rounds)
 * @param p99Millis route's p99 latency in the median round
 * @param errors socket errors and failed statuses of every routing window, warmup included
 */
record RoutingGoal(int connections, double ratio, double p99Millis, long errors) {
    static final double MIN_RATIO = 0.80;
    static final double MAX_P99_MILLIS = 10;

    static RoutingGoal of(int connections, Window live, Window route, long errors) {
        return new RoutingGoal(
                connections,
                route.summary().requestsPerSecond() / live.summary().requestsPerSecond(),
                route.summary().p99Micros() / 1e3,
                errors);
    }

    boolean met() {
        return ratio >= MIN_RATIO && p99Millis <= MAX_P99_MILLIS && errors == 0;
    }

    String line() {
        return String.format(
                Locale.ROOT,
                "Goal: POST /v1/route ≥ %.0f %% of GET /health/live at %d connections, p99 ≤ %.0f ms, zero errors — %s"
                        + " (ratio %.0f %%, p99 %.2f ms, %,d errors)",
                MIN_RATIO * 100,
                connections,
                MAX_P99_MILLIS,
                met() ? "met" : "not met",
                ratio * 100,
                p99Millis,
                errors);
    }

    /** The line of the results page's goals table. */
    Goal asGoal(Window route, Window live) {
        return new Goal(
                String.format(
                        Locale.ROOT,
                        "`POST /v1/route` ≥ %.0f %% of `GET /health/live` at %d connections, p99 ≤ %.0f ms, zero errors",
                        MIN_RATIO * 100,
                        connections,
                        MAX_P99_MILLIS),
                String.format(
                        Locale.ROOT,
                        "%.0f %% (%,.0f against %,.0f requests/s), p99 %.2f ms, %,d errors",
                        ratio * 100,
                        route.summary().requestsPerSecond(),
                        live.summary().requestsPerSecond(),
                        p99Millis,
                        errors),
                met());
    }
}
