package dev.switchboard.bench.http;

import dev.switchboard.bench.report.Goal;
import java.util.Locale;

/**
 * SPEC §10's bar for start-up, judged from a run: start to ready on SQLite in at most {@value #MAX_MILLIS} ms, the
 * median of the starts that map the class-data archive (what a user sees after the first run); the first start,
 * without the archive, is named beside it.
 */
record StartGoal(double medianMillis, double firstMillis, int runs) {
    static final double MAX_MILLIS = 1_500;

    boolean met() {
        return medianMillis <= MAX_MILLIS;
    }

    String line() {
        return String.format(
                Locale.ROOT,
                "Goal: start to ready ≤ 1.5 s on SQLite — %s (median %,.0f ms over %d starts; the first start, without"
                        + " the class-data archive, %,.0f ms, %s)",
                met() ? "met" : "not met",
                medianMillis,
                runs,
                firstMillis,
                firstMillis <= MAX_MILLIS ? "also within" : "over");
    }

    /** The line of the results page's goals table. */
    Goal asGoal() {
        return new Goal(
                "Start to ready on SQLite ≤ 1.5 s",
                String.format(
                        Locale.ROOT,
                        "median %,.0f ms over %d starts (the first, without the class-data archive, %,.0f ms)",
                        medianMillis,
                        runs,
                        firstMillis),
                met());
    }
}
