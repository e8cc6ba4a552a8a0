package dev.switchboard.bench.lifecycle;

import java.util.Comparator;
import java.util.List;

/**
 * Switchboard at one thread count: against the faster of the other peers ({@code null} if none ran) and against the
 * database's commit ceiling at the same concurrency ({@code null} without pgbench).
 */
record Standing(int threads, Result switchboard, Result fasterPeer, Ceiling ceiling) {

    /** One per thread count at which Switchboard ran, in the order of {@code results}. */
    static List<Standing> of(List<Result> results, List<Ceiling> ceilings) {
        return results.stream()
                .filter(r -> r.peer().equals(SwitchboardPeer.NAME))
                .map(ours -> new Standing(
                        ours.threads(),
                        ours,
                        results.stream()
                                .filter(r -> r.threads() == ours.threads()
                                        && !r.peer().equals(SwitchboardPeer.NAME))
                                .max(Comparator.comparingDouble(Result::perSecond))
                                .orElse(null),
                        ceilings.stream()
                                .filter(c -> c.clients() == ours.threads())
                                .findFirst()
                                .orElse(null)))
                .toList();
    }

    /** Switchboard's lifecycles/s over the faster peer's; NaN if no other peer ran. */
    double timesFaster() {
        return fasterPeer == null ? Double.NaN : switchboard.perSecond() / fasterPeer.perSecond();
    }

    /** Switchboard's lifecycles as commits: each lifecycle commits {@value SwitchboardPeer#COMMITS_PER_LIFECYCLE} times. */
    double commitsPerSecond() {
        return SwitchboardPeer.COMMITS_PER_LIFECYCLE * switchboard.perSecond();
    }

    /** Switchboard's commits/s over pgbench's at the same concurrency; NaN without pgbench. */
    double ceilingFraction() {
        return ceiling == null ? Double.NaN : commitsPerSecond() / ceiling.tps();
    }
}
