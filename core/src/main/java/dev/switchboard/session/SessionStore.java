package dev.switchboard.session;

import java.time.Instant;
import java.util.Optional;

/** Persistence of sessions. Implementations are thread-safe and make {@link #handOff} atomic. */
public interface SessionStore {
    Optional<Session> find(String tenantId, String sessionId);

    /**
     * Hands a bot-owned (or not yet stored) session to a human in one atomic step; true only for the one caller that
     * made the change, so concurrent transfers of one session open one escalation.
     */
    boolean handOff(String tenantId, String sessionId, Instant at);
}
