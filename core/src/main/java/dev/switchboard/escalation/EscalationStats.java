package dev.switchboard.escalation;

import java.util.Map;

/**
 * Queue statistics (SPEC §3.6): the seed's fields and percentiles of resolution time, the share of settled packets
 * resolved within their SLA ({@code null} when none is settled), and counts per target role and per matched rule.
 * Immutable.
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
        Double slaMetRatio) {
    public EscalationStats {
        byPriority = Map.copyOf(byPriority);
        byStatus = Map.copyOf(byStatus);
        byReason = Map.copyOf(byReason);
        byTargetRole = Map.copyOf(byTargetRole);
        byRule = Map.copyOf(byRule);
    }
}
