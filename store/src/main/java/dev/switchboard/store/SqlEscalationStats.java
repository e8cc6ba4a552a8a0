package dev.switchboard.store;

import dev.switchboard.escalation.EscalationStats;
import dev.switchboard.escalation.EscalationStatus;
import dev.switchboard.input.WireEnum;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Queue statistics computed by the database (SPEC §3.6), no packet loaded into memory: one grouped pass over the
 * packets in scope (counts, overdue, oldest open), one over their rules, one over the resolved ones (histogram,
 * average, SLA ratio), and per percentile an ordered read of the one histogram bucket that holds it (portable: SQLite
 * has no {@code percentile_cont}). Every pass reads an index alone, never a packet's row. One per request; not
 * thread-safe.
 */
final class SqlEscalationStats {
    /**
     * The packets in scope. Every status is named so that the scope is one index range per status
     * (escalations_for_stats), not a scan of all the tenant's packets filtered by creation time.
     */
    private static final String SCOPE = " FROM escalations WHERE tenant_id = :tenant AND status IN ("
            + Arrays.stream(EscalationStatus.values())
                    .map(status -> "'" + WireEnum.code(status) + "'")
                    .collect(Collectors.joining(", "))
            + ") AND created_at >= :since";

    private static final String RESOLUTION = "(resolved_at - created_at)";
    private static final String NO_ROLE = "none";
    private static final String OPEN = "status IN ('pending', 'in_progress')";
    private static final String RESOLVED = " FROM escalations WHERE tenant_id = :tenant AND status = 'resolved'"
            + " AND created_at >= :since AND resolved_at IS NOT NULL";
    private static final String RESOLVED_SELECT = "SELECT " + RESOLUTION + RESOLVED;
    /** The histogram bucket of a resolved packet: 0 below the first bound, …, the last for the rest. */
    private static final String BUCKET = bucketExpression();

    // The statements. escalations_for_stats holds every column of escalations they name (migrations V7 on SQLite,
    // V5 on PostgreSQL), escalation_rules_by_created every one of escalation_rules: a column named here and not
    // there would make a statistic over all time read every packet (StatisticsIndexesTest).
    /** The grouped counts of the packets in scope, per group its overdue packets and oldest open one. */
    static final String GROUPED = "SELECT priority, status, reason, target_role, COUNT(*) AS n, SUM(CASE WHEN " + OPEN
            + " AND due_at < :now THEN 1 ELSE 0 END) AS overdue, MIN(CASE WHEN " + OPEN + " THEN created_at END) AS"
            + " oldest" + SCOPE + " GROUP BY priority, status, reason, target_role";
    /** The packets in scope per auto-escalation rule they matched. */
    static final String BY_RULE = "SELECT rule_id, COUNT(*) AS n FROM escalation_rules WHERE tenant_id = :tenant"
            + " AND created_at >= :since GROUP BY rule_id";
    /** The resolved packets in scope per resolution-time bucket. */
    static final String BUCKETS = "SELECT " + BUCKET + " AS bucket, COUNT(*) AS n, SUM(" + RESOLUTION + ") AS total,"
            + " MIN(" + RESOLUTION + ") AS lowest, MAX(" + RESOLUTION + ") AS highest, SUM(CASE WHEN resolved_at <="
            + " due_at THEN 1 ELSE 0 END) AS met" + RESOLVED + " GROUP BY " + BUCKET;
    /** Two resolution times in a bucket's range, from a rank on. */
    static final String PERCENTILE = RESOLVED_SELECT + " AND " + RESOLUTION + " >= :lowest AND " + RESOLUTION
            + " <= :highest ORDER BY " + RESOLUTION + " LIMIT 2 OFFSET :offset";

    private final Handle handle;
    private final String tenantId;
    private final Instant since;
    private final Instant now;

    SqlEscalationStats(Handle handle, String tenantId, Instant since, Instant now) {
        this.handle = handle;
        this.tenantId = tenantId;
        this.since = since;
        this.now = now;
    }

    EscalationStats compute() {
        Map<String, Long> byPriority = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> byRole = new TreeMap<>();
        long[] total = {0};
        long[] overdue = {0};
        Long[] oldest = {null};
        // One pass over the packets in scope: the grouped counts, and per group its overdue packets and oldest open
        // one.
        query(GROUPED)
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> {
                    long n = rs.getLong("n");
                    total[0] += n;
                    overdue[0] += rs.getLong("overdue");
                    long open = rs.getLong("oldest");
                    if (!rs.wasNull() && (oldest[0] == null || open < oldest[0])) {
                        oldest[0] = open;
                    }
                    byPriority.merge(rs.getString("priority"), n, Long::sum);
                    byStatus.merge(rs.getString("status"), n, Long::sum);
                    byReason.merge(rs.getString("reason"), n, Long::sum);
                    String role = rs.getString("target_role");
                    byRole.merge(role == null ? NO_ROLE : role, n, Long::sum);
                    return n;
                })
                .list();
        Map<String, Long> byRule = new TreeMap<>();
        query(BY_RULE)
                .map((rs, ctx) -> byRule.put(rs.getString("rule_id"), rs.getLong("n")))
                .list();

        Buckets buckets = buckets();
        long settled = byStatus.getOrDefault("resolved", 0L) + byStatus.getOrDefault("expired", 0L);
        return new EscalationStats(
                total[0],
                byPriority,
                byStatus,
                byReason,
                byRole,
                byRule,
                round(minutes(buckets.count() == 0 ? 0 : buckets.totalMillis() / buckets.count())),
                round(minutes(percentile(buckets, 0.5))),
                round(minutes(percentile(buckets, 0.9))),
                oldest[0] == null
                        ? 0
                        : round((now.toEpochMilli() - oldest[0])
                                / (double) Duration.ofHours(1).toMillis()),
                overdue[0],
                settled == 0 ? null : round((double) buckets.met() / settled),
                buckets.histogram());
    }

    /**
     * The resolved packets in scope per resolution-time bucket, with each bucket's fastest and slowest and the totals
     * the averages and the SLA ratio need: one grouped pass over the resolved packets.
     */
    private record Buckets(long[] counts, double[] lowest, double[] highest, double totalMillis, long met) {
        long count() {
            long sum = 0;
            for (long n : counts) {
                sum += n;
            }
            return sum;
        }

        List<EscalationStats.ResolutionBucket> histogram() {
            List<Long> bounds = EscalationStats.HISTOGRAM_BOUNDS_MINUTES;
            List<EscalationStats.ResolutionBucket> histogram = new java.util.ArrayList<>();
            for (int i = 0; i <= bounds.size(); i++) {
                histogram.add(
                        new EscalationStats.ResolutionBucket(i < bounds.size() ? bounds.get(i) : null, counts[i]));
            }
            return histogram;
        }
    }

    private Buckets buckets() {
        int size = EscalationStats.HISTOGRAM_BOUNDS_MINUTES.size() + 1;
        long[] counts = new long[size];
        double[] lowest = new double[size];
        double[] highest = new double[size];
        double[] totalMillis = {0};
        long[] met = {0};
        query(BUCKETS)
                .map((rs, ctx) -> {
                    int bucket = rs.getInt("bucket");
                    counts[bucket] = rs.getLong("n");
                    lowest[bucket] = rs.getDouble("lowest");
                    highest[bucket] = rs.getDouble("highest");
                    totalMillis[0] += rs.getDouble("total");
                    met[0] += rs.getLong("met");
                    return bucket;
                })
                .list();
        return new Buckets(counts, lowest, highest, totalMillis[0], met[0]);
    }

    /**
     * The {@code p} quantile of resolution time, interpolated between the two nearest ranks, in milliseconds. The
     * histogram says which bucket holds the lower rank, so the ordered read covers that bucket only.
     */
    private double percentile(Buckets buckets, double p) {
        long count = buckets.count();
        if (count == 0) {
            return 0;
        }
        double rank = p * (count - 1);
        long lower = (long) Math.floor(rank);
        int bucket = 0;
        long before = 0;
        while (before + buckets.counts()[bucket] <= lower) {
            before += buckets.counts()[bucket];
            bucket++;
        }
        List<Double> values = query(PERCENTILE)
                .bind("lowest", (long) buckets.lowest()[bucket])
                .bind("highest", (long) buckets.highest()[bucket])
                .bind("offset", lower - before)
                .mapTo(Double.class)
                .list();
        // Rows resolved between the two reads can shift the ranks by a few; the bucket's bounds stand in then.
        double low = values.isEmpty() ? buckets.highest()[bucket] : values.getFirst();
        if (lower + 1 >= count || rank == lower) {
            return low;
        }
        double high;
        if (values.size() > 1) {
            high = values.get(1);
        } else {
            int next = bucket + 1;
            while (next < buckets.counts().length && buckets.counts()[next] == 0) {
                next++;
            }
            high = next < buckets.counts().length ? buckets.lowest()[next] : low;
        }
        return low + (high - low) * (rank - lower);
    }

    private Query query(String sql) {
        return handle.createQuery(sql).bind("tenant", tenantId).bind("since", since.toEpochMilli());
    }

    private static String bucketExpression() {
        List<Long> bounds = EscalationStats.HISTOGRAM_BOUNDS_MINUTES;
        StringBuilder bucket = new StringBuilder("CASE");
        for (int i = 0; i < bounds.size(); i++) {
            bucket.append(" WHEN ")
                    .append(RESOLUTION)
                    .append(" < ")
                    .append(Duration.ofMinutes(bounds.get(i)).toMillis())
                    .append(" THEN ")
                    .append(i);
        }
        return bucket.append(" ELSE ").append(bounds.size()).append(" END").toString();
    }

    private static double minutes(double millis) {
        return millis / Duration.ofMinutes(1).toMillis();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
