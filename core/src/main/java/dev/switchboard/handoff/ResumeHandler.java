package dev.switchboard.handoff;

/**
 * Continues a paused workflow with the human's decision, in process. Registered per workflow with
 * {@link Escalations#onResume}. A call that returns marks the resume delivered; one that throws marks it failed (it
 * can be asked again). After a crash between the call and its record, the call is repeated: handlers de-duplicate by
 * {@link ResumeRequest#resumeToken()}.
 */
@FunctionalInterface
public interface ResumeHandler {
    void resume(ResumeRequest request) throws Exception;
}
