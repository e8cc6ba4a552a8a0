package dev.switchboard.handoff;

/** Whether a push resume of a packet of {@code workflow} (null: none) has somewhere to go besides local handlers. */
@FunctionalInterface
public interface ResumeSubscribers {
    boolean exist(String tenantId, String workflow);
}
