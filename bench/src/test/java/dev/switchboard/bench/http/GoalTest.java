package dev.switchboard.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdicts of the routing and start-up goals, computed from the figures, and which round is the median. */
class GoalTest {
    private static Window window(String endpoint, int round, long requests, long p99Micros, long errors) {
        WrkSummary summary =
                new WrkSummary(requests, 10_000_000, 0, 0, 0, 0, errors, p99Micros / 2, p99Micros, p99Micros, 0, 0);
        return new Window(Window.MEASURED, endpoint, round, summary, 1.0, 0.2, 0.5, 0);
    }

    @Test
    void routingGoal_met_whenRouteKeeps80PercentOfLive_p99Within10Ms_andNoError() {
        RoutingGoal goal = RoutingGoal.of(
                64, window(Window.LIVE, 1, 200_000, 4_000, 0), window(Window.ROUTE, 1, 160_000, 10_000, 0), 0);

        assertThat(goal.met()).isTrue();
        assertThat(goal.line())
                .isEqualTo("Goal: POST /v1/route ≥ 80 % of GET /health/live at 64 connections, p99 ≤ 10 ms, zero"
                        + " errors — met (ratio 80 %, p99 10.00 ms, 0 errors)");
    }

    @Test
    void routingGoal_notMet_whenRouteBelow80PercentOfLive() {
        RoutingGoal goal = RoutingGoal.of(
                64, window(Window.LIVE, 1, 200_000, 4_000, 0), window(Window.ROUTE, 1, 159_000, 5_000, 0), 0);

        assertThat(goal.met()).isFalse();
        assertThat(goal.line()).contains("— not met (ratio 80 %, p99 5.00 ms, 0 errors)");
    }

    @Test
    void routingGoal_notMet_whenP99Above10Ms() {
        RoutingGoal goal = RoutingGoal.of(
                64, window(Window.LIVE, 1, 100_000, 4_000, 0), window(Window.ROUTE, 1, 100_000, 10_001, 0), 0);

        assertThat(goal.met()).isFalse();
        assertThat(goal.line()).contains("not met (ratio 100 %, p99 10.00 ms");
    }

    @Test
    void routingGoal_notMet_whenAnyRequestFailed() {
        RoutingGoal goal = RoutingGoal.of(
                64, window(Window.LIVE, 1, 100_000, 1_000, 0), window(Window.ROUTE, 1, 100_000, 1_000, 0), 1);

        assertThat(goal.met()).isFalse();
        assertThat(goal.line()).endsWith("not met (ratio 100 %, p99 1.00 ms, 1 errors)");
    }

    @Test
    void median_isTheMiddleRound_andOfTwoTheSlower() {
        Window slow = window(Window.ROUTE, 1, 100, 1, 0);
        Window middle = window(Window.ROUTE, 2, 200, 1, 0);
        Window fast = window(Window.ROUTE, 3, 300, 1, 0);

        assertThat(Window.median(List.of(fast, slow, middle))).isSameAs(middle);
        assertThat(Window.median(List.of(fast, slow))).isSameAs(slow);
        assertThat(Window.median(List.of(fast))).isSameAs(fast);
    }

    @Test
    void startGoal_decidedByTheMedianOfTheStartsWithTheArchive() {
        StartupBench.Report report =
                new StartupBench.Report(List.of(), true, 1_600, List.of(900.0, 1_400.0, 1_700.0, 800.0));

        assertThat(report.median()).isEqualTo(1_150);
        assertThat(report.goal().met()).isTrue();
        assertThat(report.goal().line())
                .isEqualTo("Goal: start to ready ≤ 1.5 s on SQLite — met (median 1,150 ms over 4 starts; the first"
                        + " start, without the class-data archive, 1,600 ms, over)");
        assertThat(new StartGoal(1_501, 1_000, 3).met()).isFalse();
    }
}
