package dev.switchboard.session;

import java.time.Instant;
import java.util.Optional;

/** Persistence of sessions. Implementations are thread-safe and make {@link #handOff} atomic. */
public interface SessionStore {
    Optional<Session> find(String tenantId, String sessionId);

    /** Records a session as bot-owned if it is not stored yet; an existing session is left as it is. */
    void register(String tenantId, String sessionId, Instant at);

    /**
     * Hands a bot-owned (or not yet stored) session to a human in one atomic step; true only for the one caller that
     * made the change, so concurrent transfers of one session open one escalation.
     */
    boolean handOff(String tenantId, String sessionId, Instant at);
}
