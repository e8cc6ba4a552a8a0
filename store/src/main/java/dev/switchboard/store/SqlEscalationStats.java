package dev.switchboard.store;

import dev.switchboard.escalation.EscalationStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Queue statistics computed by the database (SPEC §3.6): grouped counts, resolution-time aggregates, percentiles by
 * ordered offset (portable: SQLite has no {@code percentile_cont}), and the SLA ratio — one pass each, no packet
 * loaded into memory. One per request; not thread-safe.
 */
final class SqlEscalationStats {
    private static final String SCOPE = " FROM escalations WHERE tenant_id = :tenant AND created_at >= :since";
    private static final String RESOLUTION = "(resolved_at - created_at)";
    private static final String NO_ROLE = "none";

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
        query("SELECT priority, status, reason, target_role, COUNT(*) AS n" + SCOPE
                        + " GROUP BY priority, status, reason, target_role")
                .map((rs, ctx) -> {
                    long n = rs.getLong("n");
                    total[0] += n;
                    byPriority.merge(rs.getString("priority"), n, Long::sum);
                    byStatus.merge(rs.getString("status"), n, Long::sum);
                    byReason.merge(rs.getString("reason"), n, Long::sum);
                    String role = rs.getString("target_role");
                    byRole.merge(role == null ? NO_ROLE : role, n, Long::sum);
                    return n;
                })
                .list();
        Map<String, Long> byRule = new TreeMap<>();
        query("""
                        SELECT r.rule_id, COUNT(*) AS n FROM escalation_rules r
                        JOIN escalations e ON e.tenant_id = r.tenant_id AND e.escalation_id = r.escalation_id
                        WHERE r.tenant_id = :tenant AND e.created_at >= :since GROUP BY r.rule_id""")
                .map((rs, ctx) -> byRule.put(rs.getString("rule_id"), rs.getLong("n")))
                .list();

        String resolved = SCOPE + " AND status = 'resolved' AND resolved_at IS NOT NULL";
        long resolvedCount =
                query("SELECT COUNT(*)" + resolved).mapTo(Long.class).one();
        double avgMillis = resolvedCount == 0
                ? 0
                : query("SELECT AVG(" + RESOLUTION + ")" + resolved)
                        .mapTo(Double.class)
                        .one();
        double p50 = percentile(resolved, resolvedCount, 0.5);
        double p90 = percentile(resolved, resolvedCount, 0.9);

        Long oldest = query("SELECT MIN(created_at)" + SCOPE + " AND status IN ('pending', 'in_progress')")
                .mapTo(Long.class)
                .findOne()
                .orElse(null);
        long overdue = query("SELECT COUNT(*)" + SCOPE + " AND status IN ('pending', 'in_progress') AND due_at < :now")
                .bind("now", now.toEpochMilli())
                .mapTo(Long.class)
                .one();
        long settled = query("SELECT COUNT(*)" + SCOPE + " AND status IN ('resolved', 'expired')")
                .mapTo(Long.class)
                .one();
        long met = query("SELECT COUNT(*)" + resolved + " AND resolved_at <= due_at")
                .mapTo(Long.class)
                .one();
        return new EscalationStats(
                total[0],
                byPriority,
                byStatus,
                byReason,
                byRole,
                byRule,
                round(minutes(avgMillis)),
                round(minutes(p50)),
                round(minutes(p90)),
                oldest == null
                        ? 0
                        : round((now.toEpochMilli() - oldest)
                                / (double) Duration.ofHours(1).toMillis()),
                overdue,
                settled == 0 ? null : round((double) met / settled),
                histogram(resolved));
    }

    /** Resolved packets per resolution-time bucket, every bucket listed (zeros too), in one grouped pass. */
    private List<EscalationStats.ResolutionBucket> histogram(String resolved) {
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
        bucket.append(" ELSE ").append(bounds.size()).append(" END");
        long[] counts = new long[bounds.size() + 1];
        query("SELECT " + bucket + " AS bucket, COUNT(*) AS n" + resolved + " GROUP BY " + bucket)
                .map((rs, ctx) -> counts[rs.getInt("bucket")] = rs.getLong("n"))
                .list();
        List<EscalationStats.ResolutionBucket> histogram = new java.util.ArrayList<>();
        for (int i = 0; i <= bounds.size(); i++) {
            histogram.add(new EscalationStats.ResolutionBucket(i < bounds.size() ? bounds.get(i) : null, counts[i]));
        }
        return histogram;
    }

    /** The {@code p} quantile of resolution time, interpolated between the two nearest ranks, in milliseconds. */
    private double percentile(String resolved, long count, double p) {
        if (count == 0) {
            return 0;
        }
        double rank = p * (count - 1);
        long lower = (long) Math.floor(rank);
        double low = resolutionAt(resolved, lower);
        if (lower + 1 >= count || rank == lower) {
            return low;
        }
        double high = resolutionAt(resolved, lower + 1);
        return low + (high - low) * (rank - lower);
    }

    private double resolutionAt(String resolved, long offset) {
        return query("SELECT " + RESOLUTION + resolved + " ORDER BY " + RESOLUTION + " LIMIT 1 OFFSET :offset")
                .bind("offset", offset)
                .mapTo(Double.class)
                .one();
    }

    private Query query(String sql) {
        return handle.createQuery(sql).bind("tenant", tenantId).bind("since", since.toEpochMilli());
    }

    private static double minutes(double millis) {
        return millis / Duration.ofMinutes(1).toMillis();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
