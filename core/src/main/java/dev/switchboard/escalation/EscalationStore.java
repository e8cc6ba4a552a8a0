package dev.switchboard.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Persistence of escalations and their audit trail. Every write is one transaction: a packet changes together with
 * its events (and, where named, its session and idempotency record) or not at all. Implementations are thread-safe
 * and serialize changes of one packet (a row lock, or a database-wide write lock), so that of concurrent changes
 * each sees the state the previous one left.
 */
public interface EscalationStore {
    /**
     * Stores a new packet with its events and, when not null, the response to replay for its idempotency key.
     *
     * @throws DuplicateIdempotencyKey when the key is already stored (a concurrent request with it won)
     * @throws DuplicateOpenEscalation when an open packet with the same {@code dedupKey} exists
     */
    void insert(Escalation packet, List<Event> events, IdempotentResponse response);

    /**
     * Hands a bot-owned (or not yet stored) session to a human and stores the packet that links it, in one
     * transaction; false, storing nothing, when the session is already human-owned.
     */
    boolean insertForSession(Escalation packet, List<Event> events);

    Optional<Escalation> find(String tenantId, String escalationId);

    Optional<Escalation> findByResumeToken(String tenantId, String resumeToken);

    /** The open (pending or in progress) packet with this de-duplication key. */
    Optional<Escalation> findOpen(String tenantId, String dedupKey);

    Optional<IdempotentResponse> idempotentResponse(String tenantId, String key);

    /**
     * Changes one packet atomically: {@code decide} gets the current packet and returns the change (it may throw to
     * refuse, and then nothing is written); the change is written only if the packet is still the one decided on.
     * {@code decide} may therefore be called again with the packet as another change left it, and must keep no state
     * of its own between calls. With {@code expectedVersion} not null and not the current version, throws {@link
     * dev.switchboard.policy.StaleVersionException} before deciding.
     *
     * @return the packet as it is after the change, and the events the change appended
     * @throws UnknownEscalation when the tenant has no such packet
     */
    Changed change(String tenantId, String escalationId, Integer expectedVersion, Function<Escalation, Change> decide);

    /** A page of the queue: priority (critical first), then age, then id. */
    EscalationPage list(String tenantId, EscalationQuery query);

    /** A packet's audit trail, oldest first. */
    List<Event> events(String tenantId, String escalationId);

    /** Open packets due at or before {@code now}, earliest first: of one tenant, or of all when it is null. */
    List<Ref> overdue(String tenantId, Instant now, int limit);

    /** Packets of every tenant whose push resume has been pending since before {@code before}. */
    List<Ref> stalledResumes(Instant before, int limit);

    /** Statistics over the tenant's packets created since {@code since}, computed by the database. */
    EscalationStats stats(String tenantId, Instant since, Instant now);

    /** Drops idempotency records older than {@code before}; returns how many. */
    int forgetIdempotentResponses(Instant before);

    /** A packet by its keys. */
    record Ref(String tenantId, String escalationId) {}

    /**
     * What a change writes: the packet's next state (the same object when nothing changes, and then nothing is
     * written), the events it appends, and the session it returns to the bot (null for none).
     */
    record Change(Escalation next, List<Event> events, SessionRelease release) {
        public Change {
            events = List.copyOf(events);
        }

        public static Change none(Escalation current) {
            return new Change(current, List.of(), null);
        }
    }

    /** A committed change: the packet after it, and the events it appended (in order). */
    record Changed(Escalation escalation, List<Event> written) {
        public Changed {
            written = List.copyOf(written);
        }
    }

    /**
     * Returns a session to the bot if this packet is the one that made it human-owned, appending {@code event} only
     * then.
     */
    record SessionRelease(String sessionId, Event event) {}

    /** The response first given to a create with an {@code Idempotency-Key}, replayed for its retries. */
    record IdempotentResponse(String key, String fingerprint, String escalationId, String body, Instant createdAt) {}
}
