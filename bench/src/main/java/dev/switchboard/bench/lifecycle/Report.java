package dev.switchboard.bench.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run's results: the peers' windows and pgbench's ceilings, as a Markdown table, the goal line, a Markdown
 * fragment for a results report, and JSON.
 */
record Report(List<Result> results, List<Ceiling> ceilings) {
    /** The goal: Switchboard's lifecycles/s at least this many times the faster peer's. */
    static final double GOAL_TIMES = 5;

    List<Standing> standings() {
        return Standing.of(results, ceilings);
    }

    /** The thread counts measured, in the order first run. */
    List<Integer> threadCounts() {
        return Stream.concat(
                        results.stream().map(Result::threads), ceilings.stream().map(Ceiling::clients))
                .distinct()
                .toList();
    }

    /** Per thread count: every peer's row, then pgbench's. */
    String table() {
        StringBuilder table = new StringBuilder(
                "| threads | peer | lifecycles/s | commits/s | of the ceiling | p50 ms | p99 ms | machine CPU | errors |"
                        + " Switchboard is |\n"
                        + "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (int threads : threadCounts()) {
            Standing standing = standingAt(threads);
            for (Result r : results) {
                if (r.threads() == threads) {
                    table.append(row(r, standing));
                }
            }
            ceilings.stream().filter(c -> c.clients() == threads).forEach(c -> table.append(row(c)));
        }
        return table.toString();
    }

    private Standing standingAt(int threads) {
        return standings().stream()
                .filter(s -> s.threads() == threads)
                .findFirst()
                .orElse(null);
    }

    private static String row(Result r, Standing standing) {
        boolean ours = r.peer().equals(SwitchboardPeer.NAME);
        String commits = "";
        String fraction = "";
        String compared = "";
        if (ours) {
            commits = String.format(Locale.ROOT, "%,.0f", standing.commitsPerSecond());
            fraction = Double.isNaN(standing.ceilingFraction()) ? "" : percent(standing.ceilingFraction());
            compared = standing.fasterPeer() == null
                    ? ""
                    : String.format(
                            Locale.ROOT,
                            "%.1f× the faster peer (%s)",
                            standing.timesFaster(),
                            standing.fasterPeer().peer());
        } else if (standing != null) {
            double times = standing.switchboard().perSecond() / r.perSecond();
            compared = String.format(Locale.ROOT, times >= 1 ? "%.1f× faster" : "%.1f× as fast", times);
        }
        return String.format(
                Locale.ROOT,
                "| %d | %s | %,.0f | %s | %s | %.2f | %.2f | %s | %d | %s |%n",
                r.threads(),
                r.peer(),
                r.perSecond(),
                commits,
                fraction,
                r.p50Millis(),
                r.p99Millis(),
                percent(r.cpuBusy()),
                r.errors(),
                compared);
    }

    private static String row(Ceiling c) {
        return String.format(
                Locale.ROOT,
                "| %d | %s (%d connection%s) |  | %,.0f |  | %.2f (mean) |  | %s | %d |  |%n",
                c.clients(),
                Pgbench.NAME,
                c.clients(),
                c.clients() == 1 ? "" : "s",
                c.tps(),
                c.latencyMillis(),
                percent(c.cpuBusy()),
                c.failed());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    /** "Goal ≥ 5× the faster peer: met at threads …; not met at threads …", from the thread counts with a peer. */
    String goal() {
        List<Standing> compared =
                standings().stream().filter(s -> s.fasterPeer() != null).toList();
        String head = String.format(Locale.ROOT, "Goal ≥ %.0f× the faster peer: ", GOAL_TIMES);
        if (compared.isEmpty()) {
            return head + "not measured (it needs switchboard and another peer at the same thread count).";
        }
        List<String> parts = new ArrayList<>();
        String met = threadsWhere(compared, true);
        String notMet = threadsWhere(compared, false);
        if (!met.isEmpty()) {
            parts.add("met at threads " + met);
        }
        if (!notMet.isEmpty()) {
            parts.add("not met at threads " + notMet);
        }
        return head + String.join("; ", parts) + ".";
    }

    private static String threadsWhere(List<Standing> standings, boolean met) {
        return standings.stream()
                .filter(s -> s.timesFaster() >= GOAL_TIMES == met)
                .map(s -> String.format(Locale.ROOT, "%d (%.1f×)", s.threads(), s.timesFaster()))
                .collect(Collectors.joining(", "));
    }

    /** A section for a results report: what was measured, the table, and the goal line. */
    String fragment(List<String> peers, String durability, long warmupSeconds, long measureSeconds) {
        return "## Escalation lifecycle on PostgreSQL\n\n"
                + setup(peers, durability, warmupSeconds, measureSeconds) + "\n\n"
                + table() + "\n"
                + fractionNote()
                + goal() + "\n";
    }

    private String setup(List<String> peers, String durability, long warmupSeconds, long measureSeconds) {
        List<Integer> threads = threadCounts();
        int most = threads.stream().mapToInt(Integer::intValue).max().orElse(0);
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "Lifecycles/s of %s (a human task opened, claimed and closed, three transactions) at %s threads, each"
                        + " peer on a fresh database with a HikariCP pool of %d connections, the size of the server's"
                        + " own pool",
                and(peers),
                and(threads.stream().map(String::valueOf).toList()),
                BenchDatabase.POOL_SIZE));
        if (most > BenchDatabase.POOL_SIZE) {
            line.append(String.format(
                    Locale.ROOT,
                    " (at %d threads, %d wait for a connection, alike for every peer)",
                    most,
                    most - BenchDatabase.POOL_SIZE));
        }
        if (ceilings.isEmpty()) {
            line.append("; pgbench not run");
        } else {
            line.append("; the database's commit ceiling from pgbench at the same concurrency: single-row inserts, one"
                    + " commit each, on a database of its own, with one connection per client");
            if (most > BenchDatabase.POOL_SIZE) {
                line.append(String.format(
                        Locale.ROOT,
                        " (%d connections at %d threads: the database's ceiling, not the pool's)",
                        most,
                        most));
            }
        }
        line.append(String.format(
                Locale.ROOT,
                "; warmup %d s, measured %d s per window; PostgreSQL %s.",
                warmupSeconds,
                measureSeconds,
                durability));
        return line.toString();
    }

    private String fractionNote() {
        return ceilings.isEmpty()
                ? ""
                : String.format(
                        Locale.ROOT,
                        "Switchboard's commits/s are %d × its lifecycles/s (create, claim and resolve commit once each);"
                                + " \"of the ceiling\" divides them by pgbench's commits/s at the same concurrency.%n%n",
                        SwitchboardPeer.COMMITS_PER_LIFECYCLE);
    }

    private static String and(List<String> items) {
        return items.size() < 2
                ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    /**
     * Per thread count: how many times the faster peer Switchboard is, and its share of the commit ceiling; for the
     * results report's goals table.
     */
    String goalMeasured() {
        List<String> parts = new ArrayList<>();
        for (Standing s : standings()) {
            if (s.fasterPeer() == null) {
                continue;
            }
            String part = String.format(
                    Locale.ROOT,
                    "%d %s: %.1f× %s",
                    s.threads(),
                    s.threads() == 1 ? "thread" : "threads",
                    s.timesFaster(),
                    s.fasterPeer().peer());
            if (!Double.isNaN(s.ceilingFraction())) {
                part += " (" + percent(s.ceilingFraction()) + " of the commit ceiling)";
            }
            parts.add(part);
        }
        return parts.isEmpty() ? "not measured" : String.join("; ", parts);
    }

    /** The thread counts at which the goal is met (or not), among those with another peer. */
    List<Integer> goalThreads(boolean met) {
        return standings().stream()
                .filter(s -> s.fasterPeer() != null && s.timesFaster() >= GOAL_TIMES == met)
                .map(Standing::threads)
                .toList();
    }
}
