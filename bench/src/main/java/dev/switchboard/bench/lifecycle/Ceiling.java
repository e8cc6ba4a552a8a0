package dev.switchboard.bench.lifecycle;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's own commit rate at one concurrency: one measured {@code pgbench} run of single-row inserts, one commit
 * per transaction, with {@code clients} connections.
 */
record Ceiling(int clients, long transactions, long failed, double tps, double latencyMillis, double cpuBusy) {
    private static final Pattern TPS_WITHOUT_CONNECTING = Pattern.compile(
            "^tps = ([0-9.]+) \\((?:without initial connection time|excluding connections establishing)\\)",
            Pattern.MULTILINE);
    private static final Pattern ANY_TPS = Pattern.compile("^tps = ([0-9.]+)", Pattern.MULTILINE);
    private static final Pattern LATENCY =
            Pattern.compile("^latency average\\s*[=:]\\s*([0-9.]+) ms", Pattern.MULTILINE);
    private static final Pattern PROCESSED =
            Pattern.compile("^number of transactions actually processed: ([0-9]+)", Pattern.MULTILINE);
    private static final Pattern FAILED =
            Pattern.compile("^number of failed transactions: ([0-9]+)", Pattern.MULTILINE);

    /**
     * Reads pgbench's summary: the rate without connection set-up (PostgreSQL 14 and later say "without initial
     * connection time", older ones "excluding connections establishing"; a lone {@code tps} line is taken as is), the
     * mean latency (NaN if absent) and the failed transactions (PostgreSQL 15 and later; else 0).
     *
     * @throws IllegalArgumentException when the output has no rate or no transaction count
     */
    static Ceiling parse(int clients, String output, double cpuBusy) {
        Matcher tps = TPS_WITHOUT_CONNECTING.matcher(output);
        if (!tps.find()) {
            tps = ANY_TPS.matcher(output);
            if (!tps.find()) {
                throw new IllegalArgumentException("no tps line in pgbench's output:\n" + output);
            }
        }
        Matcher processed = PROCESSED.matcher(output);
        if (!processed.find()) {
            throw new IllegalArgumentException("no transaction count in pgbench's output:\n" + output);
        }
        Matcher latency = LATENCY.matcher(output);
        Matcher failed = FAILED.matcher(output);
        return new Ceiling(
                clients,
                Long.parseLong(processed.group(1)),
                failed.find() ? Long.parseLong(failed.group(1)) : 0,
                Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                cpuBusy);
    }

    String line() {
        return String.format(
                Locale.ROOT,
                "%-12s %2d clients: %,9.1f commits/s (%,d), latency %.2f ms, CPU %.0f %%, %d failed",
                Pgbench.NAME,
                clients,
                tps,
                transactions,
                latencyMillis,
                cpuBusy * 100,
                failed);
    }
}
