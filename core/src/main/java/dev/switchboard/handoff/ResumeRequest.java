package dev.switchboard.handoff;

import dev.switchboard.escalation.Resolution;

/** What a resume handler gets: the packet's secret token, what it is about, and the human's decision. Immutable. */
public record ResumeRequest(
        String tenantId,
        String escalationId,
        String resumeToken,
        String entityType,
        String entityId,
        String workflowName,
        Resolution resolution) {}
