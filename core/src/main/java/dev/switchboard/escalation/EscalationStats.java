package dev.switchboard.escalation;

import java.util.List;
import java.util.Map;

/**
 * Queue statistics (SPEC §3.6): the seed's fields and percentiles of resolution time, the share of settled packets
 * resolved within their SLA ({@code null} when none is settled), counts per target role and per matched rule, and how
 * resolution times are distributed over {@link #HISTOGRAM_BOUNDS_MINUTES}. Immutable.
 */
public record EscalationStats(
        long total,
        Map<String, Long> byPriority,
        Map<String, Long> byStatus,
        Map<String, Long> byReason,
        Map<String, Long> byTargetRole,
        Map<String, Long> byRule,
        double avgResolutionMinutes,
        double p50ResolutionMinutes,
        double p90ResolutionMinutes,
        double oldestPendingHours,
        long overdueCount,
        Double slaMetRatio,
        List<ResolutionBucket> resolutionHistogram) {
    /** Upper bounds of the resolution-time buckets: 15 minutes, an hour, 4 hours, a day, 3 days; then the rest. */
    public static final List<Long> HISTOGRAM_BOUNDS_MINUTES = List.of(15L, 60L, 240L, 1_440L, 4_320L);

    /** Resolved packets that took less than {@code upToMinutes} (and at least the previous bound); null: the rest. */
    public record ResolutionBucket(Long upToMinutes, long count) {}

    public EscalationStats {
        resolutionHistogram = List.copyOf(resolutionHistogram);
        byPriority = Map.copyOf(byPriority);
        byStatus = Map.copyOf(byStatus);
        byReason = Map.copyOf(byReason);
        byTargetRole = Map.copyOf(byTargetRole);
        byRule = Map.copyOf(byRule);
    }
}
